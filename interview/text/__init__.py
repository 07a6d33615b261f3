"""Text utilities shared by evaluation and analysis (no models, no I/O)."""
