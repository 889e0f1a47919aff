"""The field types and limits of everything we publish: decimal strings, ids, slugs, dates, paths, bounded numbers,
and :class:`Strict`, the base of every published model (:mod:`generator.published`, :mod:`generator.selection_models`).

Each type is an ``Annotated`` pydantic constraint, so it reaches the JSON Schemas (``orsnap schema``) as a pattern,
a bound or a length.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Sane maximums for every number we publish: far above anything OpenRouter has sent, low enough that every
# consumer (the site, the change report, selection.json) can compute with them. A decimal string has at most
# 15 integer digits, so per-million prices and percentages stay within Decimal's 28-digit precision.
MAX_DECIMAL_INTEGER_DIGITS = 15
MAX_TOKENS = 10**9  # context length, max completion tokens
MAX_UNIX_TIME = 4_102_444_800  # 2100-01-01T00:00:00Z
MAX_RANK = 1_000_000  # ranks, counts of rows, models and files
MAX_BYTES = 10**9
MAX_SCORE = 1e9  # benchmark indices, ELO, rates
DecimalString = Annotated[
    str,
    Field(
        pattern=rf"^-?(0|[1-9][0-9]{{0,{MAX_DECIMAL_INTEGER_DIGITS - 1}}})(\.[0-9]*[1-9])?$",
        max_length=40,
        description="A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).",
    ),
]
Count = Annotated[int, Field(ge=0, le=MAX_RANK)]
Rank = Annotated[int, Field(ge=1, le=MAX_RANK)]
Score = Annotated[float | None, Field(ge=-MAX_SCORE, le=MAX_SCORE, allow_inf_nan=False)]
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
UNKNOWN_FIELD_PATTERN = r"^[A-Za-z0-9_-]{1,80}(\.[A-Za-z0-9_-]{1,80})*$"
ShortText = Annotated[str, Field(max_length=300)]


Provenance = Literal["live", "recorded", "derived", "constructed"]
# `tokens` from the rankings dataset; the others are the dimensions derived from providers (generator/providers.py)
Metric = Literal["tokens", "tokens_per_second", "latency_ms", "uptime_pct", "index_per_usd"]

# Each file says what it is in `source.provenance` (issue 11's one mechanism). A constructed file carries no
# OpenRouter attribution: its figures are not OpenRouter's.
Attribution = Annotated[
    str | None,
    Field(description="The citation OpenRouter's terms require; null when `source.provenance` is `constructed`."),
]
MAX_BUCKETS = 1000  # weekly buckets since 2025-01-01: about 52 a year
MAX_APP_ID = 10**12
PRICING_REQUIRED = ("prompt", "completion")  # every model has these two prices; other keys only when non-zero


def _prompt_and_completion(pricing: dict[str, str]) -> dict[str, str]:
    missing = [key for key in PRICING_REQUIRED if key not in pricing]
    if missing:
        raise ValueError(f"pricing lacks {', '.join(missing)}")
    return pricing


Pricing = Annotated[
    dict[str, DecimalString],
    Field(
        description=(
            "USD per token (or per request/image/search). `prompt` and `completion` are always present; any "
            "other key is listed only when non-zero, because upstream treats a missing key as 0."
        ),
        json_schema_extra=lambda schema: schema.update(  # the schema (and the TS types) require the two keys
            properties={key: dict(schema["additionalProperties"]) for key in PRICING_REQUIRED},
            required=list(PRICING_REQUIRED),
        ),
    ),
    AfterValidator(_prompt_and_completion),
]


class Strict(BaseModel):
    """A published model: an unknown field is an error, never silently published."""

    model_config = ConfigDict(extra="forbid")
