"""Strict pydantic models of what we publish (snapshot contract v1).

The JSON Schemas in ``schema/`` are generated from these classes (``orsnap schema``); a test fails when the
committed schemas drift from them. Everything here is data we publish: no upstream field reaches a file
unless it is named in one of these models.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"
ATTRIBUTION_TEMPLATE = "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}"
LICENCE_NOTE = (
    "OpenRouter's rankings dataset and benchmarks are CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); "
    "cite as the attribution line says."
)

DecimalString = Annotated[
    str,
    Field(
        pattern=r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$",
        max_length=40,
        description="A decimal number written as a canonical string (no exponent, no trailing zeros).",
    ),
]
MODEL_ID_PATTERN = r"^~?[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._:-]*$"
ModelId = Annotated[
    str,
    Field(
        pattern=MODEL_ID_PATTERN,
        max_length=200,
        description="An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.",
    ),
]
Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*){0,3}$",
        max_length=100,
        description="A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).",
    ),
]
IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="A calendar date, YYYY-MM-DD.")]
Timestamp = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
        description="An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.",
    ),
]
RelPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*\.json$",
        max_length=200,
        description="A path relative to the snapshot directory, built only from validated slugs.",
    ),
]
ShortText = Annotated[str, Field(max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """Where a file's data came from: the endpoint (relative to the API base) and its parameters."""

    endpoint: str = Field(description="HTTP method and path relative to the API base, e.g. `GET /models`.")
    params: dict[str, str] = Field(description="Query parameters sent.")
    keyed: bool = Field(description="True when the endpoint needs an OpenRouter API key.")


class Model(_Strict):
    """One model of OpenRouter's catalog, normalized."""

    id: ModelId
    canonical_slug: str = Field(max_length=200, description="The permaslug rankings use for this model.")
    name: ShortText
    author: str = Field(max_length=100, description="The part of the id before `/` (without a leading `~`).")
    description: str = Field(max_length=20000)
    created: int = Field(description="Unix time the model was added to OpenRouter.")
    context_length: int | None = Field(ge=0)
    max_completion_tokens: int | None = Field(ge=0)
    modality: str | None = Field(max_length=100, description="Upstream `architecture.modality`, e.g. `text->text`.")
    input_modalities: list[str]
    output_modalities: list[str]
    tokenizer: str | None = Field(max_length=100)
    pricing: dict[str, DecimalString] = Field(
        description=(
            "USD per token (or per request/image/search). `prompt` and `completion` are always present; any "
            "other key is listed only when non-zero, because upstream treats a missing key as 0."
        )
    )
    supported_parameters: list[str] = Field(description="Sorted.")
    expiration_date: IsoDate | None
    knowledge_cutoff: IsoDate | None
    variant: str | None = Field(max_length=50, description="The `:variant` suffix of the id (`free`, `thinking`…).")
    base_id: ModelId | None = Field(description="For a variant, the id of the model it varies, when listed.")
    is_free: bool = Field(description="True when prompt and completion prices are both 0.")
    is_alias: bool = Field(description="True for `~author/...-latest` alias ids.")
    hugging_face_id: str | None = Field(max_length=200)


class Catalog(_Strict):
    """`models.json`: the normalized catalog, sorted by id."""

    schema_version: str
    as_of: Timestamp
    source: Source
    count: int
    models: list[Model]


class Change(_Strict):
    """Movement against the previous period (keyed rankings only)."""

    previous_rank: int | None = Field(description="Rank in the previous period; null when not ranked then.")
    rank_delta: int | None = Field(description="previous_rank − rank: positive means the model moved up.")
    value_change_pct: DecimalString | None = Field(description="Change of the metric in percent, 2 decimals.")
    is_new: bool = Field(description="True when the model was not ranked in the previous period.")


