"""Pure functions: raw strings → contract values."""
