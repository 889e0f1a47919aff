"""Strict pydantic models of what we publish (snapshot contract v1).

The JSON Schemas in ``schema/`` are generated from these classes (``orsnap schema``); a test fails when the
committed schemas drift from them. Everything here is data we publish: no upstream field reaches a file
unless it is named in one of these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from generator.published_types import (
    MAX_APP_ID,
    MAX_BUCKETS,
    MAX_BYTES,
    MAX_RANK,
    MAX_TOKENS,
    MAX_UNIX_TIME,
    UNKNOWN_FIELD_PATTERN,
    Attribution,
    Count,
    DecimalString,
    IsoDate,
    Metric,
    ModelId,
    Pricing,
    Provenance,
    Rank,
    RelPath,
    Score,
    ShortText,
    Slug,
    Strict,
    Timestamp,
)

# Limits other modules read as `published.X` (the site, normalize, rank, providers): re-exported by name.
from generator.published_types import MAX_DECIMAL_INTEGER_DIGITS as MAX_DECIMAL_INTEGER_DIGITS
from generator.published_types import MAX_SCORE as MAX_SCORE
from generator.published_types import MODEL_ID_PATTERN as MODEL_ID_PATTERN

SCHEMA_VERSION = "1.0.0"
ATTRIBUTION_TEMPLATE = "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}"
LICENCE_NOTE = (
    "OpenRouter's rankings dataset and benchmarks are CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); "
    "cite as the attribution line says."
)


class Source(Strict):
    """Where a file's data came from: the endpoint (relative to the API base) and its parameters."""

    endpoint: str = Field(description="HTTP method and path relative to the API base, e.g. `GET /models`.")
    params: dict[str, str] = Field(description="Query parameters sent.")
    keyed: bool = Field(description="True when the endpoint needs an OpenRouter API key.")
    provenance: Provenance = Field(
        description=(
            "What the data is: `live` (the API answered this run), `recorded` (a real recorded response, "
            "replayed), `derived` (every figure real, only the envelope or date assignment is ours) or "
            "`constructed` (demo figures made by a stated rule: not OpenRouter's, carries no attribution)."
        )
    )


class Model(Strict):
    """One model of OpenRouter's catalog, normalized."""

    id: ModelId
    canonical_slug: str = Field(max_length=200, description="The permaslug rankings use for this model.")
    name: ShortText
    author: str = Field(max_length=100, description="The part of the id before `/` (without a leading `~`).")
    description: str = Field(max_length=20000)
    created: int = Field(ge=0, le=MAX_UNIX_TIME, description="Unix time the model was added to OpenRouter.")
    context_length: int | None = Field(ge=0, le=MAX_TOKENS)
    max_completion_tokens: int | None = Field(ge=0, le=MAX_TOKENS)
    modality: str | None = Field(max_length=100, description="Upstream `architecture.modality`, e.g. `text->text`.")
    input_modalities: list[str]
    output_modalities: list[str]
    tokenizer: str | None = Field(max_length=100)
    pricing: Pricing
    supported_parameters: list[str] = Field(description="Sorted.")
    expiration_date: IsoDate | None
    knowledge_cutoff: IsoDate | None
    variant: str | None = Field(max_length=50, description="The `:variant` suffix of the id (`free`, `thinking`…).")
    base_id: ModelId | None = Field(description="For a variant, the id of the model it varies, when listed.")
    is_free: bool = Field(description="True when prompt and completion prices are both 0.")
    is_alias: bool = Field(description="True for `~author/...-latest` alias ids.")
    hugging_face_id: str | None = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$",
        max_length=200,
        description="A Hugging Face repository id, `owner/name` (validated: it may become a link).",
    )


class Catalog(Strict):
    """`models.json`: the normalized catalog, sorted by id."""

    schema_version: str
    as_of: Timestamp
    source: Source
    count: Count
    models: list[Model]


class Change(Strict):
    """Movement against the previous period (keyed rankings only)."""

    previous_rank: Rank | None = Field(description="Rank in the previous period; null when not ranked then.")
    rank_delta: int | None = Field(
        ge=-MAX_RANK, le=MAX_RANK, description="previous_rank − rank: positive means the model moved up."
    )
    value_change_pct: DecimalString | None = Field(description="Change of the metric in percent, 2 decimals.")
    is_new: bool = Field(description="True when the model was not ranked in the previous period.")


