"""JSON Schemas (Draft 2020-12) generated from the published pydantic models, and the drift check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import published

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "urn:orsnap:schema:v1:"
TITLES = {
    "manifest": "orsnap snapshot manifest",
    "categories": "OpenRouter categories (tree)",
    "dimensions": "OpenRouter orderings (dimensions)",
    "models": "OpenRouter model catalog (normalized)",
    "ranking": "OpenRouter ranking (category, ordering or overall)",
    "benchmarks": "OpenRouter benchmarks joined to catalog ids",
    "selection": "Model selection for orchestrators",
    "api-index": "orsnap JSON API index",
    "model-file": "One model: catalog record, rankings, price history",
    "history-trends": "Rank trends from the snapshot history",
    "history-prices": "Price histories from the snapshot history",
    "history-changes": "Change reports from the snapshot history",
}


def _models() -> dict[str, type[BaseModel]]:
    from generator import api  # the JSON API's derived files (per-model files, history, index.json)
    from generator.selection_models import Selection

    return {**published.PUBLISHED_SCHEMAS, **api.SCHEMAS, "selection": Selection}


SCHEMA_PROPERTY = {
    "description": "The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).",
    "type": "string",
    "pattern": "^https://",
}


def schema_for(name: str, model: type[BaseModel]) -> dict[str, Any]:
    body = model.model_json_schema(mode="serialization", by_alias=True)
    body["properties"] = {"$schema": SCHEMA_PROPERTY, **body.get("properties", {})}
    return {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{name}",
        "title": TITLES.get(name, name),
        **{k: v for k, v in body.items() if k != "title"},
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """Schema name → JSON Schema, for every published file type."""
    return {name: schema_for(name, model) for name, model in sorted(_models().items())}


def render(name: str, schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def write(directory: Path) -> list[str]:
    """Write every schema to ``directory``; return the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in all_schemas().items():
        path = directory / file_name(name)
        text = render(name, schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.name)
    return changed


def stale(directory: Path) -> list[str]:
    """Schema files in ``directory`` that are missing, differ from the models, or describe nothing."""
    expected = {file_name(n): render(n, s) for n, s in all_schemas().items()}
    out = [
        name
        for name, text in sorted(expected.items())
        if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text
    ]
    out += sorted(p.name for p in directory.glob("*.schema.json") if p.name not in expected)
    return out
