"""Server-rendered SVG charts: no script, no third-party request, colours from CSS custom properties.

Each chart is an ``<figure>`` with an inline ``<svg role="img">`` (a ``<title>`` and a ``<desc>`` naming what it
shows, a ``<title>`` on every segment for pointer users), an HTML legend, a caption that says where the data
came from (and when it is constructed), and the same figures as a table in a ``<details>`` element: the
accessible fallback. Colours are classes (``.c0`` … ``.c8``) that ``style.css`` defines for light and dark,
because the Content-Security-Policy forbids inline styles. Upstream text is escaped (markupsafe) and capped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from generator import published

TOP_SERIES = 8  # named series per chart; the rest are summed into one grey "others" series
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 10, 30
LABEL_CAP = 60

PROVENANCE_CAPTION = {
    "constructed": "Constructed demo data: these figures were made by a stated rule from a real capture, "
    "they are not OpenRouter's.",
    "derived": "Figures recorded from OpenRouter's rankings page and reshaped; the weeks are assigned by the "
    "fixtures, not by OpenRouter.",
    "recorded": "Recorded OpenRouter responses, replayed offline.",
}


@dataclass(frozen=True)
class Series:
    label: str
    values: list[Decimal]  # one share (0..1) per bucket


def _pct(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('0.1'))}%"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CAP else text[: LABEL_CAP - 1] + "…"


def stacked_shares(
    dates: list[str], series: list[Series], *, title: str, caption: str, provenance: str, rest_label: str
) -> Markup:
    """A 100 % stacked column chart (one column per bucket), its legend, caption and table fallback."""
    if not dates or not series:
        return Markup("")
    # The series that led some week: ranked by their largest share in any bucket (then by their latest one).
    peaks = [(max(s.values), s.values[-1], n) for n, s in enumerate(series)]
    keep = sorted(n for *_, n in sorted(peaks, key=lambda t: (-t[0], -t[1], t[2]))[:TOP_SERIES])
    shown = [series[n] for n in keep]
    rest = [max(Decimal(0), Decimal(1) - sum((s.values[i] for s in shown), Decimal(0))) for i in range(len(dates))]
    rows = [*shown, Series(rest_label, rest)] if any(rest) else shown
    uid = "ch" + hashlib.sha256(title.encode()).hexdigest()[:10]  # stable: the same page gives the same bytes
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(dates)
    bar = min(step * 0.72, 90.0)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(_describe(dates, rows))}</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = TOP + plot_h * (1 - tick / 100)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}%</text>')
    label_every = max(1, round(len(dates) / 8))
    for i, day in enumerate(dates):
        x = LEFT + step * i + (step - bar) / 2
        y = TOP + plot_h
        for n, s in enumerate(rows):
            h = float(s.values[i]) * plot_h
            if h <= 0:
                continue
            y -= h
            colour = n if n < len(shown) else TOP_SERIES
            parts.append(
                f'<rect class="c{colour}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(_short(s.label))}, week of {day}: {_pct(s.values[i])}</title></rect>"
            )
        if i % label_every == 0 or i == len(dates) - 1:
            parts.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">{day[2:]}</text>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="sw c{n if n < len(shown) else TOP_SERIES}" aria-hidden="true"></span>'
        f"<bdi>{escape(_short(s.label))}</bdi></li>"
        for n, s in enumerate(rows)
    )
    note = PROVENANCE_CAPTION.get(provenance, "")
    # The fallback is one row per week (series and shares as wrapping text), so that it fits a phone however
    # many weeks the history has.
    body = "".join(
        f'<tr><th scope="row">{d}</th><td>'
        + "; ".join(f"<bdi>{escape(_short(s.label))}</bdi> {_pct(s.values[i])}" for s in rows)
        + "</td></tr>"
        for i, d in enumerate(dates)
    )
    # Every upstream string above went through escape(); dates are validated ISO dates, numbers are ours.
    return Markup(  # noqa: S704
        f'<figure class="chart-fig">{"".join(parts)}<ul class="legend">{legend}</ul>'
        f"<figcaption>{escape(caption)}"
        + (f' <strong class="provenance">{escape(note)}</strong>' if note else "")
        + "</figcaption>"
        f'<details><summary>The figures as a table</summary><div class="table-wrap" tabindex="0" role="region" '
        f'aria-label="{escape(title)}"><table><thead><tr><th scope="col">Week</th>'
        f'<th scope="col">Share of tokens</th></tr></thead><tbody>{body}</tbody></table></div></details></figure>'
    )


def _describe(dates: list[str], rows: list[Series]) -> str:
    last = len(dates) - 1
    leaders = sorted(rows[:-1] or rows, key=lambda s: -s.values[last])[:3]
    lead = ", ".join(f"{_short(s.label)} {_pct(s.values[last])}" for s in leaders)
    return f"{len(dates)} weekly buckets from {dates[0]} to {dates[-1]}; week of {dates[-1]}: {lead}."


def _cite(attribution: str | None) -> str:
    return f" {attribution}." if attribution else ""


def _share(part: Decimal, total: Decimal) -> Decimal:
    return part / total if total else Decimal(0)


def history_chart(history: published.History, names: dict[str, str]) -> Markup:
    """Token share per model over time (``names``: catalog id → model name)."""
    buckets = history.buckets
    dates = [b.date for b in buckets]
    values: dict[str, list[Decimal]] = {}
    labels: dict[str, str] = {}
    for i, b in enumerate(buckets):
        total = Decimal(b.total)
        for row in b.rows:
            values.setdefault(row.permaslug, [Decimal(0)] * len(buckets))[i] = _share(Decimal(row.tokens), total)
            labels[row.permaslug] = names.get(row.model_id or "", row.permaslug)
    series = [Series(labels[p], v) for p, v in sorted(values.items())]
    return stacked_shares(
        dates,
        series,
        title=f"{history.label}: share of tokens per model, by week",
        caption=f"Share of each week's tokens ({history.label}); the {TOP_SERIES} models with the largest share "
        f"in any week are named." + _cite(history.attribution),
        provenance=history.source.provenance,
        rest_label="All other models",
    )


def authors_chart(authors: published.Authors) -> Markup:
    """Market share by author over time."""
    buckets = authors.buckets
    dates = [b.date for b in buckets]
    values: dict[str, list[Decimal]] = {}
    for i, b in enumerate(buckets):
        for a in b.authors:
            values.setdefault(a.author, [Decimal(0)] * len(buckets))[i] = Decimal(a.share)
    series = [Series(name, v) for name, v in sorted(values.items())]
    return stacked_shares(
        dates,
        series,
        title=f"{authors.label}: market share by author, by week",
        caption=f"Share of each week's tokens by author ({authors.label}); authors outside the top {TOP_SERIES} "
        f"and models outside the dataset's top 50 are grey." + _cite(authors.attribution),
        provenance=authors.source.provenance,
        rest_label="Other authors and models",
    )


USAGE_W, USAGE_H = 640, 160


def _tokens(value: Decimal) -> str:
    for size, suffix in ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M")):
        if value >= size:
            return f"{(value / size).quantize(Decimal('0.01'))}{suffix}"
    return f"{value:,}"


def usage_line(history: published.History, model_id: str, name: str) -> Markup:
    """One model's weekly tokens over the history's weeks (a gap where it is outside the top 50), with fallback."""
    dates = [b.date for b in history.buckets]
    points: list[Decimal | None] = []
    for b in history.buckets:
        row = next((r for r in b.rows if r.model_id == model_id), None)
        points.append(Decimal(row.tokens) if row is not None else None)
    known = [p for p in points if p is not None]
    if not known:
        return Markup("")
    title = f"{name}: weekly tokens ({history.label})"
    uid = "us" + hashlib.sha256(f"{model_id}|{history.label}".encode()).hexdigest()[:10]
    top = max(known) or Decimal(1)
    plot_w, plot_h = USAGE_W - LEFT - RIGHT, USAGE_H - TOP - BOTTOM
    step = plot_w / max(1, len(dates) - 1)
    xy = [
        (LEFT + step * i if len(dates) > 1 else LEFT + plot_w / 2, TOP + plot_h * (1 - float(p / top)))
        for i, p in enumerate(points)
        if p is not None
    ]
    # one polyline per run of weeks in the top 50: a week outside it is a gap, not a zero
    runs: list[list[tuple[float, float]]] = [[]]
    k = 0
    for p in points:
        if p is None:
            runs.append([])
        else:
            runs[-1].append(xy[k])
            k += 1
    last = next(i for i in range(len(points) - 1, -1, -1) if points[i] is not None)
    desc = (
        f"{len(known)} of {len(dates)} weeks from {dates[0]} to {dates[-1]} in the top 50; "
        f"highest {_tokens(top)} tokens; week of {dates[last]}: {_tokens(points[last] or Decimal(0))} tokens."
    )
    parts = [
        f'<svg class="chart usage" viewBox="0 0 {USAGE_W} {USAGE_H}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
        f'<line class="grid" x1="{LEFT}" x2="{USAGE_W - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>',
        f'<line class="grid" x1="{LEFT}" x2="{USAGE_W - RIGHT}" y1="{TOP}" y2="{TOP}"/>',
        f'<text class="axis" x="{LEFT - 4}" y="{TOP + 5}" text-anchor="end">{_tokens(top)}</text>',
        f'<text class="axis" x="{LEFT - 4}" y="{TOP + plot_h + 4}" text-anchor="end">0</text>',
    ]
    for run in runs:
        if len(run) > 1:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline class="line c0" points="{pts}"/>')
    k = 0
    for i, p in enumerate(points):
        if p is None:
            continue
        x, y = xy[k]
        k += 1
        parts.append(
            f'<circle class="c0" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>week of {dates[i]}: {_tokens(p)} tokens'
            "</title></circle>"
        )
    for i in (0, len(dates) - 1) if len(dates) > 1 else (0,):
        x = LEFT + step * i if len(dates) > 1 else LEFT + plot_w / 2
        anchor = "start" if i == 0 and len(dates) > 1 else "end" if i else "middle"
        parts.append(f'<text class="axis" x="{x:.1f}" y="{USAGE_H - 8}" text-anchor="{anchor}">{dates[i]}</text>')
    parts.append("</svg>")
    note = PROVENANCE_CAPTION.get(history.source.provenance, "")
    body = "".join(
        f'<tr><th scope="row">{d}</th><td class="num">{_tokens(p) if p is not None else "not in the top 50"}</td></tr>'
        for d, p in zip(dates, points, strict=True)
    )
    # The model name went through escape(); dates are validated ISO dates, numbers are ours.
    return Markup(  # noqa: S704
        f'<figure class="chart-fig">{"".join(parts)}'
        f"<figcaption>Weekly tokens of this model in the {escape(history.label)} history; a gap is a week it was "
        f"outside the top 50.{escape(_cite(history.attribution))}"
        + (f' <strong class="provenance">{escape(note)}</strong>' if note else "")
        + "</figcaption>"
        f'<details><summary>The figures as a table</summary><div class="table-wrap" tabindex="0" role="region" '
        f'aria-label="{escape(title)}"><table><thead><tr><th scope="col">Week</th>'
        f'<th scope="col" class="num">Tokens</th></tr></thead><tbody>{body}</tbody></table></div></details></figure>'
    )
