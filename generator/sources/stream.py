"""A response body of the shape ``{"data": [record, …], …}`` read one record at a time.

The catalog and the sorted model lists are the largest responses (every model's full record). Parsed whole,
one of them takes about five times its size in Python objects; read record by record, only the record at hand
is parsed, so the caller keeps what it makes of each record (a validated model, an id) and nothing else.

Each record (and each other top-level value) is parsed by the standard library's C scanner
(``json.JSONDecoder.raw_decode``), with the same rules as ``json.loads`` (NaN and Infinity refused, nesting
bounded by the interpreter's recursion limit); only the top-level object's punctuation is walked here. ijson
was measured for this and left out: its prefix bookkeeping holds a string per nesting level, so a body nested
10,000 deep took it to 259,284 KB of RSS, and a process reading the 100,000-deep body of the `deep-nesting`
fault was killed for want of memory.

The record-at-a-time path is the fast path for a well-formed body. Anything else (not JSON, not an object
with exactly one ``data`` list, a record the caller refuses) goes to the caller's slow path over
:meth:`Body.parse`, which parses the body whole as the client does, so every error reads as it always has.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from generator.sources.client import parse_json, reject_constant

_DECODER = json.JSONDecoder(parse_constant=reject_constant)
_SPACE = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]


class NotRecords(ValueError):
    """The body is not JSON, or not an object with one ``data`` list: the caller parses it whole instead."""


class Body:
    """One JSON response (``endpoint`` names it in errors), not parsed yet. It is held as the bytes received
    until it is read; reading decodes it once and lets the bytes go (they are kept only when they are not UTF-8,
    for :meth:`parse` to word the error)."""

    def __init__(self, endpoint: str, body: bytes | bytearray) -> None:
        self.endpoint = endpoint
        self._data: bytes | bytearray | str = body

    def _text(self) -> str:
        if not isinstance(self._data, str):
            try:
                self._data = self._data.decode("utf-8")
            except UnicodeDecodeError:
                raise NotRecords("not UTF-8") from None
        return self._data

    def records(self) -> Iterator[Any]:
        """Each element of the top-level ``data`` list, parsed as it is reached; then the rest of the body is
        checked. Raises :class:`NotRecords` for a body of any other shape, or not JSON.

        Once every record has been read and the body found well-formed, the text is let go: a body is read
        once (the slow path is for failures, which stop before the end).
        """
        text = self._text()
        try:
            at = self._expect(text, _SPACE(text, 0).end(), "{")
            seen: set[str] = set()
            while text[at] != "}" or not seen:
                if seen:
                    at = self._expect(text, at, ",")
                if text[at] != '"':
                    raise NotRecords(f"expected a key at character {at}")
                key, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
                at = self._expect(text, _SPACE(text, at).end(), ":")
                if key in seen:
                    raise NotRecords(f"the key {key[:40]!r} twice")
                seen.add(key)
                if key == "data":
                    at = yield from self._items(text, at)
                else:
                    at = _SPACE(text, _DECODER.raw_decode(text, at)[1]).end()
            if _SPACE(text, at + 1).end() != len(text) or "data" not in seen:
                raise NotRecords("not an object with a `data` list")
        except (ValueError, IndexError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            raise NotRecords(str(exc)[:120]) from None
        self._data = ""

    def _items(self, text: str, at: int) -> Iterator[Any]:
        """The elements of the list at ``at``; returns the position after the list and the space behind it."""
        at = self._expect(text, at, "[")
        first = True
        while text[at] != "]":
            if not first:
                at = self._expect(text, at, ",")
            first = False
            record, end = _DECODER.raw_decode(text, at)
            at = _SPACE(text, end).end()
            yield record
        return _SPACE(text, at + 1).end()

    @staticmethod
    def _expect(text: str, at: int, char: str) -> int:
        """The position after ``char`` (expected at ``at``) and the space behind it."""
        if text[at] != char:
            raise NotRecords(f"expected {char!r} at character {at}")
        return _SPACE(text, at + 1).end()

    def parse(self) -> Any:
        """The whole body parsed, or :class:`~generator.sources.client.SourceError` as the client words it."""
        return parse_json(self.endpoint, self._data)
