"""Track Ukraine's bilateral security agreements in a local SQLite database."""

__version__ = "0.7.0"
