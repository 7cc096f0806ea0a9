// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Encoder writes compact JSON: the generated packages write each field through it.
type Encoder struct {
	buf []byte
}

// Bytes is what was written.
func (e *Encoder) Bytes() []byte { return e.buf }

// Raw writes text that is JSON already (punctuation, a quoted key).
func (e *Encoder) Raw(text string) { e.buf = append(e.buf, text...) }

// Field starts a member: a comma unless it is the object's first, then `"name":` (quoted).
func (e *Encoder) Field(quotedKey string) {
	if last := e.buf[len(e.buf)-1]; last != '{' {
		e.buf = append(e.buf, ',')
	}
	e.buf = append(e.buf, quotedKey...)
}

// Comma separates array items.
func (e *Encoder) Comma(i int) {
	if i > 0 {
		e.buf = append(e.buf, ',')
	}
}

// Null writes null.
func (e *Encoder) Null() { e.buf = append(e.buf, "null"...) }

// Bool writes true or false.
func (e *Encoder) Bool(v bool) {
	if v {
		e.buf = append(e.buf, "true"...)
	} else {
		e.buf = append(e.buf, "false"...)
	}
}

// Int writes an integer.
func (e *Encoder) Int(v Int) { e.buf = v.appendTo(e.buf) }

// Float writes a finite double as Python's repr does: the shortest digits that read back as
// the same double, always with a `.` or an exponent (`1.0`, `1e+16`, `1e-05`), so the value
// reads back as a float (encoding/json's `18446744073709552000` reads back as another integer).
func (e *Encoder) Float(f float64) *Fault {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Faultf("a float that is not finite is not JSON")
	}
	if abs := math.Abs(f); abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		e.buf = strconv.AppendFloat(e.buf, f, 'e', -1, 64)
		return nil
	}
	at := len(e.buf)
	e.buf = strconv.AppendFloat(e.buf, f, 'f', -1, 64)
	for _, c := range e.buf[at:] {
		if c == '.' {
			return nil
		}
	}
	e.buf = append(e.buf, '.', '0')
	return nil
}

// Str writes a string; it must be UTF-8.
func (e *Encoder) Str(s string) *Fault {
	if !utf8.ValidString(s) {
		return Faultf("a string that is not UTF-8")
	}
	e.buf = appendQuoted(e.buf, s)
	return nil
}

// Bytes64 writes standard, padded base64.
func (e *Encoder) Bytes64(b []byte) {
	size := base64.StdEncoding.EncodedLen(len(b))
	at := len(e.buf)
	e.buf = append(e.buf, make([]byte, size+2)...)
	e.buf[at] = '"'
	base64.StdEncoding.Encode(e.buf[at+1:], b)
	e.buf[at+1+size] = '"'
}

// JSON writes free-form JSON after reading it as a frame is read (strict JSON, every number a
// double), compact, repeated keys resolved.
func (e *Encoder) JSON(raw json.RawMessage) *Fault {
	if raw == nil {
		return Faultf("free-form JSON left empty (nil)")
	}
	d, err := Parse(raw)
	if err != nil {
		return Faultf(err.Reason)
	}
	defer d.Release()
	out, f := d.appendJSON(e.buf, d.Root(), false)
	if f != nil {
		return f
	}
	e.buf = out
	return nil
}

// JSONObject is JSON that must be an object (an unknown event's raw frame).
func (e *Encoder) JSONObject(raw json.RawMessage) *Fault { return e.jsonObject(raw, false) }

// VariantObject is an unknown nested variant's object, which may hold what Doc.UnknownVariant
// keeps: an integer of a minus sign and MaxIntDigits digits, which Python converts.
func (e *Encoder) VariantObject(raw json.RawMessage) *Fault { return e.jsonObject(raw, true) }

func (e *Encoder) jsonObject(raw json.RawMessage, variant bool) *Fault {
	d, err := Parse(raw)
	if err != nil {
		return Faultf(err.Reason)
	}
	defer d.Release()
	if d.Kind(d.Root()) != Object {
		return d.Expected(d.Root(), "object")
	}
	out, f := d.appendJSON(e.buf, d.Root(), variant && d.doublesOnly(d.Root()))
	if f != nil {
		return f
	}
	e.buf = out
	return nil
}

const hexDigits = "0123456789abcdef"

// appendQuoted writes a UTF-8 string with JSON's required escapes only.
func appendQuoted(out []byte, s string) []byte {
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		out = append(out, s[start:i]...)
		switch c {
		case '"', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, '\\', 'n')
		case '\r':
			out = append(out, '\\', 'r')
		case '\t':
			out = append(out, '\\', 't')
		case '\b':
			out = append(out, '\\', 'b')
		case '\f':
			out = append(out, '\\', 'f')
		default:
			out = append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

// NewEncoder is an encoder with room for a small event.
func NewEncoder() *Encoder { return &Encoder{buf: make([]byte, 0, 256)} }

// SortedKeys is a map's keys in order: maps are written sorted, so output is reproducible.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
