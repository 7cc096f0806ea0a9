// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

var kindNames = [...]string{Null: "null", False: "bool", True: "bool", Number: "int", String: "str", Array: "array", Object: "object"}

// Kind is the JSON type of n.
func (d *Doc) Kind(n Node) Kind { return d.nodes[n].kind }

// IsNull tells whether n is `null`.
func (d *Doc) IsNull(n Node) bool { return d.nodes[n].kind == Null }

// KindName is n's JSON type as Python's structs backend names it: null, bool, int, float, str,
// array, object.
func (d *Doc) KindName(n Node) string {
	nd := d.nodes[n]
	if nd.kind == Number && nd.flags&flagFloat != 0 {
		return "float"
	}
	return kindNames[nd.kind]
}

// Expected is the fault of a value of the wrong JSON type.
func (d *Doc) Expected(n Node, want string) *Fault {
	return &Fault{Reason: "Expected `" + want + "`, got `" + d.KindName(n) + "`"}
}

// Len is the number of items of an array, or of members of an object.
func (d *Doc) Len(n Node) int { return int(d.nodes[n].end) }

// Item is the i-th item of an array.
func (d *Doc) Item(n Node, i int) Node { return d.kids[int(d.nodes[n].start)+i] }

// Member is the i-th member of an object, in document order (repeated keys resolved).
func (d *Doc) Member(n Node, i int) (key, value Node) {
	at := int(d.nodes[n].start) + 2*i
	return d.kids[at], d.kids[at+1]
}

// Key is a member's key, decoded, for matching against field names; nil when it holds bytes
// that are not UTF-8 (such a key matches no field: an undeclared field, skipped unread).
func (d *Doc) Key(k Node) []byte {
	if d.nodes[k].flags&flagNotUTF8 != 0 {
		return nil
	}
	return d.keyBytes(k)
}

// Lookup finds the member of object n whose key is name.
func (d *Doc) Lookup(n Node, name string) (Node, bool) {
	for i, count := 0, d.Len(n); i < count; i++ {
		k, v := d.Member(n, i)
		if d.nodes[k].flags&flagNotUTF8 == 0 && string(d.keyBytes(k)) == name {
			return v, true
		}
	}
	return 0, false
}

// Tag reads the discriminator of a tagged union's object: the object must have it, a string.
func (d *Doc) Tag(n Node, discriminator string) ([]byte, *Fault) {
	if d.nodes[n].kind != Object {
		return nil, d.Expected(n, "object")
	}
	v, ok := d.Lookup(n, discriminator)
	if !ok {
		return nil, Missing(discriminator)
	}
	nd := d.nodes[v]
	if nd.kind != String || nd.flags&flagNotUTF8 != 0 {
		return nil, Faultf("Expected `str`").At("." + discriminator)
	}
	return d.keyBytes(v), nil
}

// CheckTag checks a tag field read where the struct is known: it must be the struct's own.
func (d *Doc) CheckTag(v Node, want string) *Fault {
	nd := d.nodes[v]
	if nd.kind != String || nd.flags&flagNotUTF8 != 0 {
		return Faultf("Expected `str`")
	}
	if got := d.keyBytes(v); string(got) != want {
		return InvalidTag(string(got))
	}
	return nil
}

// Str reads a string.
func (d *Doc) Str(n Node) (string, *Fault) {
	nd := d.nodes[n]
	if nd.kind != String {
		return "", d.Expected(n, "str")
	}
	if nd.flags&flagNotUTF8 != 0 {
		return "", Faultf("a string with bytes that are not UTF-8")
	}
	if nd.flags&flagEscaped == 0 && len(d.src) <= smallFrame {
		if d.text == "" {
			d.text = string(d.src)
		}
		return d.text[nd.start:nd.end], nil
	}
	return string(d.keyBytes(n)), nil
}

// smallFrame: up to this size, a frame's strings share one copy of the frame (one allocation,
// not one per string); a string of a larger frame is a copy of its own, so a small field never
// keeps a large payload's memory alive.
const smallFrame = 1024

// Bool reads true or false.
func (d *Doc) Bool(n Node) (bool, *Fault) {
	switch d.nodes[n].kind {
	case True:
		return true, nil
	case False:
		return false, nil
	}
	return false, d.Expected(n, "bool")
}

// longInt is msgspec's fault for an integer literal longer than MaxIntDigits.
const longInt = "Integer value out of range"

