"""An import file's bytes to text: its encoding (charset-normalizer when
it is not UTF-8) and its CSV delimiter (the csv module's Sniffer)."""

from __future__ import annotations

import codecs
import csv

from ..domain.errors import ValidationError


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in; ValidationError when
    it is not text."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise ValidationError("file", f"cannot read: it starts as {name} but is not ({exc.reason})") from exc
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes  # only for files that are not UTF-8

        # UTF-16/32 without a byte order mark is not what spreadsheets write;
        # reading junk that way gives CJK "text" rather than a clear refusal.
        matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
        if not matches or min(m.chaos for m in matches) > 0.3:
            raise ValidationError("file", "cannot read: not text in any encoding we know") from None
        # Among equally plausible readings, prefer cp1252, what spreadsheet
        # programs write in Western Europe (cp1250 would read most such files
        # the same, but not the euro sign or curly quotes).
        least = min(m.chaos for m in matches)
        chosen = next((m for m in matches if m.chaos == least and "cp1252" in m.could_be_from_charset), matches[0])
        encoding = "cp1252" if "cp1252" in chosen.could_be_from_charset else chosen.encoding
        text = data.decode(encoding)
    if "\x00" in text:
        raise ValidationError("file", "cannot read: binary data (NUL bytes), not a CSV or JSON file")
    return text, encoding


SNIFF_CHARS = 1 << 16  # the start of a file that the delimiter is found from
# A field longer than this is refused with one line (Python's csv stops at
# 131,072 characters with an error; notes pasted from a long email fit).
MAX_FIELD_CHARS = 1_000_000


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        counts = {d: header.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","
