// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

// Package wire is the runtime of the generated protocol packages (ga, beta, translation): a
// strict JSON reader that keeps the contract's rules (schema/README.md, and the README's
// "Hostile input" table), typed reads that name the JSON path of the first fault in document
// order as Python's structs backend does, and the encoder. It is internal: the protocol
// packages export what a user needs (Optional, Int, DecodeError, EncodeError).
package wire
