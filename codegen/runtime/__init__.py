"""Hand-written support code shared by every generated protocol module."""
