"""Lenient pydantic models of what OpenRouter sends.

Unknown fields are allowed (and collected by :func:`unknown_fields`, so the run report can list them), but
the fields we publish are type-checked: a record that fails here is a validation error, never a crash.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow")


class Architecture(_Lenient):
    modality: str | None = None
    input_modalities: list[str] = Field(default_factory=list)
    output_modalities: list[str] = Field(default_factory=list)
    tokenizer: str | None = None
    instruct_type: str | None = None


class TopProvider(_Lenient):
    # A negative token limit is not believable (no capture has one): InvalidData, not a silent clamp.
    context_length: int | None = Field(default=None, ge=0)
    max_completion_tokens: int | None = Field(default=None, ge=0)
    is_moderated: bool | None = None


class Model(_Lenient):
    """A model of ``GET /models`` (spec: components.schemas.Model)."""

    id: str = Field(min_length=1, max_length=200)
    canonical_slug: str | None = Field(default=None, max_length=200)
    name: str
    description: str = ""
    created: int = 0
    context_length: int | None = Field(default=None, ge=0)
    architecture: Architecture = Field(default_factory=Architecture)
    pricing: dict[str, str]
    top_provider: TopProvider | None = None
    supported_parameters: list[str] | None = None
    expiration_date: str | None = None
    knowledge_cutoff: str | None = None
    hugging_face_id: str | None = None
    # In the spec, deliberately not published:
    per_request_limits: Any = None
    default_parameters: Any = None
    supported_voices: Any = None
    links: Any = None
    reasoning: Any = None
    benchmarks: Any = None
    alias_target: Any = None


class RankingsRow(_Lenient):
    """A row of ``GET /datasets/rankings-daily`` (spec: RankingsDailyItem)."""

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    model_permaslug: str = Field(min_length=1, max_length=200)
    total_tokens: str | int


class RankingsMeta(_Lenient):
    as_of: str
    start_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    end_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    version: str | None = None


class RankingsResponse(_Lenient):
    data: list[RankingsRow]
    meta: RankingsMeta


class AppItem(_Lenient):
    """A row of ``GET /datasets/app-rankings`` (spec: AppRankingsItem)."""

    rank: int = Field(ge=1)
    app_id: int = Field(ge=0)
    app_name: str = Field(max_length=1000)
    total_tokens: str | int
    total_requests: int = Field(ge=0)


class AppsResponse(_Lenient):
    data: list[AppItem]
    meta: RankingsMeta


class BenchmarkItem(_Lenient):
    """An item of ``GET /benchmarks`` (one of the AA / DA / OpenRouter / search shapes)."""

    source: str = Field(max_length=50)
    model_permaslug: str = Field(min_length=1, max_length=200)
    display_name: str = ""
    intelligence_index: float | None = None
    coding_index: float | None = None
    agentic_index: float | None = None
    elo: float | None = None
    arena: str | None = None
    category: str | None = None
    win_rate: float | None = None
    benchmark_type: str | None = None
    accuracy: float | None = None


class BenchmarksMeta(_Lenient):
    as_of: str


class BenchmarksResponse(_Lenient):
    data: list[BenchmarkItem]
    meta: BenchmarksMeta


def unknown_fields(model: BaseModel, prefix: str = "", into: Counter[str] | None = None) -> Counter[str]:
    """Dotted paths of fields ``model`` (and its nested models) received but does not declare."""
    found: Counter[str] = into if into is not None else Counter()
    for name in model.model_extra or {}:
        found[f"{prefix}{name}"] += 1
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            unknown_fields(value, f"{prefix}{name}.", found)
    return found