// Int reads an integer, exactly; an integral float is the integer it equals.
func (d *Doc) Int(n Node) (Int, *Fault) {
	nd := d.nodes[n]
	if nd.kind != Number {
		return Int{}, d.Expected(n, "int")
	}
	literal := d.src[nd.start:nd.end]
	if nd.flags&flagHuge != 0 {
		return Int{}, Faultf(longInt)
	}
	if nd.flags&flagFloat == 0 {
		return parseInt(literal), nil
	}
	f, err := strconv.ParseFloat(string(literal), 64)
	if err != nil || math.IsInf(f, 0) {
		return Int{}, Faultf("Number out of range")
	}
	if f != math.Trunc(f) {
		return Int{}, d.Expected(n, "int")
	}
	return intOfFloat(f), nil
}

// Float reads a number as a double; one beyond the double range is a fault.
func (d *Doc) Float(n Node) (float64, *Fault) {
	nd := d.nodes[n]
	if nd.kind != Number {
		return 0, d.Expected(n, "float")
	}
	if nd.flags&flagHuge != 0 {
		return 0, Faultf("Number out of range")
	}
	f, err := strconv.ParseFloat(string(d.src[nd.start:nd.end]), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, Faultf("Number out of range")
	}
	return f, nil
}

// Bytes reads standard, padded base64 (`+/`, `=`; no whitespace, no line breaks).
func (d *Doc) Bytes(n Node) ([]byte, *Fault) {
	nd := d.nodes[n]
	if nd.kind != String {
		return nil, d.Expected(n, "bytes")
	}
	if nd.flags&flagNotUTF8 != 0 {
		return nil, Faultf("Invalid base64 encoded string")
	}
	text := d.keyBytes(n)
	// encoding/base64 skips \r and \n; the contract does not
	if len(text)%4 != 0 || bytes.IndexByte(text, '\n') >= 0 || bytes.IndexByte(text, '\r') >= 0 {
		return nil, Faultf("Invalid base64 encoded string")
	}
	out, ok := decodeBase64(text)
	if !ok {
		return nil, Faultf("Invalid base64 encoded string")
	}
	return out, nil
}

// JSON reads free-form JSON: every value of it is read, so a number beyond a double or a
// string with bytes that are not UTF-8 is a fault at its own path (`[...]` for an object's
// member, `[i]` for an array's item, as Python's paths are). The result is compact, with
// repeated keys resolved.
func (d *Doc) JSON(n Node) (json.RawMessage, *Fault) {
	out, f := d.appendJSON(nil, n, false)
	if f != nil {
		return nil, f
	}
	return out, nil
}

// appendJSON writes n compact; checked: every value of it is known to be readable
// (doublesOnly), so none is checked again.
func (d *Doc) appendJSON(out []byte, n Node, checked bool) ([]byte, *Fault) {
	nd := d.nodes[n]
	switch nd.kind {
	case Null:
		return append(out, "null"...), nil
	case True:
		return append(out, "true"...), nil
	case False:
		return append(out, "false"...), nil
	case Number:
		literal := d.src[nd.start:nd.end]
		if checked {
			return append(out, literal...), nil
		}
		if nd.flags&flagHuge != 0 {
			return nil, Faultf(longInt)
		}
		if nd.flags&flagFloat != 0 {
			f, err := strconv.ParseFloat(string(literal), 64)
			if err != nil || math.IsInf(f, 0) {
				return nil, Faultf("Number out of range")
			}
		}
		return append(out, literal...), nil
	case String:
		return d.appendString(out, n)
	case Array:
		out = append(out, '[')
		for i, count := 0, d.Len(n); i < count; i++ {
			if i > 0 {
				out = append(out, ',')
			}
			var f *Fault
			if out, f = d.appendJSON(out, d.Item(n, i), checked); f != nil {
				return nil, f.AtIndex(i)
			}
		}
		return append(out, ']'), nil
	}
	out = append(out, '{')
	for i, count := 0, d.Len(n); i < count; i++ {
		if i > 0 {
			out = append(out, ',')
		}
		k, v := d.Member(n, i)
		var f *Fault
		if out, f = d.appendString(out, k); f != nil {
			return nil, f.At("[...]")
		}
		out = append(out, ':')
		if out, f = d.appendJSON(out, v, checked); f != nil {
			return nil, f.At("[...]")
		}
	}
	return append(out, '}'), nil
}