class Entry(_Strict):
    """One ranked model."""

    rank: int = Field(ge=1, description="Position in the upstream order (unmapped rows keep their positions).")
    model_id: ModelId
    permaslug: str | None = Field(max_length=200, description="The dated slug the ranking row used.")
    name: ShortText
    author: str = Field(max_length=100)
    value: DecimalString | None = Field(description="The metric's value; null for rank-only sources.")
    share: DecimalString | None = Field(description="Fraction of the period's total (including `other`).")
    change: Change | None


class Unmapped(_Strict):
    """A ranking row whose permaslug or id matched no catalog model. Listed, never dropped."""

    rank: int = Field(ge=1)
    permaslug: str = Field(max_length=200)
    value: DecimalString | None
    reason: str = Field(max_length=200)


class Other(_Strict):
    """The aggregated `other` bucket: every model outside the upstream top 50."""

    value: DecimalString
    share: DecimalString | None


class Ranking(_Strict):
    """A ranking file: one category, one ordering, or the overall leaderboard."""

    schema_version: str
    kind: Literal["overall", "category", "dimension"]
    slug: Slug
    label: ShortText
    ranked_by: str = Field(
        max_length=100,
        description=(
            "How the order was made: `tokens` (weekly tokens from the rankings dataset), `top-weekly-overall` "
            "(the category's members ordered by overall weekly tokens: an approximation used without a key), "
            "or `sort:<value>` (OpenRouter's server-side sort)."
        ),
    )
    metric: Literal["tokens"] | None = Field(description="What `value` measures; null when rank-only.")
    period: Literal["week"] | None
    period_start: IsoDate | None
    period_end: IsoDate | None
    previous_period_start: IsoDate | None
    as_of: Timestamp
    source: Source
    attribution: str | None = Field(description="Required citation when the file carries keyed (CC BY 4.0) data.")
    total_rows: int = Field(ge=0, description="Ranked rows upstream before the top-N cut (excluding `other`).")
    entries: list[Entry]
    other: Other | None
    unmapped: list[Unmapped]


class CategoryNode(_Strict):
    """A category and its children (nested categories such as `marketing/seo` sit under `marketing`)."""

    slug: Slug
    label: ShortText
    parent: Slug | None
    depth: int = Field(ge=0)
    file: RelPath
    model_count: int = Field(ge=0, description="Models ranked in this category (mapped entries upstream).")
    ranked_by: str = Field(max_length=100)
    children: list[CategoryNode]


class Categories(_Strict):
    """`categories.json`: the category tree, in the order OpenRouter's contract lists them."""

    schema_version: str
    discovered_from: Literal["contract", "previous-snapshot"]
    contract_parameter: str = Field(description="Where in the contract the list came from.")
    overall: RelPath = Field(description="The overall leaderboard's file.")
    categories: list[CategoryNode]


class Dimension(_Strict):
    """An ordering (sort or dataset filter) and where it comes from."""

    slug: Slug
    label: ShortText
    parameter: str = Field(max_length=50, description="The contract parameter it came from (`sort`, `modality`…).")
    value: str = Field(max_length=100, description="The parameter's value upstream.")
    meaning: str = Field(max_length=2000, description="What the ordering means, from the contract's description.")
    source: Source
    metric: Literal["tokens"] | None
    file: RelPath
    entry_count: int = Field(ge=0)


class Dimensions(_Strict):
    """`dimensions.json`: every ordering discovered in the contract."""

    schema_version: str
    discovered_from: Literal["contract", "previous-snapshot"]
    dimensions: list[Dimension]


class BenchmarkEntry(_Strict):
    """One benchmark result joined to a catalog model."""

    model_id: ModelId | None = Field(description="Null when the permaslug matched no catalog model.")
    permaslug: str = Field(max_length=200)
    source: str = Field(max_length=50, description="`artificial-analysis`, `design-arena` or `openrouter`.")
    display_name: ShortText
    intelligence_index: float | None = None
    coding_index: float | None = None
    agentic_index: float | None = None
    elo: float | None = None
    arena: str | None = None
    category: str | None = None
    win_rate: float | None = None
    benchmark_type: str | None = None
    accuracy: float | None = None