class Entry(Strict):
    """One ranked model."""

    rank: int = Field(
        ge=1, le=MAX_RANK, description="Position in the upstream order (unmapped rows keep their positions)."
    )
    model_id: ModelId
    permaslug: str | None = Field(max_length=200, description="The dated slug the ranking row used.")
    name: ShortText
    author: str = Field(max_length=100)
    value: DecimalString | None = Field(description="The metric's value; null for rank-only sources.")
    share: DecimalString | None = Field(
        description="Fraction of the period's total (including `other`); null when upstream sent no `other` row."
    )
    change: Change | None


class Unmapped(Strict):
    """A ranking row whose permaslug or id matched no catalog model. Listed, never dropped."""

    rank: Rank
    permaslug: str = Field(max_length=200)
    value: DecimalString | None
    reason: str = Field(max_length=200)


class Other(Strict):
    """The aggregated `other` bucket: every model outside the upstream top 50."""

    value: DecimalString
    share: DecimalString | None


class Ranking(Strict):
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
    metric: Metric | None = Field(description="What `value` measures; null when rank-only.")
    period: Literal["week"] | None
    period_start: IsoDate | None
    period_end: IsoDate | None
    previous_period_start: IsoDate | None
    as_of: Timestamp
    source: Source
    attribution: str | None = Field(description="Required citation when the file carries keyed (CC BY 4.0) data.")
    total_rows: int = Field(
        ge=0, le=MAX_RANK, description="Ranked rows upstream before the top-N cut (excluding `other`)."
    )
    entries: list[Entry]
    other: Other | None
    unmapped: list[Unmapped]


class CategoryNode(Strict):
    """A category and its children (nested categories such as `marketing/seo` sit under `marketing`)."""

    slug: Slug
    label: ShortText
    parent: Slug | None
    depth: int = Field(ge=0, le=3)
    file: RelPath
    model_count: int = Field(ge=0, le=MAX_RANK, description="Models ranked in this category (mapped entries upstream).")
    ranked_by: str = Field(max_length=100)
    children: list[CategoryNode]


class Categories(Strict):
    """`categories.json`: the category tree, in the order OpenRouter's contract lists them."""

    schema_version: str
    discovered_from: Literal["contract", "previous-snapshot"]
    contract_parameter: str = Field(description="Where in the contract the list came from.")
    overall: RelPath = Field(description="The overall leaderboard's file.")
    categories: list[CategoryNode]


class Dimension(Strict):
    """An ordering (sort or dataset filter) and where it comes from."""

    slug: Slug
    label: ShortText
    parameter: str = Field(
        max_length=50,
        description="The contract parameter it came from (`sort`, `modality`…), or `derived` for our own orderings.",
    )
    value: str = Field(max_length=100, description="The parameter's value upstream.")
    meaning: str = Field(max_length=2000, description="What the ordering means, from the contract's description.")
    source: Source
    metric: Metric | None
    file: RelPath
    entry_count: Count


class Dimensions(Strict):
    """`dimensions.json`: every ordering discovered in the contract."""

    schema_version: str
    discovered_from: Literal["contract", "previous-snapshot"]
    dimensions: list[Dimension]


class BenchmarkEntry(Strict):
    """One benchmark result joined to a catalog model."""

    model_id: ModelId | None = Field(description="Null when the permaslug matched no catalog model.")
    permaslug: str = Field(max_length=200)
    source: str = Field(max_length=50, description="`artificial-analysis`, `design-arena` or `openrouter`.")
    display_name: ShortText
    intelligence_index: Score = None
    coding_index: Score = None
    agentic_index: Score = None
    elo: Score = None
    arena: str | None = None
    category: str | None = None
    win_rate: Score = None
    benchmark_type: str | None = None
    accuracy: Score = None


class Benchmarks(Strict):
    """`benchmarks.json` (keyed runs only): Artificial Analysis indices, Design Arena ELO, OpenRouter evals."""

    schema_version: str
    as_of: Timestamp
    source: Source
    attribution: str
    entries: list[BenchmarkEntry]
    unmapped_count: Count


class FileEntry(Strict):
    """One file of the snapshot, with its digest."""

    path: RelPath
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0, le=MAX_BYTES)
    entries: Count | None = Field(description="Entries (models or ranked rows) the file holds.")


