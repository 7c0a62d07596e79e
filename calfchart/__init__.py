"""calfchart: find and treat the trigger points behind leg pain."""

__version__ = "0.1.0"
