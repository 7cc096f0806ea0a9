// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"sync"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects a frame may have. Python's structs
// backend stops at the interpreter's recursion limit (about 1,000 levels, less the caller's
// stack), so frames nested between about 950 and 1,000 levels may get different verdicts.
const MaxDepth = 1000

// Kind is the JSON type of a node.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	False
	True
	Number
	String
	Array
	Object
)

const (
	flagEscaped uint8 = 1 << iota // a string with backslash escapes
	flagNotUTF8                   // a string holding bytes that are not UTF-8
	flagFloat                     // a number with a fraction or an exponent
	flagHuge                      // an integer literal longer than MaxIntDigits
)

// MaxIntDigits is the longest integer literal, its minus sign included, that may be read, as
// msgspec reads JSON (CPython's default int_max_str_digits, a guard against quadratic
// conversions, which msgspec applies to the literal). As in Python, a longer one is skipped
// unread in an undeclared field, a fault where a field is declared ("Integer value out of
// range"), and makes an unknown event, which is carried whole, invalid at `$`; an unknown nested
// variant holding one is none (UnknownVariant). Bytes that are not UTF-8 elsewhere in the frame
// change none of this.
const MaxIntDigits = 4300

// Node is a value of a parsed frame: an index into its Doc.
type Node int32

type node struct {
	kind  Kind
	flags uint8
	// Strings: the bytes between the quotes; numbers: the literal. Arrays: the items are
	// Doc.kids[start:start+end]; objects: the end members are key, value pairs from start.
	start, end uint32
}

// Doc is one frame read as strict JSON (RFC 8259, I-JSON's rules on top):
//   - UTF-8 only, no lone surrogate escapes, no NaN or Infinity;
//   - a repeated key: the last value wins, in the place of the first (as a Python dict does);
//   - strings holding bytes that are not UTF-8 are kept, marked: they are faults where they
//     are read, and skipped unread in undeclared fields, as in Python's structs backend.
//
// Docs are pooled: Release one when nothing reads it any more. Nothing decoded from a Doc
// refers to its memory.
type Doc struct {
	src     []byte
	nodes   []node
	kids    []Node
	stack   []Node
	notUTF8 bool
	text    string         // the frame as a string, made on first use (decode.go: smallFrame)
	keys    map[string]int // dedup of large objects
}

var docs = sync.Pool{New: func() any { return new(Doc) }}

// Parse reads frame as strict JSON. The error, a *DecodeError at `$`, says why it is not.
func Parse(frame []byte) (*Doc, *DecodeError) {
	d := docs.Get().(*Doc)
	d.src = frame
	d.nodes = d.nodes[:0]
	d.kids = d.kids[:0]
	d.stack = d.stack[:0]
	d.notUTF8 = false
	d.text = ""
	p := parser{d: d, src: frame}
	p.space()
	if _, err := p.value(0); err != nil {
		d.Release()
		return nil, err
	}
	p.space()
	if p.i != len(frame) {
		d.Release()
		return nil, p.fail("trailing characters")
	}
	return d, nil
}

// Release returns d to the pool.
func (d *Doc) Release() {
	d.src, d.text = nil, ""
	if cap(d.nodes) > 1<<16 { // do not keep the memory of a huge frame
		*d = Doc{}
	}
	docs.Put(d)
}

// Root is the frame's top-level value.
func (d *Doc) Root() Node { return 0 }

// NotUTF8 tells whether some string of the frame holds bytes that are not UTF-8.
func (d *Doc) NotUTF8() bool { return d.notUTF8 }

type parser struct {
	d   *Doc
	src []byte
	i   int
}

func (p *parser) fail(reason string) *DecodeError {
	return &DecodeError{Path: "$", Reason: "not valid JSON: " + reason + " (byte " + strconv.Itoa(p.i) + ")"}
}

func (p *parser) space() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) add(n node) Node {
	p.d.nodes = append(p.d.nodes, n)
	return Node(len(p.d.nodes) - 1)
}

func (p *parser) value(depth int) (Node, *DecodeError) {
	if p.i >= len(p.src) {
		return 0, p.fail("truncated")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.string()
	case c == 't':
		return p.literal("true", True)
	case c == 'f':
		return p.literal("false", False)
	case c == 'n':
		return p.literal("null", Null)
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	}
	return 0, p.fail("invalid character")
}

