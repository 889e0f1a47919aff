"""Upstream text on its way to a terminal, a CI log or a job summary: one printable line, capped.

Every message that can carry an upstream string (an error line naming a JSON key, the unknown-fields line, a
note) goes through :func:`one_line` before it is printed, so a key such as ``"x\\n::warning::…"`` cannot start a
new line (a GitHub workflow command, a markdown fence in ``$GITHUB_STEP_SUMMARY``) nor reorder what follows it.
"""

from __future__ import annotations

import unicodedata

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
