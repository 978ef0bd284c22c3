"""Open Data Exchange static site generator."""

__version__ = "0.1.0"
