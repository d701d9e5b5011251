"""The Textual app: screens read the loaded data and hand every change to the writer (ui/data/); widgets post messages."""
