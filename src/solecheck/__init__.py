"""solecheck: a foot-first mobility routine in the terminal, driven by clinic content packs."""

__version__ = "0.1.0"
