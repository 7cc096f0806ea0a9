// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"math/big"
	"strconv"
)

// Int is a JSON integer of any size, kept exactly: most fit an int64, and Python reads the
// larger ones exactly too. A float with no fractional part (`1.0`, `1e2`, `-0.0`) decodes as
// the integer it is, as JSON Schema says; `1.5` is not an integer. The zero value is 0.
type Int struct {
	small int64
	large *big.Int // set only when the value does not fit an int64; never mutated
}

// IntOf is v as an Int.
func IntOf(v int64) Int { return Int{small: v} }

// BigIntOf is v as an Int (v is copied).
func BigIntOf(v *big.Int) Int {
	if v.IsInt64() {
		return Int{small: v.Int64()}
	}
	return Int{large: new(big.Int).Set(v)}
}

// Int64 is the value, and whether it fits an int64 (when not, the int64 is 0).
func (i Int) Int64() (int64, bool) {
	if i.large != nil {
		return 0, false
	}
	return i.small, true
}

// Big is the value as a new big.Int.
func (i Int) Big() *big.Int {
	if i.large != nil {
		return new(big.Int).Set(i.large)
	}
	return big.NewInt(i.small)
}

// String is the value in decimal, as it is written on the wire.
func (i Int) String() string { return string(i.appendTo(nil)) }

func (i Int) appendTo(b []byte) []byte {
	if i.large != nil {
		return i.large.Append(b, 10)
	}
	return strconv.AppendInt(b, i.small, 10)
}

// parseInt reads an integer literal exactly.
func parseInt(literal []byte) Int {
	if len(literal) <= 18 { // fits an int64: no conversion to string
		var v int64
		digits := literal
		if literal[0] == '-' {
			digits = literal[1:]
		}
		for _, c := range digits {
			v = v*10 + int64(c-'0')
		}
		if literal[0] == '-' {
			v = -v
		}
		return Int{small: v}
	}
	if v, err := strconv.ParseInt(string(literal), 10, 64); err == nil {
		return Int{small: v}
	}
	v, _ := new(big.Int).SetString(string(literal), 10)
	return BigIntOf(v)
}

// intOfFloat is the exact integer value of an integral double.
func intOfFloat(f float64) Int {
	if -9.2e18 < f && f < 9.2e18 {
		return Int{small: int64(f)}
	}
	v, _ := big.NewFloat(f).Int(nil)
	return BigIntOf(v)
}
