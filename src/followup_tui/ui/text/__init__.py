"""User text on screen: literal, never markup or control sequences."""
