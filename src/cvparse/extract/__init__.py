"""Extractors: sections in, contract values out. One module per area of the contract."""
