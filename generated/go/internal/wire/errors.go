// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"strconv"
	"strings"
)

// DecodeError is the one error a decode returns: the frame is not a valid event.
//
// EventType is the frame's `type` when it names an event of the protocol ("" when the type
// could not be read), Path the JSON path of the first fault in document order (`$` is the
// whole frame), the same path Python's structs backend reports for the same frame.
type DecodeError struct {
	EventType string
	Path      string
	Reason    string
}

func (e *DecodeError) Error() string {
	where := "frame"
	if e.EventType != "" {
		where = e.EventType + " event"
	}
	return "invalid " + where + " at " + e.Path + ": " + e.Reason
}

// EncodeError says why Encode refused an event: a required field left unset, a null where
// the schema has none, a value outside its enumeration, a string that is not UTF-8, a float
// that is not finite, free-form JSON that is not JSON. Path is where, as in DecodeError.
type EncodeError struct {
	Path   string
	Reason string
}

func (e *EncodeError) Error() string { return "cannot encode " + e.Path + ": " + e.Reason }

// Fault is a fault found while reading or writing a value; each level it passes on its way out
// adds its step to the path. Nothing is allocated for the path unless there is a fault.
type Fault struct {
	Reason string
	steps  []string // innermost first
}

// Faultf starts a fault at the value being read.
func Faultf(reason string) *Fault { return &Fault{Reason: reason} }

// At adds a step (".name", "[...]") on the way out.
func (f *Fault) At(step string) *Fault {
	f.steps = append(f.steps, step)
	return f
}

// AtIndex adds an array index on the way out.
func (f *Fault) AtIndex(i int) *Fault { return f.At("[" + strconv.Itoa(i) + "]") }

// Path is the JSON path of the fault, `$` first.
func (f *Fault) Path() string {
	var b strings.Builder
	b.WriteByte('$')
	for i := len(f.steps) - 1; i >= 0; i-- {
		b.WriteString(f.steps[i])
	}
	return b.String()
}

// Missing is a required field left out: its path names the field itself, as Python's does.
func Missing(field string) *Fault {
	return (&Fault{Reason: "Object missing required field `" + field + "`"}).At("." + field)
}

// InvalidEnum is a string outside a closed enumeration.
func InvalidEnum(value string) *Fault {
	return &Fault{Reason: "Invalid enum value " + strconv.Quote(value)}
}

// InvalidTag is a tag that names no variant of a closed union, or not this struct's tag.
func InvalidTag(value string) *Fault {
	return &Fault{Reason: "Invalid value " + strconv.Quote(value)}
}
