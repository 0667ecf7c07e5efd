"""alma-contact: write a precise message to Alma's customer service."""

__version__ = "0.1.0"
