"""The JSON API's own files, for frontends: built from the snapshot and its git history by ``orsnap build``.

Beside the snapshot's files (published unchanged under ``api/v1/``), the build writes:

- ``api/v1/index.json``: every file with its URL, sha256, size and schema (:class:`ApiIndex`);
- ``api/v1/models/<author>/<slug>.json``: one model, so that a page needs not download the whole catalog: its
  catalog record, every ranking it appears in with its rank, and its price history (:class:`ModelFile`);
- ``api/v1/history/trends.json``, ``prices.json``, ``changes.json``: what the site's trends, price histories and
  changes page show (:class:`Trends`, :class:`Prices`, :class:`Changes`).

Each shape is a pydantic model here; ``orsnap schema`` writes their JSON Schemas beside the snapshot's
(``schema/<name>.schema.json``, see :mod:`generator.schema`), the site publishes them under ``schema/v1/``.

The functions below build these files from a parsed snapshot (:class:`generator.site.Snapshot`): pure, the same
snapshot gives the same bytes. :func:`with_schema_urls` makes every file name its schema by an https URL.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import published, store
from generator.site_paths import API_ROOT, SCHEMA_ROOT, SELECTION, VALIDATION, SiteError, model_path

if TYPE_CHECKING:
    from generator.site import Snapshot

MODEL_FILES = "models/"
HISTORY = "history/"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Dated(_Strict):
    schema_version: str
    as_of: str = Field(description="The snapshot's as_of.")
    attribution: str


class FileRef(_Strict):
    """One published file."""

    path: str = Field(description="Path under api/v1/ (for snapshot files: the path in the snapshot).")
    url: str = Field(description="URL relative to the site root.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    schema_: str | None = Field(alias="schema", description="URL of its JSON Schema, relative to the site root.")


class ApiIndex(_Strict):
    """``api/v1/index.json``: every file of the JSON API."""

    schema_version: str
    as_of: str
    sources_as_of: dict[str, str]
    attribution: str
    licence: str
    urls_are_relative_to: Literal["the site root"]
    files: list[FileRef] = Field(description="The snapshot's files, published unchanged.")
    derived: list[FileRef] = Field(description="Files the build derives: per-model files and the history.")
    schemas: list[str]
    types: list[str] = Field(description="TypeScript declarations of the schemas (index.d.ts declares them all).")
    selection: str | None
    validation: str | None = Field(
        description="The last `orsnap verify` report (api/v1/validation.json), when the build was given one."
    )


class Appearance(_Strict):
    """A ranking the model appears in."""

    kind: Literal["overall", "category", "ordering"]
    slug: str
    label: str
    file: str = Field(description="The ranking file, relative to api/v1/.")
    rank: int = Field(ge=1)
    value: published.DecimalString | None = Field(description="The ranking's metric (e.g. tokens), when it has one.")
    share: published.DecimalString | None


class PricePoint(_Strict):
    """The model's prices from this snapshot on (until the next point)."""

    as_of: str
    pricing: dict[str, published.DecimalString]


class ModelFile(_Dated):
    """``api/v1/models/<author>/<slug>.json``: one model."""

    id: published.ModelId
    page: str = Field(description="The model's page, relative to the site root.")
    model: published.Model | None = Field(description="The catalog record; null when the catalog lacks it.")
    rankings: list[Appearance]
    price_history: list[PricePoint] = Field(description="Oldest first; one point per real change.")


class TrendModel(_Strict):
    id: str
    name: str | None
    ranks: list[int | None] = Field(description="Rank in each snapshot of `dates`; null when not ranked.")


class Trend(_Strict):
    slug: str | None
    label: str | None
    models: list[TrendModel]


class Trends(_Dated):
    """``api/v1/history/trends.json``: the rank of each ranking's current top 10 over the recent snapshots."""

    dates: list[str] = Field(description="as_of of each snapshot, oldest first.")
    rankings: dict[str, Trend] = Field(description="Ranking file → trend.")