class Benchmarks(_Strict):
    """`benchmarks.json` (keyed runs only): Artificial Analysis indices, Design Arena ELO, OpenRouter evals."""

    schema_version: str
    as_of: Timestamp
    source: Source
    attribution: str
    entries: list[BenchmarkEntry]
    unmapped_count: int = Field(ge=0)


class FileEntry(_Strict):
    """One file of the snapshot, with its digest."""

    path: RelPath
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    entries: int | None = Field(description="Entries (models or ranked rows) the file holds.")


class UnknownField(_Strict):
    """An upstream field our normalization does not publish (listed so that reviewers notice additions)."""

    path: str = Field(max_length=200)
    count: int = Field(ge=1)


class Manifest(_Strict):
    """`manifest.json`: what this snapshot is, where it came from, and every file with its sha256."""

    schema_version: str
    generator: str
    as_of: Timestamp = Field(description="The newest `as_of` of the sources.")
    sources_as_of: dict[str, Timestamp] = Field(description="`as_of` per source (catalog, rankings, benchmarks).")
    source_note: str = Field(max_length=500, description="Live API or recorded responses, in words.")
    keyed: bool = Field(description="True when keyed endpoints (tokens, benchmarks) were used.")
    missing: list[str] = Field(description="Figures absent from this snapshot and why (e.g. no API key).")
    attribution: str | None
    licence: str
    discovered_from: Literal["contract", "previous-snapshot"]
    top_n: int = Field(ge=1)
    forced: list[str] = Field(description="Gates overridden with --force for this snapshot (normally empty).")
    unknown_fields: list[UnknownField]
    unmapped_rows: int = Field(ge=0)
    counts: dict[str, int]
    files: list[FileEntry]


PUBLISHED_SCHEMAS: dict[str, type[BaseModel]] = {
    "manifest": Manifest,
    "categories": Categories,
    "dimensions": Dimensions,
    "models": Catalog,
    "ranking": Ranking,
    "benchmarks": Benchmarks,
}


# --- history, market share by author, trending (issue 13) ---------------------------------------------------

Provenance = Literal["recorded", "derived", "constructed"]
PROVENANCE_DESCRIPTION = (
    "Null for data from the live API. Set only for recorded fixtures replayed offline: `recorded` (a real "
    "response), `derived` (real figures, reshaped) or `constructed` (made-up figures; demo data only)."
)


class HistoryRow(_Strict):
    """One model's tokens in one bucket, exactly as the rankings dataset returned them."""

    rank: int = Field(ge=1, description="Position in the bucket by tokens (ties by permaslug).")
    permaslug: str = Field(max_length=200)
    model_id: ModelId | None = Field(description="The catalog model the permaslug maps to; null when none does.")
    tokens: DecimalString


class HistoryBucket(_Strict):
    """One period (week) of a history."""

    date: IsoDate = Field(description="The bucket's first day (ISO week start for `period=week`).")
    complete: bool = Field(description="False for a trailing bucket that ends after the dataset's `end_date`.")
    total: DecimalString = Field(description="Sum of every row's tokens, `other` included.")
    rows: list[HistoryRow]
    other: DecimalString | None = Field(description="Tokens of every model outside the bucket's top 50.")


class History(_Strict):
    """`rankings/history/overall.json` and `rankings/history/category/<slug>.json`: tokens per bucket."""

    schema_version: str
    kind: Literal["overall", "category"]
    slug: Slug
    label: ShortText
    period: Literal["week"]
    start_date: IsoDate = Field(description="The dataset's first day in this response (`meta.start_date`).")
    end_date: IsoDate = Field(description="The dataset's last day in this response (`meta.end_date`).")
    as_of: Timestamp
    source: Source
    attribution: str
    provenance: Provenance | None = Field(description=PROVENANCE_DESCRIPTION)
    buckets: list[HistoryBucket] = Field(description="Oldest first; only the buckets the response has.")


