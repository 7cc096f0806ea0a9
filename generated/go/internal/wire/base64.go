// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package wire

import (
	"encoding/base64"
	"encoding/binary"
)

// Audio payloads are most of a voice stream's bytes, and encoding/base64 decodes about a byte
// per nanosecond: four table lookups OR'ed together per 4 characters (one table per position,
// the 6 bits pre-shifted; a character outside the alphabet sets bit 31) go 2-3 times faster.
// The last 4 characters, where the padding is, go through encoding/base64, whose rules on `=`
// and on unused bits are the ones Python's backends share.
var b64 [4][256]uint32

func init() {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range b64 {
		for c := range b64[i] {
			b64[i][c] = 0xFF000000
		}
	}
	for v, c := range []byte(alphabet) {
		b64[0][c], b64[1][c], b64[2][c], b64[3][c] = uint32(v)<<18, uint32(v)<<12, uint32(v)<<6, uint32(v)
	}
}

// decodeBase64 decodes standard padded base64 whose length is a multiple of 4 and that holds no
// line breaks (encoding/base64 would skip those); false when it is not base64.
func decodeBase64(text []byte) ([]byte, bool) {
	out := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n := 0
	if len(text) > 4 {
		body := text[:len(text)-4]
		var bad uint32
		o := out
		for len(body) >= 8 && len(o) >= 8 { // two quanta, one 8-byte store (2 bytes rewritten next)
			v := b64[0][body[0]] | b64[1][body[1]] | b64[2][body[2]] | b64[3][body[3]]
			w := b64[0][body[4]] | b64[1][body[5]] | b64[2][body[6]] | b64[3][body[7]]
			bad |= v | w
			binary.BigEndian.PutUint64(o, uint64(v)<<40|uint64(w)<<16)
			body, o, n = body[8:], o[6:], n+6
		}
		for len(body) >= 4 {
			v := b64[0][body[0]] | b64[1][body[1]] | b64[2][body[2]] | b64[3][body[3]]
			bad |= v
			o[0], o[1], o[2] = byte(v>>16), byte(v>>8), byte(v)
			body, o, n = body[4:], o[3:], n+3
		}
		if bad&0xFF000000 != 0 {
			return nil, false
		}
	}
	last, err := base64.StdEncoding.Decode(out[n:], text[len(text)-min(4, len(text)):])
	if err != nil {
		return nil, false
	}
	return out[:n+last], true
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