class Prices(_Dated):
    """``api/v1/history/prices.json``: every model's price history."""

    models: dict[str, list[PricePoint]]


class ChangeReport(BaseModel):
    """One change report (``orsnap changelog --format json``), with the site's anchor and summary line."""

    model_config = ConfigDict(extra="allow")

    anchor: str
    summary_line: str
    from_: dict[str, Any] = Field(alias="from")
    to: dict[str, Any]
    summary: dict[str, int]
    changed: bool


class Changes(_Dated):
    """``api/v1/history/changes.json``: the recent change reports that changed data, newest first."""

    described: str = Field(description="How much history the build saw.")
    reports: list[ChangeReport]


SCHEMAS: dict[str, type[BaseModel]] = {
    "api-index": ApiIndex,
    "model-file": ModelFile,
    "history-trends": Trends,
    "history-prices": Prices,
    "history-changes": Changes,
}


def model_file_path(model_id: str, model_path: str) -> str:
    """``models/openai/gpt-oss-20b~free/`` (the page) → ``models/openai/gpt-oss-20b~free.json`` (under api/v1/)."""
    return model_path.rstrip("/") + ".json"


def schema_for_path(path: str) -> str | None:
    """Which schema a derived file under api/v1/ satisfies."""
    if path == "index.json":
        return "api-index"
    if path.startswith(MODEL_FILES) and path.count("/") == 2:
        return "model-file"
    return {f"{HISTORY}trends.json": "history-trends", f"{HISTORY}prices.json": "history-prices"}.get(
        path, "history-changes" if path == f"{HISTORY}changes.json" else None
    )


# --- the files, from a parsed snapshot -----------------------------------------------------------------


def api_index(
    snap: Snapshot,
    schema_files: dict[str, bytes],
    types: list[str] | None = None,
    derived: dict[str, bytes] | None = None,
) -> dict[str, Any]:
    """``/api/v1/index.json``: every published snapshot file with its URL and sha256, and the schemas."""
    schema_for = {f"{SCHEMA_ROOT}{name}": name for name in schema_files}
    files = []
    for path, data in sorted(snap.files.items()):
        name = store.schema_name_for(path)
        schema = f"{SCHEMA_ROOT}{name}.schema.json" if name else None
        files.append(
            {
                "path": path,
                "url": API_ROOT + path,
                "sha256": store.sha256(data),
                "bytes": len(data),
                "schema": schema if schema in schema_for else None,
            }
        )
    return {
        "schema_version": snap.manifest.schema_version,
        "as_of": snap.manifest.as_of,
        "sources_as_of": snap.manifest.sources_as_of,
        "attribution": snap.attribution,
        "licence": snap.manifest.licence,
        "urls_are_relative_to": "the site root",
        "files": files,
        "derived": [
            {
                "path": path,
                "url": API_ROOT + path,
                "sha256": store.sha256(data),
                "bytes": len(data),
                "schema": f"{SCHEMA_ROOT}{schema_for_path(path)}.schema.json",
            }
            for path, data in sorted((derived or {}).items())
        ],
        "schemas": sorted(schema_for),
        "types": [f"{SCHEMA_ROOT}types/{name}" for name in types or []],
        "selection": SELECTION if snap.selection is not None else None,
        "validation": VALIDATION if snap.validation_raw is not None else None,
    }


def dump(model: BaseModel) -> bytes:
    return store.canonical_json(model.model_dump(mode="json", by_alias=True))