class UnknownField(Strict):
    """An upstream field our normalization does not publish (listed so that reviewers notice additions)."""

    path: str = Field(
        pattern=UNKNOWN_FIELD_PATTERN,
        max_length=200,
        description="Dotted path of the field, e.g. `architecture.new_field`: letters, digits, `_` and `-` only.",
    )
    count: int = Field(ge=1, le=MAX_RANK)


class Demo(Strict):
    """Set when the snapshot was not made from the live API: the source was replayed recordings."""

    recorded_from: list[IsoDate] = Field(description="Dates of the real captures the replayed responses come from.")
    constructed: list[RelPath] = Field(description="Files whose figures are constructed demo data, not OpenRouter's.")
    note: str = Field(max_length=500)


class Manifest(Strict):
    """`manifest.json`: what this snapshot is, where it came from, and every file with its sha256."""

    schema_version: str
    generator: str
    as_of: Timestamp = Field(description="The newest `as_of` of the sources.")
    sources_as_of: dict[str, Timestamp] = Field(description="`as_of` per source (catalog, rankings, benchmarks).")
    source_note: str = Field(max_length=500, description="Live API or recorded responses, in words.")
    demo: Demo | None = Field(description="Null for a live snapshot; else what was replayed (not live data).")
    keyed: bool = Field(description="True when keyed endpoints (tokens, benchmarks) were used.")
    missing: list[str] = Field(description="Figures absent from this snapshot and why (e.g. no API key).")
    attribution: str | None
    licence: str
    discovered_from: Literal["contract", "previous-snapshot"]
    top_n: int = Field(ge=1, le=1000)
    forced: list[str] = Field(description="Gates overridden with --force for this snapshot (normally empty).")
    unknown_fields: list[UnknownField]
    unmapped_rows: Count
    counts: dict[str, Count]
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


class HistoryRow(Strict):
    """One model's tokens in one bucket, exactly as the rankings dataset returned them."""

    rank: int = Field(ge=1, le=MAX_RANK, description="Position in the bucket by tokens (ties by permaslug).")
    permaslug: str = Field(max_length=200)
    model_id: ModelId | None = Field(description="The catalog model the permaslug maps to; null when none does.")
    tokens: DecimalString


class HistoryBucket(Strict):
    """One period (week) of a history."""

    date: IsoDate = Field(description="The bucket's first day (ISO week start for `period=week`).")
    complete: bool = Field(description="False for a trailing bucket that ends after the dataset's `end_date`.")
    total: DecimalString = Field(description="Sum of every row's tokens, `other` included.")
    rows: list[HistoryRow] = Field(max_length=MAX_RANK)
    other: DecimalString | None = Field(description="Tokens of every model outside the bucket's top 50.")


class _Series(Strict):
    """What a history, authors or trending file is about: the overall leaderboard or one category, by week."""

    schema_version: str
    kind: Literal["overall", "category"]
    slug: Slug
    label: ShortText
    period: Literal["week"]


class History(_Series):
    """`rankings/history/overall.json` and `rankings/history/category/<slug>.json`: tokens per bucket."""

    start_date: IsoDate = Field(description="The dataset's first day in this response (`meta.start_date`).")
    end_date: IsoDate = Field(description="The dataset's last day in this response (`meta.end_date`).")
    as_of: Timestamp
    source: Source
    attribution: Attribution
    buckets: list[HistoryBucket] = Field(
        max_length=MAX_BUCKETS, description="Oldest first; only the buckets the response has."
    )


class AuthorShare(Strict):
    """One author's tokens in one bucket."""

    author: str = Field(max_length=100, description="The permaslug's part before `/`.")
    tokens: DecimalString
    share: DecimalString = Field(description="Fraction of the bucket's total, 6 decimals.")
    models: int = Field(ge=1, le=MAX_RANK, description="Rows of this author in the bucket.")


class AuthorBucket(Strict):
    date: IsoDate
    complete: bool
    total: DecimalString
    authors: list[AuthorShare] = Field(description="By tokens, descending (ties by author).")
    other: DecimalString | None = Field(description="Tokens outside the top 50, whose authors the dataset hides.")
    other_share: DecimalString | None = Field(
        description="`other` as a fraction of the total; with the authors' shares it sums to 1 (to rounding)."
    )


