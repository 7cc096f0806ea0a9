// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// notUTF8Error is the DecodeError of a frame with bytes that are not UTF-8 that is no known
// event (an unknown type, no `type`, not an object). Such a frame could only be carried whole,
// so, as in Python (fallback._recover_not_utf8), the fault is the first string holding such
// bytes, in document order: at its path, or for a key at the path of the object holding it;
// at `$` when a repeated key dropped that string, or when no object holds it (a frame that is
// an array of strings).
func (d *Doc) notUTF8Error() *DecodeError {
	first := Node(-1)
	for i, nd := range d.nodes {
		if nd.kind == String && nd.flags&flagNotUTF8 != 0 {
			first = Node(i)
			break
		}
	}
	if first < 0 {
		return &DecodeError{Path: "$", Reason: "not valid JSON: bytes that are not UTF-8"}
	}
	nd := d.nodes[first]
	offset := int(nd.start)
	for raw := d.src[nd.start:nd.end]; len(raw) > 0; {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size == 1 {
			break
		}
		raw, offset = raw[size:], offset+size
	}
	reason := func(where string) string {
		return "invalid UTF-8" + where + " (byte 0x" + hexByte(d.src[offset]) + " at offset " +
			strconv.Itoa(offset) + ")"
	}
	var steps []string
	found, key := d.pathTo(d.Root(), first, false, &steps)
	if !found {
		return &DecodeError{Path: "$", Reason: reason("")}
	}
	where := ""
	if key {
		where = " in a key"
	}
	return &DecodeError{Path: "$" + strings.Join(steps, ""), Reason: reason(where)}
}

// pathTo looks for string node target under n (repeated keys resolved), adding the steps to
// it to *steps: found, and whether it is a key (the steps then lead to its object). A string
// counts only where an object holds it (held), through arrays or not.
func (d *Doc) pathTo(n, target Node, held bool, steps *[]string) (found, key bool) {
	switch d.nodes[n].kind {
	case String:
		return n == target && held, false
	case Array:
		for i, count := 0, d.Len(n); i < count; i++ {
			*steps = append(*steps, "["+strconv.Itoa(i)+"]")
			if found, key = d.pathTo(d.Item(n, i), target, held, steps); found {
				return found, key
			}
			*steps = (*steps)[:len(*steps)-1]
		}
	case Object:
		for i, count := 0, d.Len(n); i < count; i++ {
			if k, _ := d.Member(n, i); k == target {
				return true, true
			}
		}
		for i, count := 0, d.Len(n); i < count; i++ {
			k, v := d.Member(n, i)
			*steps = append(*steps, "."+string(d.keyBytes(k)))
			if found, key = d.pathTo(v, target, true, steps); found {
				return found, key
			}
			*steps = (*steps)[:len(*steps)-1]
		}
	}
	return false, false
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}
