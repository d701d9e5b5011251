"""Getting a message out of the app: .eml files, SMTP, the user's $EDITOR.

No UI here: the composer calls these, and the errors they raise carry a
message meant for the user.
"""
