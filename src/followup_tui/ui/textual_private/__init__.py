"""The one place that touches Textual's private API (STYLE 10b), and the
crash guard that wraps its one private hook; tests fail loudly on an upgrade."""
