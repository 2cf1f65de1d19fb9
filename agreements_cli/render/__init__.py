"""Output: machine formats without Rich, Rich views for people, the HTML page."""
