// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

// Package apitest holds the table tests of the generated packages' API (go test ./...); the
// proof that their verdicts are Python's on every fixture is tests/test_go.py.
package apitest
