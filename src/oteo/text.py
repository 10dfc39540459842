"""Text helpers shared by matching and understanding: folding, tokenising, cleaning.

Mentions are written by strangers, so :func:`clean_text` is the single gate every text
passes: it repairs what it can (broken encodings, control characters), bounds the size
and never raises.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from html.parser import HTMLParser

#: the most characters of a mention's text oteo keeps (a long blog post still fits)
MAX_TEXT_CHARS = 20_000


def _fold_table() -> dict[int, str]:
    """Map accented Latin letters to their base letter, except ñ/Ñ (año is not ano)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        if char in "ñÑ":
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    table[ord("ß")] = "ss"
    return table


_FOLD = _fold_table()
#: a word, a ``@handle`` or a ``#hashtag``
TOKEN = re.compile(r"[@#]?\w+")
#: pictographs (emoji with their skin tones and variation selector, symbols, arrows)
_PICTO = "\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff"
#: control, bidi-override and zero-width characters (hidden in words to slip past
#: filters), except the joiner that makes one emoji of two ("🏳️‍🌈", "👩‍🚒")
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
    rf"|\u200d(?![{_PICTO}])|(?<![{_PICTO}])\u200d"
)
_SPACES = re.compile(r"[ \t]{2,}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Lower-case and strip accents (keeping ñ), for accent-insensitive matching."""
    return text.lower().translate(_FOLD)


_STRETCH = re.compile(r"([^\W\d_])\1{2,}")


def unstretched(word: str) -> tuple[str, ...]:
    """What a word stretched for emphasis may stand for ("lumbreee", "cooool"): its
    runs of three or more of a letter as one letter, and as two; () when none."""
    if not _STRETCH.search(word):
        return ()
    forms = (_STRETCH.sub(r"\1", word), _STRETCH.sub(r"\1\1", word))
    return tuple(dict.fromkeys(forms))


def tokens(text: str) -> list[str]:
    """Folded word tokens; ``@handles`` and ``#hashtags`` keep their sigil."""
    return TOKEN.findall(fold(text))


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252 (U+FFFD
    for the five bytes it leaves undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


#: the ``errors`` name with which decoding UTF-8 reads each byte that is not part of
#: valid UTF-8 as Windows-1252: a whole Windows-1252 file comes out right (its accented
#: letters are never valid UTF-8 in practice), and so does the rest of a UTF-8 line or
#: file with a stray byte in it, which decoding the whole as Windows-1252 would garble
#: ("quÃ©")
UTF8_ELSE_CP1252 = "oteo.utf8_else_cp1252"
codecs.register_error(UTF8_ELSE_CP1252, _as_cp1252)


def decode_bytes(data: bytes) -> str:
    """Decode bytes of unknown encoding, never raising: UTF-8, with each byte that is
    not part of valid UTF-8 read as Windows-1252 (:data:`UTF8_ELSE_CP1252`)."""
    return data.decode("utf-8", UTF8_ELSE_CP1252)


def _repair_surrogates(text: str) -> str:
    """Lone surrogates: bytes smuggled by ``surrogateescape`` are decoded again (a
    Latin-1 "café" comes back whole); any other becomes U+FFFD."""
    try:
        return decode_bytes(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def clean_text(text: object, limit: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """Make any value safe to store and show as a mention's text.

    Returns the cleaned text and whether it was truncated.  Broken encodings are
    repaired where possible (see :func:`_repair_surrogates`), control and
    bidi-override characters are removed, Unicode is NFC-normalised.
    """
    if isinstance(text, bytes):
        text = decode_bytes(text)
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    truncated = False
    if len(text) > limit * 2:  # cut before the expensive steps on huge inputs
        text = text[: limit * 2]
        truncated = True
    if _SURROGATE.search(text):
        text = _repair_surrogates(text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
        truncated = True
    return text, truncated


def clean_field(value: object, limit: int) -> str | None:
    """A short untrusted string (a name, a handle, a bio): cleaned, bounded, or None."""
    if value is None:
        return None
    text, _ = clean_text(value, limit)
    return text or None


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block elements become line breaks."""

    BREAKS = frozenset({"br", "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"})
    SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_REPOST = re.compile(r"^(?:RT @\w+:\s*)+")


def reposted_text(text: str) -> str:
    """The words a repost passes on: its "RT @name:" prefixes (X's way of writing one)
    dropped."""
    return _REPOST.sub("", text)


#: the entities exports write for characters of plain text (X's API writes ``&amp;``,
#: ``&lt;`` and ``&gt;``; other tools also quotes and numeric references), with their
#: semicolon: "AT&T", "fish&chips" or a legacy "&not" stay as they are
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def unescape_entities(text: str) -> str:
    """A post's text as its author wrote it, where the tool that sent it wrote ``&``,
    ``<``, ``>``, quotes or other characters as HTML entities; in one pass, so a post
    that spoke of "&amp;" (sent as ``&amp;amp;``) keeps it."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def html_text(fragment: str | None, limit: int = MAX_TEXT_CHARS) -> str:
    """The readable text of an HTML fragment from a network (tags dropped, entities
    decoded, blank lines collapsed), bounded; never raises."""
    if not fragment:
        return ""
    parser = _TextOnly()
    try:
        parser.feed(fragment[: limit * 4])
        parser.close()
    except Exception:  # noqa: BLE001  (a broken fragment gives what was read)
        pass
    lines = (
        re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)[:limit]


def language_tag(value: str | None) -> str | None:
    """The language a network or an export tagged a post with ("es", "es-ES", "EN"), as
    an ISO 639 code; None for no tag, "und" or one that is not a language code."""
    primary = (value or "").strip().split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 and primary != "und" else None


def handle_key(handle: str | None) -> str:
    """A handle as handles are compared: no "@", lower case."""
    return (handle or "").strip().lstrip("@").lower()
