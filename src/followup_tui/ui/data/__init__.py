"""What the screens show and how it changes: the loaded applications with
their next actions (read-only to screens), the file watcher, the writer (one
queue, one write path for every change), the undo history and the notices."""
