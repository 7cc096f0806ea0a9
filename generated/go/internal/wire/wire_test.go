// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

func TestParseAcceptsStrictJSONOnly(t *testing.T) {
	cases := []struct {
		frame string
		ok    bool
	}{
		{`{}`, true},
		{` {"a":[1,-0,0.5,1e2,1E+2,-1.5e-3,true,false,null,"x"]} `, true},
		{`{"a":"\u00e9\ud83d\ude00\n\"\\\/"}`, true},
		{`{"a":1e400}`, true}, // JSON; a fault only where it is read
		{``, false},
		{`{`, false},
		{`{"a":1,}`, false},
		{`{"a" 1}`, false},
		{`[1 2]`, false},
		{`{"a":01}`, false},
		{`{"a":1.}`, false},
		{`{"a":.5}`, false},
		{`{"a":+1}`, false},
		{`{"a":-}`, false},
		{`{"a":NaN}`, false},
		{`{"a":Infinity}`, false},
		{`{"a":tru}`, false},
		{`{"a":"\ud800"}`, false},
		{`{"a":"\udc00"}`, false},
		{`{"a":"\ud800\u0041"}`, false},
		{`{"a":"\x"}`, false},
		{`{"a":"\u12"}`, false},
		{"{\"a\":\"\t\"}", false},
		{"\xef\xbb\xbf{}", false},
		{`{} x`, false},
		{`{}{}`, false},
		{strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), true},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), false},
	}
	for _, c := range cases {
		d, err := Parse([]byte(c.frame))
		if (err == nil) != c.ok {
			t.Errorf("Parse(%q): error %v, want ok=%v", c.frame, err, c.ok)
		}
		if err != nil && err.Path != "$" {
			t.Errorf("Parse(%q): path %q, want $", c.frame, err.Path)
		}
		if d != nil {
			d.Release()
		}
	}
}

