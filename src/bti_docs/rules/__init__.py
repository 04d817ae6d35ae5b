"""Pure validation rules for form fields (no I/O)."""