func (d *Doc) appendString(out []byte, n Node) ([]byte, *Fault) {
	nd := d.nodes[n]
	if nd.flags&flagNotUTF8 != 0 {
		return nil, Faultf("a string with bytes that are not UTF-8")
	}
	raw := d.src[nd.start:nd.end]
	if nd.flags&flagEscaped == 0 { // nothing in it needs an escape
		out = append(out, '"')
		out = append(out, raw...)
		return append(out, '"'), nil
	}
	return appendQuoted(out, string(unescape(make([]byte, 0, len(raw)), raw))), nil
}

// EventType reads the top-level `type` of a frame, as Python's structs backend does: the frame
// must be an object whose `type` is a string. A frame that is not, with bytes that are not
// UTF-8 in it, is invalid at its first string holding such bytes (notUTF8Error).
func (d *Doc) EventType() ([]byte, *DecodeError) {
	typ, err := d.eventType()
	switch {
	case err == nil:
		return typ, nil
	case d.notUTF8:
		return nil, d.notUTF8Error()
	}
	return nil, err
}

func (d *Doc) eventType() ([]byte, *DecodeError) {
	root := d.Root()
	if d.nodes[root].kind != Object {
		return nil, &DecodeError{Path: "$", Reason: "expected a JSON object, got " + d.KindName(root)}
	}
	v, ok := d.Lookup(root, "type")
	if !ok {
		return nil, &DecodeError{Path: "$.type", Reason: "missing `type`"}
	}
	if d.nodes[v].kind != String || d.nodes[v].flags&flagNotUTF8 != 0 {
		return nil, &DecodeError{Path: "$.type", Reason: "`type` must be a string"}
	}
	return d.keyBytes(v), nil
}

// Unknown is the whole frame of an event of a type the protocol does not define: it is carried
// whole, so all of it must be valid (UTF-8, every number a double, no integer literal longer
// than MaxIntDigits), repeated keys resolved; the fault is at `$`, or at its first string with
// bytes that are not UTF-8 (notUTF8Error).
func (d *Doc) Unknown() (json.RawMessage, *DecodeError) {
	if d.notUTF8 {
		return nil, d.notUTF8Error()
	}
	raw, f := d.JSON(d.Root())
	if f != nil {
		return nil, &DecodeError{Path: "$", Reason: "not valid JSON: " + f.Reason}
	}
	return raw, nil
}

// UnknownVariant is object n, whose `discriminator` (tag) an open union does not define, as its
// unknown variant keeps it: whole, compact, repeated keys resolved. Python keeps such an object
// only when all of it is JSON it holds (open_unions._holds_raw): a number beyond a double, an
// integer of more digits than Python converts, or a string or key with bytes that are not UTF-8,
// anywhere in it makes it no unknown variant but a tag the union does not define, a fault at
// the tag.
func (d *Doc) UnknownVariant(n Node, discriminator string, tag []byte) (json.RawMessage, *Fault) {
	if !d.doublesOnly(n) {
		return nil, InvalidTag(string(tag)).At("." + discriminator)
	}
	return d.appendJSON(nil, n, true)
}

// doublesOnly tells whether every number in n (repeated keys resolved) is a double or an
// integer Python converts, and every string and key UTF-8.
func (d *Doc) doublesOnly(n Node) bool {
	nd := d.nodes[n]
	switch nd.kind {
	case Number:
		if nd.flags&flagFloat != 0 {
			f, err := strconv.ParseFloat(string(d.src[nd.start:nd.end]), 64)
			return err == nil && !math.IsInf(f, 0)
		}
		// msgspec counts a minus sign as a digit, Python's int() does not: Python's slow path
		// reads a minus and MaxIntDigits digits as an int, and keeps it in the unknown variant
		return nd.flags&flagHuge == 0 || (d.src[nd.start] == '-' && nd.end-nd.start == MaxIntDigits+1)
	case String:
		return nd.flags&flagNotUTF8 == 0
	case Array:
		for i, count := 0, d.Len(n); i < count; i++ {
			if !d.doublesOnly(d.Item(n, i)) {
				return false
			}
		}
	case Object:
		for i, count := 0, d.Len(n); i < count; i++ {
			k, v := d.Member(n, i)
			if !d.doublesOnly(k) || !d.doublesOnly(v) {
				return false
			}
		}
	}
	return true
}

// Invalid is the DecodeError of a fault in a known event.
func (d *Doc) Invalid(eventType []byte, f *Fault) *DecodeError {
	reason := f.Reason
	if d.notUTF8 {
		reason += " (the frame has bytes that are not UTF-8)"
	}
	return &DecodeError{EventType: string(eventType), Path: f.Path(), Reason: reason}
}
