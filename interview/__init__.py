"""interview: offline AI mock-interview practice (Korean and English)."""

__version__ = "0.1.0"
