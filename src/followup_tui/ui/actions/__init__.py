"""Things several screens do the same way: record a decision date, open a
job posting, hand a file to the user (exports, .eml)."""