func TestBytesThatAreNotUTF8AreMarkedNotRefused(t *testing.T) {
	d, err := Parse([]byte("{\"a\":\"\xff\",\"\xfe\":1}"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	if !d.NotUTF8() {
		t.Fatal("not marked")
	}
	k, v := d.Member(d.Root(), 0)
	if _, f := d.Str(v); f == nil {
		t.Error("reading a string that is not UTF-8 must be a fault")
	}
	if string(d.Key(k)) != "a" {
		t.Error("key a")
	}
	if k, _ := d.Member(d.Root(), 1); d.Key(k) != nil {
		t.Error("a key that is not UTF-8 matches no field")
	}
}

func TestRepeatedKeysLastWinsInFirstPlace(t *testing.T) {
	for _, frame := range []string{
		`{"a":1,"b":2,"a":3}`,
		`{"a":1,"b":2,"\u0061":3}`,
		`{"a":0,"k0":0,"k1":0,"k2":0,"k3":0,"k4":0,"k5":0,"k6":0,"k7":0,"k8":0,"k9":0,"k10":0,"k11":0,"k12":0,"k13":0,"k14":0,"k15":0,"k16":0,"b":2,"a":3}`,
	} {
		d, err := Parse([]byte(frame))
		if err != nil {
			t.Fatal(err)
		}
		raw, f := d.JSON(d.Root())
		if f != nil {
			t.Fatal(f.Reason)
		}
		if !strings.HasPrefix(string(raw), `{"a":3,`) || !strings.HasSuffix(string(raw), `"b":2}`) {
			t.Errorf("%s -> %s", frame, raw)
		}
		d.Release()
	}
}

func TestPlain8AgreesWithAByteLoop(t *testing.T) {
	plain := func(b byte) bool { return b >= 0x20 && b < 0x80 && b != '"' && b != '\\' }
	for at := 0; at < 8; at++ {
		for v := 0; v < 256; v++ {
			word := []byte("abcdefgh")
			word[at] = byte(v)
			want := plain(byte(v))
			if got := plain8(binary.LittleEndian.Uint64(word)); got != want {
				t.Fatalf("byte %#x at %d: plain8 %v, want %v", v, at, got, want)
			}
		}
	}
}

func TestNumbers(t *testing.T) {
	ints := map[string]string{
		"0": "0", "-0": "0", "1.0": "1", "1e2": "100", "-0.0": "0", "1E+2": "100",
		"123456789012345678901234567890": "123456789012345678901234567890",
		"1.5e300":                        "1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240", // Python: int(1.5e300)
		"1e-400":                         "0",
	}
	for literal, want := range ints {
		d, err := Parse([]byte(literal))
		if err != nil {
			t.Fatal(err)
		}
		got, f := d.Int(d.Root())
		if f != nil || got.String() != want {
			t.Errorf("Int(%s) = %v, %v; want %s", literal, got, f, want)
		}
		d.Release()
	}
	for _, literal := range []string{"1.5", "1e400", "-1e400", "true", `"1"`, strings.Repeat("9", MaxIntDigits+1)} {
		d, _ := Parse([]byte(literal))
		if _, f := d.Int(d.Root()); f == nil {
			t.Errorf("Int(%s) must be a fault", literal)
		}
		d.Release()
	}
	floats := map[float64]string{
		1: "1.0", -0.5: "-0.5", 1e16: "1e+16", 1e15: "1000000000000000.0", 1e-5: "1e-05",
		0.0001: "0.0001", 18446744073709551616: "1.8446744073709552e+19", math.Copysign(0, -1): "-0.0",
	}
	for f, want := range floats {
		var e Encoder
		e.buf = []byte{}
		if fault := e.Float(f); fault != nil || string(e.buf) != want {
			t.Errorf("Float(%v) = %s, want %s", f, e.buf, want)
		}
	}
	var e Encoder
	if e.Float(math.NaN()) == nil || e.Float(math.Inf(1)) == nil {
		t.Error("NaN and Infinity are not JSON")
	}
}

func TestFaultPaths(t *testing.T) {
	f := Faultf("x").AtIndex(3).At(".content").At(".item")
	if f.Path() != "$.item.content[3]" {
		t.Error(f.Path())
	}
	if Missing("event_id").Path() != "$.event_id" {
		t.Error("a missing field's path names the field")
	}
}

func TestStringsAreWrittenWithJSONsEscapesOnly(t *testing.T) {
	var e Encoder
	if f := e.Str("a\"\\\n\x01é<>&\u2028"); f != nil {
		t.Fatal(f)
	}
	if got := string(e.buf); got != "\"a\\\"\\\\\\n\\u0001é<>&\u2028\"" {
		t.Error(got)
	}
	if e.Str("\xff") == nil {
		t.Error("a string that is not UTF-8 cannot be written")
	}
}

func TestBase64AgreesWithEncodingBase64(t *testing.T) {
	inputs := []string{"", "AAAA", "AAA=", "AA==", "AB==", "AAB=", "A===", "====", "AA=A", "=AAA",
		"AAAAAAAA", "AAAA//8=", "-_-_AAAA", "AAAA AAA", "AAAA\x00AAA", "AAAAAAA=", "AAAA====",
		"QUJD", "QUJDRA==", "QUJDREU=", "\xffAAAAAAA", "AAAA=AAA"}
	for i := 0; i < 300; i++ { // every length class, with a bad byte anywhere
		raw := make([]byte, i%7)
		for j := range raw {
			raw[j] = byte(i*31 + j*7)
		}
		text := base64.StdEncoding.EncodeToString(raw)
		inputs = append(inputs, text)
		if len(text) > 0 {
			inputs = append(inputs, text[:i%len(text)]+"*"+text[i%len(text)+1:])
		}
	}
	for _, in := range inputs {
		want, err := base64.StdEncoding.DecodeString(in)
		got, ok := decodeBase64([]byte(in))
		if ok != (err == nil) || (ok && !bytes.Equal(got, want)) {
			t.Errorf("%q: got %v %v, encoding/base64 %v %v", in, got, ok, want, err)
		}
	}
}

// An unknown event must decode as it is written; an unknown nested variant may keep a minus
// sign and MaxIntDigits digits (Python converts them), but no longer literal.
func TestUnknownObjectsAreWrittenAsTheyDecode(t *testing.T) {
	negative := `{"type":"x","n":-` + strings.Repeat("9", MaxIntDigits) + `}`
	longer := `{"type":"x","n":` + strings.Repeat("9", MaxIntDigits+1) + `}`
	for _, c := range []struct {
		raw              string
		event, inVariant bool
	}{
		{`{"type":"x","n":[1,-0.0,"\u00e9"]}`, true, true},
		{negative, false, true},
		{longer, false, false},
		{`{"type":"x","n":1e400}`, false, false},
	} {
		var e Encoder
		if ok := e.JSONObject([]byte(c.raw)) == nil; ok != c.event {
			t.Errorf("JSONObject(%.30s...) accepted: %v", c.raw, ok)
		}
		var v Encoder
		if ok := v.VariantObject([]byte(c.raw)) == nil; ok != c.inVariant {
			t.Errorf("VariantObject(%.30s...) accepted: %v", c.raw, ok)
		}
	}
}
