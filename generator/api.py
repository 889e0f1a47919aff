"""The JSON API's own files, for frontends: built from the snapshot and its git history by ``orsnap build``.

Beside the snapshot's files (published unchanged under ``api/v1/``), the build writes:

- ``api/v1/index.json``: every file with its URL, sha256, size and schema (:class:`ApiIndex`);
- ``api/v1/models/<author>/<slug>.json``: one model, so that a page needs not download the whole catalog: its
  catalog record, every ranking it appears in with its rank, and its price history (:class:`ModelFile`);
- ``api/v1/history/trends.json``, ``prices.json``, ``changes.json``: what the site's trends, price histories and
  changes page show (:class:`Trends`, :class:`Prices`, :class:`Changes`).

Each shape is a pydantic model here; ``orsnap schema`` writes their JSON Schemas beside the snapshot's
(``schema/<name>.schema.json``, see :mod:`generator.schema`), the site publishes them under ``schema/v1/``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import published

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
