# Copied from codegen/runtime/__init__.py by `make generate`. DO NOT EDIT.
"""Hand-written support code shared by every generated protocol module."""
