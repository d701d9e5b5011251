"""The Textual app. Screens talk to the repository; widgets post messages."""
