"""Keys that arrive before a screen can take them, held and handed on in order."""
