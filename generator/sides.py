"""One end of a change report's comparison (:class:`Side`) and its files read defensively, as plain JSON.

The change report (:mod:`generator.changes`, :mod:`generator.act_on`) reads every snapshot of the history,
including those committed before a schema change, which do not validate against today's published models: it
reads their files as JSON and checks each value's type, so an old or odd file gives less, never an error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TOP = 10  # a ranking's top: entering or leaving it is a change (upstream rank ≤ TOP)
CATEGORY_PREFIX = "rankings/category/"
OVERALL = "rankings/overall.json"


@dataclass(frozen=True)
class Side:
    """One end of a comparison: a label for people, when its data is from, and its files."""

    ref: str
    as_of: str
    files: Mapping[str, bytes]
    commit: str | None = None
    time: str | None = None
    catalog: Mapping[str, str | None] | None = None  # model id → name, for a side read without its models.json
    # what was derived from these files (the gates' summary), kept with the point it came from so that two
    # consecutive reports sharing a snapshot derive it once
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, point: Any) -> Side:
        """From a :class:`generator.history.Point` (a commit's snapshot, or the work tree's)."""
        commit = point.commit
        return cls(
            point.ref,
            point.as_of,
            point.files,
            commit.sha if commit else None,
            commit.time if commit else None,
            point.catalog,
            point.memo,
        )


NOTHING = Side("(none)", "", {})


# --- reading snapshot files defensively ------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def parse(raw: bytes) -> Any:
    """Parsed JSON, once per content (a report reads the same file several times; callers never mutate it)."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


def load(files: Mapping[str, bytes], path: str) -> Any:
    raw = files.get(path)
    return None if raw is None else parse(raw)


def models(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """Model id → model object of the catalog (``models.json``)."""
    doc = load(files, "models.json")
    listed = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(listed, list):
        return {}
    return {m["id"]: m for m in listed if isinstance(m, dict) and isinstance(m.get("id"), str)}


def names(side: Side) -> Mapping[str, str | None]:
    """Model id → name of a side's catalog."""
    if side.catalog is not None:
        return side.catalog
    return {i: m.get("name") for i, m in models(side.files).items()}


def _walk_categories(nodes: Any, out: dict[str, str]) -> None:
    for node in nodes if isinstance(nodes, list) else []:
        if isinstance(node, dict) and isinstance(node.get("slug"), str):
            out[node["slug"]] = str(node.get("label") or node["slug"])
            _walk_categories(node.get("children"), out)


def categories(files: Mapping[str, bytes]) -> dict[str, str]:
    """Slug → label of every category of the tree, nested ones included."""
    doc = load(files, "categories.json")
    out: dict[str, str] = {}
    _walk_categories(doc.get("categories") if isinstance(doc, dict) else None, out)
    return out


def orderings(files: Mapping[str, bytes]) -> dict[str, str]:
    """Slug → label of every ordering (``dimensions.json``)."""
    doc = load(files, "dimensions.json")
    dims = doc.get("dimensions") if isinstance(doc, dict) else None
    return {
        d["slug"]: str(d.get("label") or d["slug"])
        for d in (dims if isinstance(dims, list) else [])
        if isinstance(d, dict) and isinstance(d.get("slug"), str)
    }


def rankings(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """Ranking files a reviewer follows: every category and the overall leaderboard (path → document)."""
    out = {}
    for path in sorted(files):
        if path == OVERALL or path.startswith(CATEGORY_PREFIX):
            doc = load(files, path)
            if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
                out[path] = doc
    return out


def manifest(files: Mapping[str, bytes]) -> dict[str, Any]:
    doc = load(files, "manifest.json")
    return doc if isinstance(doc, dict) else {}


def ranks(doc: dict[str, Any]) -> list[tuple[str, int, str]]:
    """``(model id, rank, name)`` of a ranking's entries; an entry without an integer rank takes its position."""
    out = []
    for position, entry in enumerate(doc.get("entries", []), start=1):
        if isinstance(entry, dict) and isinstance(entry.get("model_id"), str):
            rank = entry.get("rank") if isinstance(entry.get("rank"), int) else position
            out.append((entry["model_id"], rank, str(entry.get("name") or entry["model_id"])))
    return out
