"""Token history, market share by author and trending, from one ``GET /datasets/rankings-daily`` response.

Pure functions. The keyed overall and category requests ask for ``start_date`` (default 2025-01-01, the
dataset's first day) with ``period=week``, so one response holds the whole weekly history; ``rank.py`` ranks its
latest complete week, and this module publishes the series itself:

- **history**: every bucket the response has, oldest first, each with its rows (rank, permaslug, catalog id or
  null, tokens exactly as returned), the ``other`` row and the total;
- **authors**: per bucket, each author's tokens (the permaslug's part before ``/``) and share of the bucket's
  total; ``other`` (models outside the top 50, whose authors the dataset does not say) keeps its own share, so
  the authors' shares and ``other_share`` sum to 1;
- **trending**: the models whose tokens grew the most, in absolute terms, from the previous week to the latest
  complete one; models new to the top 50 are listed apart, since their previous figure is unknown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from generator import published, upstream
from generator.normalize import InvalidData, canonical_decimal, parse_decimal
from generator.rank import MAX_KEYED_ROWS, OTHER, PCT_PLACES, SHARE_PLACES, Target, _timestamp, where

HISTORY_START = "2025-01-01"  # the dataset's first day, as the contract's `start_date` documents it
TRENDING_TOP = 20
AUTHORS_METHOD = (
    "Per bucket: each author's tokens are the sum of its models' rows (author = the permaslug's part before `/`); "
    "share = tokens / the bucket's total (every row, `other` included). `other` is the dataset's row for every "
    "model outside the top 50: its authors are unknown, so it keeps its own share."
)
TRENDING_METHOD = (
    "Models ranked in both the latest complete week and the week before, ordered by absolute growth in tokens "
    "(tokens − previous_tokens; ties by permaslug), those that grew only, at most {top}. Models new to the top 50 "
    "are listed apart in `new_in_top`: their previous figure is below the top 50 and unknown."
)


@dataclass(frozen=True)
class _Bucket:
    date: str
    complete: bool
    rows: list[tuple[str, Decimal]]  # ranked, `other` excluded
    other: Decimal | None

    @property
    def total(self) -> Decimal:
        return sum((t for _, t in self.rows), Decimal(0)) + (self.other or Decimal(0))


def _response(payload: Any, endpoint: str) -> upstream.RankingsResponse:
    try:
        return upstream.RankingsResponse.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidData(f"{endpoint}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def _buckets(response: upstream.RankingsResponse, endpoint: str) -> list[_Bucket]:
    if len(response.data) > MAX_KEYED_ROWS:
        raise InvalidData(f"{endpoint}: {len(response.data)} rows is more than the cap of {MAX_KEYED_ROWS}")
    end = date.fromisoformat(response.meta.end_date)
    by_date: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for row in response.data:
        tokens = parse_decimal(row.total_tokens, f"{endpoint}: total_tokens of {row.model_permaslug[:80]!r}")
        if tokens < 0:
            raise InvalidData(f"{endpoint}: total_tokens of {row.model_permaslug[:80]!r} is negative")
        by_date[row.date].append((row.model_permaslug, tokens))
    out = []
    for day in sorted(by_date):
        rows = by_date[day]
        names = [n for n, _ in rows]
        if len(set(names)) != len(names):
            raise InvalidData(f"{endpoint}: a permaslug is listed twice in the week of {day}")
        ranked = sorted((r for r in rows if r[0] != OTHER), key=lambda r: (-r[1], r[0]))
        other = next((t for n, t in rows if n == OTHER), None)
        complete = date.fromisoformat(day) + timedelta(days=6) <= end
        out.append(_Bucket(day, complete, ranked, other))
    return out


def _share(part: Decimal, total: Decimal) -> str:
    return canonical_decimal((part / total).quantize(SHARE_PLACES)) if total else "0"


def _author(permaslug: str) -> str:
    return permaslug.partition("/")[0].removeprefix("~")[:100] or permaslug[:100]


@dataclass(frozen=True)
class Derived:
    history: published.History
    authors: published.Authors
    trending: published.Trending


def _history(
    common: dict[str, Any], response: upstream.RankingsResponse, buckets: list[_Bucket], index: dict[str, str]
) -> published.History:
    return published.History(
        **common,
        start_date=response.meta.start_date,
        end_date=response.meta.end_date,
        buckets=[
            published.HistoryBucket(
                date=b.date,
                complete=b.complete,
                total=canonical_decimal(b.total),
                rows=[
                    published.HistoryRow(
                        rank=i, permaslug=slug[:200], model_id=index.get(slug), tokens=canonical_decimal(tokens)
                    )
                    for i, (slug, tokens) in enumerate(b.rows, start=1)
                ],
                other=None if b.other is None else canonical_decimal(b.other),
            )
            for b in buckets
        ],
    )


def _authors(common: dict[str, Any], buckets: list[_Bucket]) -> published.Authors:
    author_buckets = []
    for b in buckets:
        sums: dict[str, Decimal] = defaultdict(Decimal)
        counts: dict[str, int] = defaultdict(int)
        for slug, tokens in b.rows:
            sums[_author(slug)] += tokens
            counts[_author(slug)] += 1
        total = b.total
        author_buckets.append(
            published.AuthorBucket(
                date=b.date,
                complete=b.complete,
                total=canonical_decimal(total),
                authors=[
                    published.AuthorShare(
                        author=name, tokens=canonical_decimal(tokens), share=_share(tokens, total), models=counts[name]
                    )
                    for name, tokens in sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                other=None if b.other is None else canonical_decimal(b.other),
                other_share=None if b.other is None else _share(b.other, total),
            )
        )
    return published.Authors(**common, method=AUTHORS_METHOD, buckets=author_buckets)


def _trending(common: dict[str, Any], buckets: list[_Bucket], index: dict[str, str], top: int) -> published.Trending:
    complete = [b for b in buckets if b.complete]
    current = complete[-1] if complete else None
    previous_date = (date.fromisoformat(current.date) - timedelta(days=7)).isoformat() if current else None
    previous = next((b for b in buckets if b.date == previous_date), None)
    entries: list[published.TrendingEntry] = []
    new_in_top: list[published.HistoryRow] = []
    if current is not None and previous is not None:
        before = dict(previous.rows)
        grown = sorted(
            ((slug, tokens, tokens - before[slug]) for slug, tokens in current.rows if slug in before),
            key=lambda r: (-r[2], r[0]),
        )
        for i, (slug, tokens, growth) in enumerate([g for g in grown if g[2] > 0][:top], start=1):
            was = before[slug]
            entries.append(
                published.TrendingEntry(
                    rank=i,
                    permaslug=slug[:200],
                    model_id=index.get(slug),
                    author=_author(slug),
                    tokens=canonical_decimal(tokens),
                    previous_tokens=canonical_decimal(was),
                    growth=canonical_decimal(growth),
                    growth_pct=canonical_decimal((growth / was * 100).quantize(PCT_PLACES)) if was else None,
                )
            )
        new_in_top = [
            published.HistoryRow(rank=i, permaslug=slug[:200], model_id=index.get(slug), tokens=canonical_decimal(t))
            for i, (slug, t) in enumerate(current.rows, start=1)
            if slug not in before
        ]
    return published.Trending(
        **common,
        period_start=current.date if current else None,
        previous_period_start=previous.date if previous else None,
        method=TRENDING_METHOD.format(top=top),
        entries=entries,
        new_in_top=new_in_top,
    )


def derive(target: Target, payload: Any, *, index: dict[str, str], top: int = TRENDING_TOP) -> Derived:
    """History, authors and trending of one overall or category response (``period=week`` with ``start_date``)."""
    endpoint = where(target.source)
    response = _response(payload, endpoint)
    buckets = _buckets(response, endpoint)
    as_of = _timestamp(response.meta.as_of, endpoint)
    # constructed demo figures are not OpenRouter's: no attribution (the provenance is in `source`)
    attribution = (
        None if target.source.provenance == "constructed" else published.ATTRIBUTION_TEMPLATE.format(as_of=as_of)
    )
    kind = "overall" if target.kind == "overall" else "category"
    common: dict[str, Any] = {
        "schema_version": published.SCHEMA_VERSION,
        "kind": kind,
        "slug": target.slug,
        "label": target.label,
        "period": "week",
        "as_of": as_of,
        "source": target.source,
        "attribution": attribution,
    }
    return Derived(
        _history(common, response, buckets, index), _authors(common, buckets), _trending(common, buckets, index, top)
    )
