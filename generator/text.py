"""Upstream text made safe to show: one printable line for a terminal, cleaned and capped text for a page.

For a terminal, a CI log or a job summary, every message that can carry an upstream string (an error line naming a
JSON key, the unknown-fields line, a note) goes through :func:`one_line` before it is printed, so a key such as
``"x\\n::warning::…"`` cannot start a new line (a GitHub workflow command, a markdown fence in
``$GITHUB_STEP_SUMMARY``) nor reorder what follows it.

For the site's pages (jinja filters, escaping stays autoescape's job): :func:`clean` removes the bidi, zero-width
and control characters escaping cannot, collapses whitespace and caps the length (the ``*_CAP`` constants);
:func:`paragraphs` splits a description; :func:`when` and :func:`unix_date` write timestamps.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# control, format (bidi overrides, zero-width), line/paragraph separators, surrogates, private use, unassigned
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
LIMIT = 2000


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def one_line(text: object, limit: int = LIMIT) -> str:
    """``text`` with every control, bidi, zero-width or separator character shown as an escape (``\\n``,
    ``\\u202e``), cut to ``limit`` characters (the last one ``…`` when cut)."""
    shown = "".join(_escape(c) if unicodedata.category(c) in _HIDDEN else c for c in str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# --- text on a page ------------------------------------------------------------------------------------------

# Display caps (characters) for upstream text, chosen so that no string can break a table or a heading.
NAME_CAP = 80
AUTHOR_CAP = 40
SUMMARY_CAP = 280
DESCRIPTION_CAP = 20_000
TEXT_CAP = 300

NOT_SHOWN = frozenset({"Cc", "Cf", "Cs", "Co"})  # control, format (bidi, zero-width), surrogate, private use
MAX_MARKS = 2  # combining marks kept per base character ("Zalgo" text would otherwise overflow lines)


def _visible(text: str) -> Iterator[str]:
    """Characters worth showing: no control, format (bidi overrides and isolates, zero-width joiners and
    spaces, BOM, tag characters), surrogate or private-use characters; at most two combining marks in a row.
    Whitespace controls become spaces."""
    marks = 0
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            marks = 0
            yield " "
        elif category in NOT_SHOWN:
            continue
        elif category.startswith("M"):
            marks += 1
            if marks <= MAX_MARKS:
                yield char
        else:
            marks = 0
            yield char


def clean(text: object, limit: int = TEXT_CAP) -> str:
    """Upstream text made safe to display: hidden characters removed, whitespace collapsed, capped at ``limit``.

    Escaping is jinja's job (autoescape); this removes what escaping cannot: bidi overrides that reorder the
    page, zero-width characters that make two names look alike, and lengths that break the layout.
    """
    if text is None:
        return ""
    raw = str(text)[: limit * 4 + 64]  # bound the work on huge input before cleaning
    visible = raw if raw.isascii() and raw.isprintable() else "".join(_visible(raw))  # printable ASCII: all shown
    collapsed = " ".join(visible.split())
    if len(collapsed) <= limit:
        return collapsed
    cut = collapsed[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 3 // 4:
        cut = cut[:space]
    return cut.rstrip() + "…"


def paragraphs(text: object, limit: int = DESCRIPTION_CAP) -> list[str]:
    """Upstream text split on blank lines into cleaned paragraphs, capped at ``limit`` characters in all."""
    out: list[str] = []
    budget = limit
    for block in re.split(r"\n\s*\n", str(text or "")[: limit * 2]):
        if budget <= 0:
            break
        para = clean(block, budget)
        if para:
            out.append(para)
            budget -= len(para)
    return out


def code_spans(text: str) -> list[tuple[bool, str]]:
    """Our own prose with `backticks` (the published models' descriptions) → (is_code, text) pieces."""
    return [(i % 2 == 1, part) for i, part in enumerate(str(text).split("`")) if part]


def when(timestamp: str | None) -> str:
    """``2026-05-18T02:00:00Z`` → ``2026-05-18 02:00 UTC``."""
    if not timestamp:
        return ""
    return timestamp[:10] + " " + timestamp[11:16] + " UTC" if "T" in timestamp else timestamp


def unix_date(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d")
