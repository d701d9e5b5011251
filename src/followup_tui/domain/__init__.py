"""Pure domain logic: no textual, no tinydb, no I/O. Functions take `now`."""
