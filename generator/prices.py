"""Price histories from many versions of ``models.json``, one version at a time.

A week changes a few models of hundreds. ``models.json`` is canonical JSON (:func:`generator.store.canonical_json`),
so each model object's text can be cut out without parsing; :func:`catalog_index` parses only the objects whose
text it has not seen, and :class:`PriceHistory` looks only at the objects whose text differs from the version
before. Used by :mod:`generator.history` (the changelog's window) and :mod:`generator.site_history` (the site).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator import numbers

if TYPE_CHECKING:
    from generator.history import Point


def _same_prices(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal as prices: Decimals compared, a missing key equal to "0", two negative ("variable") prices equal;
    text that is not a number compared as text (the rule of :func:`generator.changes.price_changes`)."""
    if a == b:  # equal text is equal price: the fast path for most models
        return True
    for key in set(a) | set(b):
        before, after = numbers.decimal(a.get(key, "0")), numbers.decimal(b.get(key, "0"))
        if before is None or after is None:
            if a.get(key) != b.get(key):
                return False
        elif before != after and not (before < 0 and after < 0):
            return False
    return True


# models.json is canonical JSON (store.canonical_json: sorted keys, 2-space indent), so its model objects sit
# between these lines; JSON strings cannot hold a raw newline, so the separators occur nowhere else.
_MODELS_OPEN, _MODEL_SEPARATOR, _MODELS_CLOSE = b'\n  "models": [\n    {\n', b"\n    },\n    {\n", b"\n    }\n  ]"
CatalogCache = dict[bytes, tuple[str, str | None, dict[str, Any]]]  # a model object's text → (id, name, pricing)


def _model_chunks(raw: bytes) -> list[bytes] | None:
    """The text of each model object of a canonical models.json (None when the file is not in that layout or its
    ``count`` disagrees): splitting bytes, no decoding, no parsing."""
    start, end = raw.find(_MODELS_OPEN), raw.rfind(_MODELS_CLOSE)
    if not 0 <= start < end:
        return None
    # split the whole file (no copy of the models' part), then trim the first and last pieces to their objects
    chunks = raw.split(_MODEL_SEPARATOR)
    head, tail = chunks[0], chunks[-1]
    if len(head) < start + len(_MODELS_OPEN) or len(tail) < len(raw) - end:
        return None  # a separator before the models or after them: not the layout this reads
    chunks[0] = head[start + len(_MODELS_OPEN) :]
    chunks[-1] = chunks[-1][: len(chunks[-1]) - (len(raw) - end)]
    # sorted keys: "count" comes before "models"
    return chunks if f'\n  "count": {len(chunks)},\n'.encode() in raw[: start + 1] else None


