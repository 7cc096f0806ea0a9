# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Hand-written support code shared by every generated protocol module."""
