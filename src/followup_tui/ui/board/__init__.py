"""The board's cards as data: what each card shows, and the board model
(grouping by stage, filter, cursor, counts) the board view draws."""