def derived_api_files(snap: Snapshot) -> dict[str, bytes]:
    """The JSON API's derived files (paths under ``api/v1/``): one file per model, and the history as JSON."""
    dated = {
        "schema_version": snap.manifest.schema_version,
        "as_of": snap.as_of,
        "attribution": snap.attribution,
    }
    hist = snap.history
    prices: dict[str, list[dict[str, Any]]] = hist.prices if hist is not None else {}
    out: dict[str, bytes] = {}
    for model_id, appearances in snap.appearances.items():
        page = model_path(model_id)
        rankings = [
            Appearance(
                kind=a.kind,  # type: ignore[arg-type]
                slug=a.slug,
                label=a.label,
                file=a.ranking_file,
                rank=a.entry.rank,
                value=a.entry.value,
                share=a.entry.share,
            )
            for a in appearances
        ]
        record = ModelFile(
            **dated,
            id=model_id,
            page=page,
            model=snap.models.get(model_id),
            rankings=rankings,
            price_history=[PricePoint(**p) for p in prices.get(model_id, [])],
        )
        out[model_file_path(model_id, page)] = dump(record)
    if hist is not None:
        trends = {
            path: Trend(
                slug=t["slug"],
                label=t["label"],
                models=[TrendModel(id=m["id"], name=m["name"], ranks=m["ranks"]) for m in t["models"]],
            )
            for path, t in hist.trends.items()
        }
        out[f"{HISTORY}trends.json"] = dump(Trends(**dated, dates=hist.dates, rankings=trends))
        out[f"{HISTORY}prices.json"] = dump(
            Prices(**dated, models={k: [PricePoint(**p) for p in v] for k, v in sorted(prices.items())})
        )
        out[f"{HISTORY}changes.json"] = dump(
            Changes(
                **dated,
                described=hist.described,
                reports=[ChangeReport.model_validate(r) for r in hist.reports],
            )
        )
    return out


def schema_files() -> dict[str, bytes]:
    """The JSON Schemas the snapshot files satisfy, as published under ``/schema/v1/``."""
    from generator import schema

    return {schema.file_name(n): schema.render(n, s).encode() for n, s in schema.all_schemas().items()}


TYPES_DIR = Path(__file__).resolve().parents[1] / "schema" / "types"  # the repository's generated declarations


def type_files(types: Path = TYPES_DIR) -> dict[str, bytes]:
    """The TypeScript declarations of the schemas (``schema/types/*.d.ts`` of the repository; ``index.d.ts``
    declares them all), published beside the schemas under ``/schema/v1/types/``. An installed package without
    the repository publishes none (the types need node to generate; `orsnap schema` writes them)."""
    if not types.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(types.glob("*.d.ts"))}


BASE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/$")


def schema_name_of(path: str) -> str | None:
    """The schema a JSON file of the site (path relative to the site root) satisfies."""
    if path == SELECTION:
        return "selection"
    if not path.startswith(API_ROOT):
        return None
    rel = path.removeprefix(API_ROOT)
    return store.schema_name_for(rel) or schema_for_path(rel)


def with_schema_urls(files: dict[str, bytes], base_url: str) -> dict[str, bytes]:
    """The site with every JSON file naming its schema by its https URL (``$schema``), each schema's ``$id`` that
    URL, and ``index.json``'s hashes and sizes those of the bytes served. (The snapshot's ``manifest.json`` keeps
    the sha256 of the files as committed, without ``$schema``.)"""
    if not BASE_URL.match(base_url or ""):
        raise SiteError(
            f"base URL {str(base_url)[:80]!r} must be an https URL ending in / (https://example.org/orsnap/)"
        )
    out = dict(files)
    for path, data in files.items():
        if path.startswith(SCHEMA_ROOT) and path.endswith(".schema.json"):
            doc = json.loads(data)
            doc["$id"] = base_url + path
            out[path] = (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    index_path = f"{API_ROOT}index.json"
    for path, data in files.items():
        name = schema_name_of(path)
        if name is None or path == index_path or not path.endswith(".json"):
            continue
        doc = json.loads(data)
        doc["$schema"] = f"{base_url}{SCHEMA_ROOT}{name}.schema.json"
        out[path] = store.canonical_json(doc)
    index = json.loads(files[index_path])
    for entry in [*index["files"], *index["derived"]]:
        data = out[entry["url"]]
        entry["sha256"], entry["bytes"] = store.sha256(data), len(data)
    index["$schema"] = f"{base_url}{SCHEMA_ROOT}api-index.schema.json"
    out[index_path] = store.canonical_json(index)
    return out