func (p *parser) literal(word string, kind Kind) (Node, *DecodeError) {
	if !bytes.HasPrefix(p.src[p.i:], []byte(word)) {
		return 0, p.fail("invalid literal")
	}
	p.i += len(word)
	return p.add(node{kind: kind}), nil
}

func (p *parser) number() (Node, *DecodeError) {
	start := p.i
	var flags uint8
	if p.src[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.src) && p.src[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return 0, p.fail("invalid number")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		flags = flagFloat
		if p.digits() == 0 {
			return 0, p.fail("invalid number")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		flags = flagFloat
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return 0, p.fail("invalid number")
		}
	}
	if flags == 0 {
		if p.i-start > MaxIntDigits { // the sign counts, as msgspec reads it
			flags = flagHuge
		}
	}
	return p.add(node{kind: Number, flags: flags, start: uint32(start), end: uint32(p.i)}), nil
}

func (p *parser) digits() int {
	start := p.i
	for p.i < len(p.src) && '0' <= p.src[p.i] && p.src[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

func (p *parser) string() (Node, *DecodeError) {
	p.i++ // the opening quote
	start := p.i
	var flags uint8
	src := p.src
	for {
		// the common case, printable ASCII without escapes: 8 bytes at a time, then one by one
		i := p.i
		for i+16 <= len(src) && plain16(binary.LittleEndian.Uint64(src[i:i+8]), binary.LittleEndian.Uint64(src[i+8:i+16])) {
			i += 16
		}
		for i+8 <= len(src) && plain8(binary.LittleEndian.Uint64(src[i:i+8])) {
			i += 8
		}
		for i < len(src) {
			c := src[i]
			if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				break
			}
			i++
		}
		p.i = i
		if p.i >= len(src) {
			return 0, p.fail("truncated string")
		}
		switch c := src[p.i]; {
		case c == '"':
			n := p.add(node{kind: String, flags: flags, start: uint32(start), end: uint32(p.i)})
			p.i++
			return n, nil
		case c == '\\':
			flags |= flagEscaped
			if err := p.escape(); err != nil {
				return 0, err
			}
		case c < 0x20:
			return 0, p.fail("control character in a string")
		default:
			r, size := utf8.DecodeRune(src[p.i:])
			if r == utf8.RuneError && size == 1 {
				flags |= flagNotUTF8
				p.d.notUTF8 = true
			}
			p.i += size
		}
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plain8 tells whether 8 bytes are all printable ASCII other than '"' and '\\': no byte has
// its high bit set, is below 0x20 (w - 0x20.. borrows into it), or equals '"' or '\\' (a zero
// byte after the XOR).
func plain8(w uint64) bool { return special(w)&highs == 0 }

func plain16(a, b uint64) bool { return (special(a)|special(b))&highs == 0 }

func special(w uint64) uint64 {
	return (w - ones*0x20) | (w ^ (ones * '"') - ones) | (w ^ (ones * '\\') - ones) | w
}

func (p *parser) escape() *DecodeError {
	p.i++ // the backslash
	if p.i >= len(p.src) {
		return p.fail("truncated string")
	}
	switch p.src[p.i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.i++
		return nil
	case 'u':
		r, ok := hex4(p.src[p.i+1:])
		if !ok {
			return p.fail("invalid \\u escape")
		}
		p.i += 5
		switch {
		case 0xDC00 <= r && r <= 0xDFFF:
			return p.fail("lone surrogate escape")
		case 0xD800 <= r && r <= 0xDBFF:
			rest := p.src[p.i:]
			if len(rest) < 6 || rest[0] != '\\' || rest[1] != 'u' {
				return p.fail("lone surrogate escape")
			}
			low, ok := hex4(rest[2:])
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return p.fail("lone surrogate escape")
			}
			p.i += 6
		}
		return nil
	}
	return p.fail("invalid escape")
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (p *parser) array(depth int) (Node, *DecodeError) {
	if depth > MaxDepth {
		return 0, p.fail("nested too deep")
	}
	n := p.add(node{kind: Array})
	mark := len(p.d.stack)
	p.i++
	p.space()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return p.close(n, mark), nil
	}
	for {
		v, err := p.value(depth)
		if err != nil {
			return 0, err
		}
		p.d.stack = append(p.d.stack, v)
		p.space()
		if p.i >= len(p.src) {
			return 0, p.fail("truncated array")
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.space()
		case ']':
			p.i++
			return p.close(n, mark), nil
		default:
			return 0, p.fail("expected ',' or ']'")
		}
	}
}

func (p *parser) object(depth int) (Node, *DecodeError) {
	if depth > MaxDepth {
		return 0, p.fail("nested too deep")
	}
	n := p.add(node{kind: Object})
	mark := len(p.d.stack)
	p.i++
	p.space()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return p.close(n, mark), nil
	}
	for {
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			return 0, p.fail("expected a key")
		}
		k, err := p.string()
		if err != nil {
			return 0, err
		}
		p.space()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return 0, p.fail("expected ':'")
		}
		p.i++
		p.space()
		v, err := p.value(depth)
		if err != nil {
			return 0, err
		}
		p.d.stack = append(p.d.stack, k, v)
		p.space()
		if p.i >= len(p.src) {
			return 0, p.fail("truncated object")
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.space()
		case '}':
			p.i++
			p.d.dedup(mark)
			return p.close(n, mark), nil
		default:
			return 0, p.fail("expected ',' or '}'")
		}
	}
}