class AuthorShare(_Strict):
    """One author's tokens in one bucket."""

    author: str = Field(max_length=100, description="The permaslug's part before `/`.")
    tokens: DecimalString
    share: DecimalString = Field(description="Fraction of the bucket's total, 6 decimals.")
    models: int = Field(ge=1, description="Rows of this author in the bucket.")


class AuthorBucket(_Strict):
    date: IsoDate
    complete: bool
    total: DecimalString
    authors: list[AuthorShare] = Field(description="By tokens, descending (ties by author).")
    other: DecimalString | None = Field(description="Tokens outside the top 50, whose authors the dataset hides.")
    other_share: DecimalString | None = Field(
        description="`other` as a fraction of the total; with the authors' shares it sums to 1 (to rounding)."
    )


class Authors(_Strict):
    """`rankings/authors.json` and `rankings/authors/category/<slug>.json`: market share by author per bucket."""

    schema_version: str
    kind: Literal["overall", "category"]
    slug: Slug
    label: ShortText
    period: Literal["week"]
    as_of: Timestamp
    source: Source
    attribution: str
    provenance: Provenance | None = Field(description=PROVENANCE_DESCRIPTION)
    method: str = Field(max_length=500, description="How the shares are computed, in words.")
    buckets: list[AuthorBucket]


class TrendingEntry(_Strict):
    """A model whose tokens grew the most against the previous bucket."""

    rank: int = Field(ge=1)
    permaslug: str = Field(max_length=200)
    model_id: ModelId | None
    author: str = Field(max_length=100)
    tokens: DecimalString
    previous_tokens: DecimalString
    growth: DecimalString = Field(description="tokens − previous_tokens.")
    growth_pct: DecimalString | None = Field(description="growth / previous_tokens × 100, 2 decimals.")


class Trending(_Strict):
    """`rankings/trending.json` and `rankings/trending/category/<slug>.json`."""

    schema_version: str
    kind: Literal["overall", "category"]
    slug: Slug
    label: ShortText
    period: Literal["week"]
    period_start: IsoDate | None
    previous_period_start: IsoDate | None
    as_of: Timestamp
    source: Source
    attribution: str
    provenance: Provenance | None = Field(description=PROVENANCE_DESCRIPTION)
    method: str = Field(max_length=500)
    entries: list[TrendingEntry] = Field(description="Largest absolute growth first; only models that grew.")
    new_in_top: list[HistoryRow] = Field(
        description="Models in this bucket's top 50 but not the previous one's (growth unknown: listed apart)."
    )


PUBLISHED_SCHEMAS.update({"history": History, "authors": Authors, "trending": Trending})


# --- apps (issue 13) ------------------------------------------------------------------------------------------

APPS_ATTRIBUTION_TEMPLATE = "Source: OpenRouter (openrouter.ai/apps), as of {as_of}"


class AppEntry(_Strict):
    """One app of OpenRouter's apps marketplace."""

    rank: int = Field(ge=1, description="Position in the response (re-numbered after a category filter).")
    app_id: int = Field(ge=0, description="OpenRouter's stable numeric id of the app.")
    name: ShortText = Field(description="The app's public name (upstream text, capped at 300 characters).")
    tokens: DecimalString = Field(
        description="Prompt + completion tokens in the window (`popular`), or excess growth (`trending`)."
    )
    requests: int = Field(ge=0)


class Apps(_Strict):
    """`apps/<sort>.json` and `apps/category/<group>.json`: top apps in the dataset's window."""

    schema_version: str
    sort: Slug = Field(description="The `sort` asked for: what `tokens` ranks (from the contract's enum).")
    category: Slug | None = Field(description="The marketplace category group; null for all apps.")
    label: ShortText
    start_date: IsoDate
    end_date: IsoDate
    as_of: Timestamp
    source: Source
    attribution: str
    provenance: Provenance | None = Field(description=PROVENANCE_DESCRIPTION)
    meaning: str = Field(max_length=2000, description="What the sort means, from the contract's description.")
    entries: list[AppEntry]


PUBLISHED_SCHEMAS["apps"] = Apps
