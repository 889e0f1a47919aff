"""Providers of the ranked models (``GET /models/{author}/{slug}/endpoints``, keyless) and the dimensions we derive.

Pure functions. Which models: the union of every ranking's top :data:`TOP` (overall, categories, orderings), in
path order, at most :data:`CAP`. Each model's response becomes ``providers/<author>/<slug>.json``
(:func:`providers_path`, from validated parts only). The four orderings of :data:`DERIVED` are ours, not the
contract's: each is one ranking file under ``rankings/dimension/`` with a ``dimensions.json`` entry
(``parameter: derived``) whose meaning is the definition below. They are listed here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator import published, rank
from generator.normalize import InvalidData, canonical_decimal, parse_decimal
from generator.slugs import validate_slug

PARAMETER = "derived"  # the `parameter` of their dimensions.json entries
TOP = 10  # the ranks of each ranking whose models get their providers fetched
CAP = 40  # at most this many models (keyless calls) per update; the demo snapshot's union is 70 keyed, 75 keyless
PROVIDERS_DIR = PurePosixPath("providers")
ENDPOINTS_PATH = "/models/{author}/{slug}/endpoints"
ENDPOINT = f"GET {ENDPOINTS_PATH}"
MAX_ENDPOINTS = 1000
BLEND_INPUT, BLEND_OUTPUT = 3, 1  # the 3:1 input:output blend selection.json uses
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Derived:
    """One ordering we derive from published fields (not in OpenRouter's contract)."""

    slug: str
    label: str
    metric: Literal["tokens_per_second", "latency_ms", "uptime_pct", "index_per_usd"]
    descending: bool
    meaning: str


DERIVED = (
    Derived(
        "fastest",
        "Fastest",
        "tokens_per_second",
        True,
        "Derived by orsnap: the ranked models by their fastest provider's median throughput over the last 30 "
        "minutes (`throughput_last_30m.p50`, output tokens per second) in GET /models/{author}/{slug}/endpoints; "
        "highest first. Upstream sends throughput only to authenticated requests, so a live keyless response "
        "has none and this file is then not written.",
    ),
    Derived(
        "lowest-latency",
        "Lowest latency",
        "latency_ms",
        False,
        "Derived by orsnap: the ranked models by their lowest provider median latency over the last 30 minutes "
        "(`latency_last_30m.p50`, milliseconds to the first token) in GET /models/{author}/{slug}/endpoints; lowest "
        "first. Upstream sends latency only to authenticated requests, so a live keyless response has none and "
        "this file is then not written.",
    ),
    Derived(
        "most-reliable",
        "Most reliable",
        "uptime_pct",
        True,
        "Derived by orsnap: the ranked models by their best provider's uptime over the last day "
        "(`uptime_last_1d`, successful / (successful + error) requests, percent) in "
        "GET /models/{author}/{slug}/endpoints; highest first.",
    ),
    Derived(
        "best-value",
        "Best value",
        "index_per_usd",
        True,
        "Derived by orsnap: the Artificial Analysis Intelligence Index (benchmarks.json) divided by the blended "
        "catalog price in USD per million tokens (3 parts prompt to 1 part completion, models.json), rounded to "
        "4 places; highest first. Models without an index or with a zero or variable price are left out.",
    ),
)


# --- upstream (lenient, validated) --------------------------------------------------------------------------


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Percentiles(_Lenient):
    p50: float | None = Field(default=None, ge=0, le=published.MAX_SCORE, allow_inf_nan=False)


class _Endpoint(_Lenient):
    provider_name: str = Field(min_length=1, max_length=300)
    tag: str = Field(default="", max_length=100)
    quantization: str | None = Field(default=None, max_length=50)
    context_length: int = Field(ge=0, le=published.MAX_TOKENS)
    pricing: dict[str, Any]
    uptime_last_1d: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    latency_last_30m: _Percentiles | None = None
    throughput_last_30m: _Percentiles | None = None


class _Data(_Lenient):
    endpoints: list[_Endpoint] = Field(max_length=MAX_ENDPOINTS)


class _Response(_Lenient):
    data: _Data


# --- which models, which paths ------------------------------------------------------------------------------


def ranked_models(rankings: dict[str, published.Ranking], catalog: Iterable[str]) -> list[str]:
    """The union of every ranking's top :data:`TOP` catalog models (aliases and our derived orderings left out).

    At most :data:`CAP`, the most prominent first: by best rank in any ranking, then by how many rankings have the
    model in their top :data:`TOP`, then by id. Returned sorted by id.
    """
    known = set(catalog)
    derived = {d.slug for d in DERIVED}
    best: dict[str, int] = {}
    count: dict[str, int] = {}
    for r in rankings.values():
        if r.kind == "dimension" and r.slug in derived:
            continue
        for e in r.entries:
            if e.rank <= TOP and e.model_id in known and not e.model_id.startswith("~"):
                best[e.model_id] = min(best.get(e.model_id, e.rank), e.rank)
                count[e.model_id] = count.get(e.model_id, 0) + 1
    chosen = sorted(best, key=lambda m: (best[m], -count[m], m))[:CAP]
    return sorted(chosen)


_PART = re.compile(r"[^a-z0-9]+")


def providers_path(model_id: str) -> str:
    """``openai/gpt-oss-20b:free`` → ``providers/openai/gpt-oss-20b--free.json``.

    Each part is lower-cased and every run of other characters (``.``, ``_``) becomes ``-``; the variant
    (after ``:``) follows ``--``. The result is a validated slug, so never a path outside ``providers/``;
    :func:`check_unique` refuses two ids that would meet on one path.
    """
    author, _, rest = model_id.partition("/")
    slug, _, variant = rest.partition(":")

    def part(text: str) -> str:
        return _PART.sub("-", text.lower()).strip("-")

    name = part(slug) + (f"--{part(variant)}" if variant else "")
    validate_slug(part(author))
    validate_slug(part(slug))
    if variant:
        validate_slug(part(variant))
    return str(PROVIDERS_DIR / part(author) / f"{name}.json")


def check_unique(model_ids: Iterable[str]) -> dict[str, str]:
    """Model id → providers path; InvalidData when two ids map to one path."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for model_id in model_ids:
        path = providers_path(model_id)
        if path in seen:
            raise InvalidData(f"model ids {seen[path]!r} and {model_id!r} would share {path}")
        seen[path] = model_id
        out[model_id] = path
    return out


# --- one response → one providers file ----------------------------------------------------------------------


def _decimal(value: float | None, places: int = 4) -> str | None:
    if value is None:
        return None
    return canonical_decimal(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)))


def providers_file(model_id: str, payload: Any, *, source: published.Source, as_of: str) -> published.Providers:
    endpoint = ENDPOINT.format(author=model_id.split("/")[0], slug=model_id.split("/", 1)[1])
    try:
        response = _Response.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidData(f"{endpoint}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    out = []
    for i, e in enumerate(response.data.endpoints):
        what = f"{endpoint}: endpoints[{i}]"
        prompt = parse_decimal(e.pricing.get("prompt"), f"{what}.pricing.prompt", allow_variable=True)
        completion = parse_decimal(e.pricing.get("completion"), f"{what}.pricing.completion", allow_variable=True)
        latency = e.latency_last_30m.p50 if e.latency_last_30m else None
        throughput = e.throughput_last_30m.p50 if e.throughput_last_30m else None
        out.append(
            published.ProviderEndpoint(
                provider=e.provider_name[:300],
                tag=e.tag,
                quantization=e.quantization,
                prompt=canonical_decimal(prompt),
                completion=canonical_decimal(completion),
                context_length=e.context_length,
                uptime_last_1d=_decimal(e.uptime_last_1d),
                latency_p50_ms=_decimal(latency, 1),  # PercentileStats: milliseconds (time to first token)
                throughput_p50=_decimal(throughput, 1),
            )
        )
    out.sort(key=lambda p: (p.provider, p.tag))
    constructed = source.provenance == "constructed"
    return published.Providers(
        schema_version=published.SCHEMA_VERSION,
        model_id=model_id,
        as_of=as_of,
        source=source,
        attribution=None if constructed else published.ATTRIBUTION_TEMPLATE.format(as_of=as_of),
        endpoints=out,
    )


# --- the derived dimensions ---------------------------------------------------------------------------------


def _best(values: list[str | None], descending: bool) -> Decimal | None:
    found = [Decimal(v) for v in values if v is not None]
    if not found:
        return None
    return max(found) if descending else min(found)


def _blended_per_m(model: published.Model) -> Decimal | None:
    prompt, completion = Decimal(model.pricing["prompt"]), Decimal(model.pricing["completion"])
    if prompt < 0 or completion < 0:  # -1: variable
        return None
    blended = (prompt * BLEND_INPUT + completion * BLEND_OUTPUT) / (BLEND_INPUT + BLEND_OUTPUT) * MILLION
    return blended if blended > 0 else None


def figures(
    derived: Derived,
    providers: dict[str, published.Providers],
    catalog: dict[str, published.Model],
    benchmarks: published.Benchmarks | None,
) -> dict[str, Decimal]:
    """Model id → the dimension's figure, for every model that has one."""
    out: dict[str, Decimal] = {}
    if derived.metric == "index_per_usd":
        if benchmarks is None:
            return out
        index = {
            b.model_id: Decimal(str(b.intelligence_index))
            for b in benchmarks.entries
            if b.model_id is not None and b.intelligence_index is not None
        }
        for model_id in providers:
            base = model_id.split(":")[0]
            score = index.get(model_id, index.get(base))
            model = catalog.get(model_id)
            price = _blended_per_m(model) if model is not None else None
            if score is not None and price is not None:
                out[model_id] = (score / price).quantize(Decimal("0.0001"))
        return out
    field = {"tokens_per_second": "throughput_p50", "latency_ms": "latency_p50_ms", "uptime_pct": "uptime_last_1d"}[
        derived.metric
    ]
    for model_id, doc in providers.items():
        best = _best([getattr(e, field) for e in doc.endpoints], derived.descending)
        if best is not None:
            out[model_id] = best
    return out


def ranking(
    derived: Derived,
    values: dict[str, Decimal],
    catalog: dict[str, published.Model],
    *,
    source: published.Source,
    as_of: str,
) -> published.Ranking:
    """The dimension's ranking file: best figure first, ties by id."""
    ordered = sorted(values.items(), key=lambda kv: (-kv[1] if derived.descending else kv[1], kv[0]))
    entries = [
        rank.entry(i, catalog[model_id], catalog[model_id].canonical_slug, value, None, None)
        for i, (model_id, value) in enumerate(ordered, start=1)
    ]
    target = rank.Target(kind="dimension", slug=derived.slug, label=derived.label, source=source)
    ranked_by = f"derived:{derived.slug}"
    return rank.published_ranking(
        target, entries, ranked_by=ranked_by, metric=derived.metric, as_of=as_of, total_rows=len(entries)
    )


def dimensions(rankings: dict[str, published.Ranking]) -> list[published.Dimension]:
    """The ``dimensions.json`` entries of the derived orderings that have a ranking file, in :data:`DERIVED` order."""
    out = []
    for derived in DERIVED:
        path = str(PurePosixPath("rankings/dimension") / f"{validate_slug(derived.slug)}.json")
        if path in rankings:
            out.append(dimension(derived, path, rankings[path]))
    return out


def dimension(derived: Derived, path: str, doc: published.Ranking) -> published.Dimension:
    return published.Dimension(
        slug=derived.slug,
        label=derived.label,
        parameter=PARAMETER,
        value=derived.slug,
        meaning=derived.meaning,
        source=doc.source,
        metric=derived.metric,
        file=path,
        entry_count=len(doc.entries),
    )