// close moves the children on the stack (from mark) to the container's range of kids.
func (p *parser) close(n Node, mark int) Node {
	d := p.d
	children := d.stack[mark:]
	d.nodes[n].start = uint32(len(d.kids))
	d.nodes[n].end = uint32(len(children))
	if d.nodes[n].kind == Object {
		d.nodes[n].end /= 2 // members: key, value pairs
	}
	d.kids = append(d.kids, children...)
	d.stack = d.stack[:mark]
	return n
}

// dedup applies "the last value wins, in the place of the first" to the members on the stack.
func (d *Doc) dedup(mark int) {
	members := d.stack[mark:]
	count := len(members) / 2
	if count < 2 {
		return
	}
	kept := 0
	if count <= 16 {
		for i := 0; i < count; i++ {
			key, value := members[2*i], members[2*i+1]
			j := 0
			for ; j < kept; j++ {
				if d.sameKey(members[2*j], key) {
					members[2*j+1] = value
					break
				}
			}
			if j == kept {
				members[2*kept], members[2*kept+1] = key, value
				kept++
			}
		}
	} else {
		if d.keys == nil {
			d.keys = make(map[string]int)
		}
		for k := range d.keys {
			delete(d.keys, k)
		}
		for i := 0; i < count; i++ {
			key, value := members[2*i], members[2*i+1]
			if d.nodes[key].flags&flagNotUTF8 == 0 {
				name := string(d.keyBytes(key))
				if j, seen := d.keys[name]; seen {
					members[2*j+1] = value
					continue
				}
				d.keys[name] = kept
			}
			members[2*kept], members[2*kept+1] = key, value
			kept++
		}
	}
	d.stack = d.stack[:mark+2*kept]
}

// sameKey compares two keys as decoded strings. A key with bytes that are not UTF-8 equals no
// other key (Python's structs backend gives each one a name of its own).
func (d *Doc) sameKey(a, b Node) bool {
	na, nb := d.nodes[a], d.nodes[b]
	if (na.flags|nb.flags)&flagNotUTF8 != 0 {
		return false
	}
	if (na.flags|nb.flags)&flagEscaped == 0 { // lengths first: most keys differ there
		return na.end-na.start == nb.end-nb.start && bytes.Equal(d.src[na.start:na.end], d.src[nb.start:nb.end])
	}
	return bytes.Equal(d.keyBytes(a), d.keyBytes(b))
}

// keyBytes is a string node's decoded bytes: a view of the frame when it has no escapes.
func (d *Doc) keyBytes(n Node) []byte {
	nd := d.nodes[n]
	raw := d.src[nd.start:nd.end]
	if nd.flags&flagEscaped == 0 {
		return raw
	}
	return unescape(make([]byte, 0, len(raw)), raw)
}

// unescape appends the decoded contents of a valid string (its escapes checked by the parser).
func unescape(out, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			j := bytes.IndexByte(raw[i:], '\\')
			if j < 0 {
				return append(out, raw[i:]...)
			}
			out = append(out, raw[i:i+j]...)
			i += j
			continue
		}
		switch raw[i+1] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, _ := hex4(raw[i+2:])
			if 0xD800 <= r && r <= 0xDBFF {
				low, _ := hex4(raw[i+8:])
				r = (r-0xD800)<<10 | (low - 0xDC00) + 0x10000
				i += 6
			}
			out = utf8.AppendRune(out, r)
			i += 6
			continue
		default: // " \ /
			out = append(out, raw[i+1])
		}
		i += 2
	}
	return out
}