def _model_facts(model: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    pricing, name = model.get("pricing"), model.get("name")
    return model["id"], name if isinstance(name, str) else None, pricing if isinstance(pricing, dict) else {}


def _facts(chunk: bytes, seen: CatalogCache) -> tuple[str, str | None, dict[str, Any]]:
    if chunk not in seen:
        seen[chunk] = _model_facts(json.loads(b"{" + chunk + b"}"))
    return seen[chunk]


def _whole(raw: bytes) -> list[tuple[str, str | None, dict[str, Any]]]:
    """Every model's facts, parsing the whole file (the fallback for a file not in the canonical layout)."""
    try:
        doc = json.loads(raw)
    except ValueError:
        return []
    models = doc.get("models") if isinstance(doc, dict) else None
    return [
        _model_facts(m)
        for m in (models if isinstance(models, list) else [])
        if isinstance(m, dict) and isinstance(m.get("id"), str)
    ]


def catalog_index(raw: bytes, seen: CatalogCache) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """Model id → (name, pricing) of a models.json, parsing only the model objects whose text was not ``seen``.

    A week changes a few models of hundreds, so this parses a few objects instead of the whole file; a file not
    in the canonical layout (or whose ``count`` disagrees) is parsed whole.
    """
    chunks = _model_chunks(raw)
    if chunks is not None:
        try:
            return {i: (name, pricing) for i, name, pricing in (_facts(c, seen) for c in chunks)}
        except (ValueError, KeyError, TypeError):
            pass
    return {i: (name, pricing) for i, name, pricing in _whole(raw)}


class CatalogNames:
    """Model id → name of successive versions of models.json (one at a time), as :func:`catalog_index` gives them,
    looking only at the model objects whose text differs from the version before (set differences of their
    texts, as :class:`PriceHistory` does): the changelog's window reads every commit's catalog this way."""

    def __init__(self) -> None:
        self._seen: CatalogCache = {}
        self._chunks: set[bytes] = set()  # the model objects' texts of the version before
        self._names: dict[str, str | None] = {}  # and their ids and names (one object per id)

    def names(self, raw: bytes) -> dict[str, str | None]:
        """The next version's ids and names (a new dict; the caller may keep it)."""
        chunks = _model_chunks(raw)
        if chunks is not None:
            try:
                current = set(chunks)
                names = dict(self._names)
                for chunk in self._chunks - current:
                    del names[_facts(chunk, self._seen)[0]]
                for chunk in current - self._chunks:
                    model_id, name, _ = _facts(chunk, self._seen)
                    names[model_id] = name
                if len(current) == len(chunks) == len(names):  # one object per id, no object twice
                    self._chunks, self._names = current, names
                    return dict(names)
            except (ValueError, KeyError, TypeError):
                pass
        self._chunks, self._names = set(), {}  # the next version is then compared with nothing: read whole
        return {i: name for i, (name, _) in catalog_index(raw, self._seen).items()}


class PriceHistory:
    """Per model id, its pricing when first seen and at every snapshot where a price really changed, fed one
    snapshot at a time, oldest first (so that a caller streaming the history holds one models.json at a time).

    Only the model objects whose text differs from the snapshot before are looked at (set differences of their
    texts), so a week that changed a few models of hundreds costs a few parses."""

    def __init__(self) -> None:
        self.points: dict[str, list[dict[str, Any]]] = {}
        self._present: dict[str, dict[str, Any]] = {}  # model id → pricing, in the snapshot before
        self._chunks: set[bytes] = set()  # the model objects' texts of the snapshot before
        self._seen: CatalogCache = {}

    def _changes(self, raw: bytes) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """(models whose text is new: id → pricing, ids that are gone) against the snapshot before."""
        chunks = _model_chunks(raw)
        if chunks is not None:
            try:
                current = set(chunks)
                changed = {i: p for i, _, p in (_facts(c, self._seen) for c in current - self._chunks)}
                gone = {_facts(c, self._seen)[0] for c in self._chunks - current} - changed.keys()
                self._chunks = current
                return changed, gone
            except (ValueError, KeyError, TypeError):
                pass
        self._chunks = set()
        models = {i: p for i, _, p in _whole(raw)}
        return models, set(self._present) - models.keys()

    def add(self, as_of: str, raw: bytes) -> None:
        """The next snapshot: its as_of and its models.json."""
        changed, gone = self._changes(raw)
        for model_id in gone:
            del self._present[model_id]
        for model_id in sorted(changed):  # sorted: the order models.json lists them in
            pricing = changed[model_id]
            points = self.points.setdefault(model_id, [])
            returned = model_id not in self._present
            if not points or returned or not _same_prices(points[-1]["pricing"], pricing):
                points.append({"as_of": as_of, "pricing": dict(pricing)})
            self._present[model_id] = pricing


def price_history(snapshots: Iterable[Point]) -> dict[str, list[dict[str, Any]]]:
    """Per model id, its pricing when first seen and at every snapshot where a price really changed (Decimals,
    a missing key equal to "0"), oldest first: ``[{"as_of", "pricing"}]``. Gaps (the model was absent) start
    a new point when the model returns."""
    found = PriceHistory()
    for snapshot in snapshots:
        found.add(snapshot.as_of, snapshot.files.get("models.json", b""))
    return found.points