class Authors(_Series):
    """`rankings/authors.json` and `rankings/authors/category/<slug>.json`: market share by author per bucket."""

    as_of: Timestamp
    source: Source
    attribution: Attribution
    method: str = Field(max_length=500, description="How the shares are computed, in words.")
    buckets: list[AuthorBucket] = Field(max_length=MAX_BUCKETS)


class TrendingEntry(Strict):
    """A model whose tokens grew the most against the previous bucket."""

    rank: Rank
    permaslug: str = Field(max_length=200)
    model_id: ModelId | None
    author: str = Field(max_length=100)
    tokens: DecimalString
    previous_tokens: DecimalString
    growth: DecimalString = Field(description="tokens − previous_tokens.")
    growth_pct: DecimalString | None = Field(description="growth / previous_tokens × 100, 2 decimals.")


class Trending(_Series):
    """`rankings/trending.json` and `rankings/trending/category/<slug>.json`."""

    period_start: IsoDate | None
    previous_period_start: IsoDate | None
    as_of: Timestamp
    source: Source
    attribution: Attribution
    method: str = Field(max_length=500)
    entries: list[TrendingEntry] = Field(description="Largest absolute growth first; only models that grew.")
    new_in_top: list[HistoryRow] = Field(
        description="Models in this bucket's top 50 but not the previous one's (growth unknown: listed apart)."
    )


PUBLISHED_SCHEMAS.update({"history": History, "authors": Authors, "trending": Trending})


# --- apps (issue 13) ------------------------------------------------------------------------------------------

APPS_ATTRIBUTION_TEMPLATE = "Source: OpenRouter (openrouter.ai/apps), as of {as_of}"


class AppEntry(Strict):
    """One app of OpenRouter's apps marketplace."""

    rank: int = Field(ge=1, le=MAX_RANK, description="Position in the response (re-numbered after a category filter).")
    app_id: int = Field(ge=0, le=MAX_APP_ID, description="OpenRouter's stable numeric id of the app.")
    name: ShortText = Field(description="The app's public name (upstream text, capped at 300 characters).")
    tokens: DecimalString = Field(
        description="Prompt + completion tokens in the window (`popular`), or excess growth (`trending`)."
    )
    requests: int = Field(ge=0, le=10**15)


class Apps(Strict):
    """`apps/<sort>.json` and `apps/category/<group>.json`: top apps in the dataset's window."""

    schema_version: str
    sort: Slug = Field(description="The `sort` asked for: what `tokens` ranks (from the contract's enum).")
    category: Slug | None = Field(description="The marketplace category group; null for all apps.")
    label: ShortText
    start_date: IsoDate
    end_date: IsoDate
    as_of: Timestamp
    source: Source
    attribution: Attribution
    meaning: str = Field(max_length=2000, description="What the sort means, from the contract's description.")
    entries: list[AppEntry] = Field(max_length=MAX_RANK)


PUBLISHED_SCHEMAS["apps"] = Apps


# --- providers of a model, and the dimensions derived from them (issue 13 item 5) -----------------------------


class ProviderEndpoint(Strict):
    """One provider serving a model, from ``GET /models/{author}/{slug}/endpoints``."""

    provider: ShortText = Field(description="`provider_name` upstream.")
    tag: str = Field(max_length=100, description="The endpoint's tag (provider slug, with a variant suffix).")
    quantization: str | None = Field(max_length=50)
    prompt: DecimalString = Field(description="USD per prompt token, as upstream sent it (canonical).")
    completion: DecimalString = Field(description="USD per completion token, as upstream sent it (canonical).")
    context_length: int = Field(ge=0, le=MAX_TOKENS)
    uptime_last_1d: DecimalString | None = Field(description="Percent of successful requests over a day; null if none.")
    latency_p50_ms: DecimalString | None = Field(description="Median latency over the last 30 min, milliseconds.")
    throughput_p50: DecimalString | None = Field(
        description="Median output tokens per second over the last 30 min; null when upstream sent none."
    )


class Providers(Strict):
    """`providers/<author>/<slug>.json`: the providers of one ranked model."""

    schema_version: str
    model_id: ModelId
    as_of: Timestamp
    source: Source
    attribution: Attribution
    endpoints: list[ProviderEndpoint] = Field(max_length=1000, description="By provider name, then tag.")


PUBLISHED_SCHEMAS["providers"] = Providers
