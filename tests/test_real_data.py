"""The committed snapshot invents no model: every model id and permaslug in it appears in a real capture.

The captures are gzipped copies in ``tests/fixtures/captures`` (provenance in its README), so this runs from a
clone alone. Ids are checked against the real catalog capture; permaslugs against the rankings captures' row
slugs and the catalog's ``canonical_slug``s (a permaslug may carry a ``:variant`` suffix).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .conftest import ROOT

CAPTURES = ROOT / "tests" / "fixtures" / "captures"
SNAPSHOT = ROOT / "snapshots" / "v1"
ID_KEYS = {"model_id", "id", "base_id", "model", "primary"}
SLUG_KEYS = {"permaslug", "canonical_slug"}


def load(path: Path) -> Any:
    return json.loads(gzip.decompress(path.read_bytes()))


def real_names() -> tuple[set[str], set[str]]:
    """(model ids, permaslugs) named in the real captures."""
    catalog = load(CAPTURES / "models-2026-05-07.keysorted.json.gz")["data"]
    ids = {m["id"] for m in catalog}
    slugs = {m["canonical_slug"] for m in catalog}
    for path in sorted(CAPTURES.glob("rankings-page-derived-*.json.gz")):
        for rows in load(path).values():
            if isinstance(rows, list):
                slugs |= {r["model_id"] for r in rows if isinstance(r.get("model_id"), str)}
    return ids, slugs


def named(doc: Any, where: str = "") -> Iterator[tuple[str, str, str]]:
    """(key, value, JSON path) of every model id or permaslug field in a published document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            here = f"{where}/{key}"
            if isinstance(value, str) and key in ID_KEYS | SLUG_KEYS:
                yield key, value, here
            elif key in {"fallbacks", "models"} and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from (("model_id", v, f"{here}/{i}") for i, v in enumerate(value))
            else:
                yield from named(value, here)
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            yield from named(item, f"{where}/{i}")


def test_every_model_id_and_permaslug_in_the_snapshot_is_in_a_real_capture() -> None:
    ids, slugs = real_names()
    checked = 0
    invented = []
    for path in sorted(SNAPSHOT.rglob("*.json")):
        rel = path.relative_to(SNAPSHOT).as_posix()
        for key, value, pointer in named(json.loads(path.read_text(encoding="utf-8"))):
            checked += 1
            if key in ID_KEYS and "/" in value and value not in ids:
                invented.append(f"{rel}:{pointer}: model id {value!r}")
            elif key in SLUG_KEYS and value not in slugs and value.split(":")[0] not in slugs:
                invented.append(f"{rel}:{pointer}: permaslug {value!r}")
    assert invented == []
    assert checked > 1000  # the walk reached the rankings, the catalog and selection.json


def test_the_check_catches_an_invented_model() -> None:
    ids, slugs = real_names()
    doc = {"entries": [{"model_id": "example-lab/unreleased-model", "permaslug": "example-lab/unreleased-20260501"}]}
    found = list(named(doc))
    assert [(k, v) for k, v, _ in found] == [
        ("model_id", "example-lab/unreleased-model"),
        ("permaslug", "example-lab/unreleased-20260501"),
    ]
    assert all(v not in ids and v not in slugs for _, v, _ in found)


def test_the_invented_legal_row_is_gone() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SNAPSHOT.rglob("*.json"))
    assert "example-lab" not in text
