from followup_tui.cli import start

start()
