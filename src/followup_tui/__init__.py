"""followup-tui: follow up after job interviews, the way the advice says."""

__version__ = "0.1.0"
