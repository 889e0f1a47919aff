"""Rankings: turn upstream orders and token counts into published ranking files.

Pure functions. Two sources:

- keyed: ``GET /datasets/rankings-daily?…&period=week`` rows. Rank = order of the latest *complete* week
  (a week whose last day is on or before ``meta.end_date``) by tokens, ties by permaslug; share is the
  model's fraction of that week's total (the ``other`` bucket included; null without one); change is against
  the week before, and null when the response has no week before.
- keyless: ``GET /models?…&sort=…`` gives an order only (rank, no metric).

Rows whose permaslug or id matches no catalog model are listed in ``unmapped`` with their rank, never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, localcontext
from typing import Any, Literal
from urllib.parse import urlencode

from generator import published, upstream
from generator.normalize import InvalidData, canonical_decimal, parse_decimal, validating

OTHER = "other"
SHARE_PLACES = Decimal("0.000001")
PCT_PLACES = Decimal("0.01")
MAX_DECIMAL = Decimal(10) ** published.MAX_DECIMAL_INTEGER_DIGITS
MAX_ROWS = 5000
MAX_KEYED_ROWS = 60_000  # a keyed response holds the weekly history since 2025-01-01: 51 rows a week

Kind = Literal["overall", "category", "dimension"]


@dataclass(frozen=True)
class Target:
    """What a ranking file ranks, and where its data came from."""

    kind: Kind
    slug: str
    label: str
    source: published.Source


def where(source: published.Source) -> str:
    """The request a ranking came from, for messages: ``GET /datasets/rankings-daily?category=legal&period=week``."""
    return source.endpoint + (f"?{urlencode(source.params, safe='/')}" if source.params else "")


def entry(
    rank: int,
    model: published.Model,
    permaslug: str | None,
    value: Decimal | None,
    share: Decimal | None,
    change: published.Change | None,
) -> published.Entry:
    return published.Entry(
        rank=rank,
        model_id=model.id,
        permaslug=permaslug,
        name=model.name,
        author=model.author,
        value=None if value is None else canonical_decimal(value),
        share=None if share is None else canonical_decimal(share.quantize(SHARE_PLACES)),
        change=change,
    )


def _change_pct(tokens: Decimal, before: Decimal, endpoint: str, slug: str) -> str:
    """Week-over-week change in percent, 2 places; beyond the published bound it is invalid data, not a crash."""
    with localcontext(prec=100):
        pct = ((tokens - before) / before * 100).quantize(PCT_PLACES)
    if abs(pct) >= MAX_DECIMAL:
        raise InvalidData(f"{endpoint}: the week-over-week change of {slug[:80]!r} is out of range ({pct:.3e}%)")
    return canonical_decimal(pct)


def published_ranking(
    target: Target,
    entries: list[published.Entry],
    *,
    ranked_by: str,
    as_of: str,
    total_rows: int,
    metric: str | None = None,
    week: tuple[str | None, str | None] | None = None,
    other: published.Other | None = None,
    unmapped: list[published.Unmapped] | None = None,
    cited: bool = True,
) -> published.Ranking:
    """The ranking file of ``target``: the one place a :class:`published.Ranking` is filled in.

    ``week``: a weekly ranking, (its first day, the previous week's first day), each None when unknown;
    ``cited``: OpenRouter's figures, which carry the attribution unless the recording is constructed (demo data).
    """
    start, previous = week or (None, None)
    cite = cited and target.source.provenance != "constructed"  # constructed demo figures are not OpenRouter's
    return published.Ranking(
        schema_version=published.SCHEMA_VERSION,
        kind=target.kind,
        slug=target.slug,
        label=target.label,
        ranked_by=ranked_by,
        metric=metric,
        period=None if week is None else "week",
        period_start=start,
        period_end=(date.fromisoformat(start) + timedelta(days=6)).isoformat() if start else None,
        previous_period_start=previous,
        as_of=as_of,
        source=target.source,
        attribution=published.ATTRIBUTION_TEMPLATE.format(as_of=as_of) if cite else None,
        total_rows=total_rows,
        entries=entries,
        other=other,
        unmapped=unmapped or [],
    )


def keyless_ranking(
    target: Target,
    payload: Any,
    *,
    catalog: dict[str, published.Model],
    top_n: int,
    as_of: str,
    ranked_by: str,
) -> published.Ranking:
    """A rank-only ranking from a ``{"data": [Model]}`` list in upstream order."""
    endpoint = where(target.source)
    rows = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        raise InvalidData(f"{endpoint}: expected an object with a `data` list")
    if len(rows) > MAX_ROWS:
        raise InvalidData(f"{endpoint}: {len(rows)} rows is more than the cap of {MAX_ROWS}")
    with validating(endpoint):
        entries, unmapped = _keyless_entries(rows, endpoint, catalog=catalog, top_n=top_n)
        return published_ranking(
            target, entries, ranked_by=ranked_by, as_of=as_of, total_rows=len(rows), unmapped=unmapped, cited=False
        )


def _keyless_entries(
    rows: list[Any], endpoint: str, *, catalog: dict[str, published.Model], top_n: int
) -> tuple[list[published.Entry], list[published.Unmapped]]:
    """The catalog's models in upstream order (the first ``top_n``), and the rows the catalog does not have."""
    entries: list[published.Entry] = []
    unmapped: list[published.Unmapped] = []
    seen: set[str] = set()
    for position, row in enumerate(rows, start=1):
        model_id = row.get("id") if isinstance(row, dict) else None
        if not isinstance(model_id, str) or not model_id:
            raise InvalidData(f"{endpoint}: row {position} has no model id")
        if model_id in seen:
            raise InvalidData(f"{endpoint}: model {model_id[:80]!r} is listed twice")
        seen.add(model_id)
        model = catalog.get(model_id)
        if model is None:
            unmapped.append(
                published.Unmapped(rank=position, permaslug=model_id[:200], value=None, reason="id not in the catalog")
            )
        elif len(entries) < top_n:
            entries.append(entry(position, model, model.canonical_slug, None, None, None))
    return entries, unmapped


def complete_weeks(rows: list[upstream.RankingsRow], end_date: str) -> list[str]:
    """Week starts whose whole week (start + 6 days) lies on or before ``end_date``, oldest first."""
    end = date.fromisoformat(end_date)
    starts = sorted({row.date for row in rows})
    return [s for s in starts if date.fromisoformat(s) + timedelta(days=6) <= end]


def _order(rows: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def keyed_ranking(
    target: Target,
    payload: Any,
    *,
    catalog: dict[str, published.Model],
    index: dict[str, str],
    top_n: int,
) -> published.Ranking:
    """A tokens ranking from a ``GET /datasets/rankings-daily?period=week`` response."""
    endpoint = where(target.source)
    with validating(endpoint):
        response = upstream.RankingsResponse.model_validate(payload)
        weeks = _weeks(response, endpoint)
        complete = complete_weeks(response.data, response.meta.end_date)
        current = complete[-1] if complete else None
        previous = (date.fromisoformat(current) - timedelta(days=7)).isoformat() if current else None
        as_of = _timestamp(response.meta.as_of, endpoint)
        week = _Week()
        if current is not None:
            # A change compares with a real previous week: a constructed recording (demo data) has none, whatever
            # weeks it holds, so its ranking publishes no change rather than a made-up one.
            previous_rows = weeks.get(previous or "") if target.source.provenance != "constructed" else None
            week = _ranked_week(weeks[current], previous_rows, endpoint, catalog=catalog, index=index, top_n=top_n)
        return published_ranking(
            target,
            week.entries,
            ranked_by="tokens",
            metric="tokens",
            as_of=as_of,
            total_rows=week.total_rows,
            week=(current, previous if previous in weeks else None),
            other=week.other,
            unmapped=week.unmapped,
        )


def _weeks(response: upstream.RankingsResponse, endpoint: str) -> dict[str, list[tuple[str, Decimal]]]:
    """The response's rows by week: ``(permaslug, tokens)``, each permaslug once a week."""
    if len(response.data) > MAX_KEYED_ROWS:
        raise InvalidData(f"{endpoint}: {len(response.data)} rows is more than the cap of {MAX_KEYED_ROWS}")
    weeks: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for row in response.data:
        tokens = parse_decimal(row.total_tokens, f"{endpoint}: total_tokens of {row.model_permaslug[:80]!r}")
        weeks[row.date].append((row.model_permaslug, tokens))
    for week, week_rows in weeks.items():
        names = [name for name, _ in week_rows]
        if len(set(names)) != len(names):
            raise InvalidData(f"{endpoint}: a permaslug is listed twice in the week of {week}")
    return weeks


@dataclass
class _Week:
    """One week's ranking: the mapped entries (top ``top_n``), the unmapped rows, ``other``, the rows ranked."""

    entries: list[published.Entry] = field(default_factory=list)
    unmapped: list[published.Unmapped] = field(default_factory=list)
    other: published.Other | None = None
    total_rows: int = 0


def _ranked_week(
    rows: list[tuple[str, Decimal]],
    previous_rows: list[tuple[str, Decimal]] | None,
    endpoint: str,
    *,
    catalog: dict[str, published.Model],
    index: dict[str, str],
    top_n: int,
) -> _Week:
    """``previous_rows`` None: the response has no previous week (no change, rather than "new")."""
    out = _Week()
    # The share is of the whole week, `other` included; without an `other` row the total is unknown.
    has_other = any(s == OTHER for s, _ in rows)
    total = sum((t for _, t in rows), Decimal(0)) if has_other else Decimal(0)
    ranked = _order([r for r in rows if r[0] != OTHER])
    out.total_rows = len(ranked)
    prev_rows = _order([r for r in previous_rows or [] if r[0] != OTHER])
    prev_rank = {slug: i for i, (slug, _) in enumerate(prev_rows, start=1)}
    prev_value = dict(prev_rows)
    for rank, (slug, tokens) in enumerate(ranked, start=1):
        share = tokens / total if total else None
        model_id = index.get(slug)
        if model_id is None:
            reason = "permaslug matches no catalog canonical_slug"
            out.unmapped.append(
                published.Unmapped(rank=rank, permaslug=slug, value=canonical_decimal(tokens), reason=reason)
            )
            continue
        if rank > top_n:
            continue
        was = prev_rank.get(slug)
        before = prev_value.get(slug)
        change = (
            None
            if previous_rows is None
            else published.Change(
                previous_rank=was,
                rank_delta=None if was is None else was - rank,
                value_change_pct=None if not before else _change_pct(tokens, before, endpoint, slug),
                is_new=was is None,
            )
        )
        out.entries.append(entry(rank, catalog[model_id], slug, tokens, share, change))
    other_tokens = next((t for s, t in rows if s == OTHER), None)
    if other_tokens is not None:
        out.other = published.Other(
            value=canonical_decimal(other_tokens),
            share=canonical_decimal((other_tokens / total).quantize(SHARE_PLACES)) if total else None,
        )
    return out


def _timestamp(raw: str, endpoint: str) -> str:
    """Upstream ``as_of`` (``2026-05-18T02:00:00.000Z``) → ``2026-05-18T02:00:00Z``."""
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidData(f"{endpoint}: meta.as_of {raw[:40]!r} is not a timestamp") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def benchmarks(payload: Any, *, endpoint: str, source: published.Source, index: dict[str, str]) -> published.Benchmarks:
    """``GET /benchmarks`` joined to catalog ids."""
    with validating(endpoint):
        response = upstream.BenchmarksResponse.model_validate(payload)
    as_of = _timestamp(response.meta.as_of, endpoint)
    entries = []
    for position, item in enumerate(response.data):
        with validating(f"{endpoint}: data.{position} ({item.model_permaslug[:80]!r})"):
            entries.append(
                published.BenchmarkEntry(
                    model_id=index.get(item.model_permaslug) or index.get(item.model_permaslug.split(":")[0]),
                    permaslug=item.model_permaslug,
                    source=item.source,
                    display_name=item.display_name[:300],
                    **item.model_dump(
                        include={
                            "intelligence_index",
                            "coding_index",
                            "agentic_index",
                            "elo",
                            "arena",
                            "category",
                            "win_rate",
                            "benchmark_type",
                            "accuracy",
                        }
                    ),
                )
            )
    entries.sort(key=lambda e: (e.source, e.permaslug, e.arena or "", e.category or "", e.benchmark_type or ""))
    with validating(endpoint):
        return published.Benchmarks(
            schema_version=published.SCHEMA_VERSION,
            as_of=as_of,
            source=source,
            attribution=published.ATTRIBUTION_TEMPLATE.format(as_of=as_of),
            entries=entries,
            unmapped_count=sum(1 for e in entries if e.model_id is None),
        )
