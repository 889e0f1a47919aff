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
from generator.numbers import share_short, tokens_short

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


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CAP else text[: LABEL_CAP - 1] + "…"


def _svg_open(css_class: str, size: tuple[int, int], uid: str, title: str, desc: str) -> list[str]:
    """The opening of a chart's ``<svg>``: its accessible name (``<title>``) and description (``<desc>``)."""
    return [
        f'<svg class="{css_class}" viewBox="0 0 {size[0]} {size[1]}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]


def _figure(svg: str, *, legend: str, caption: str, provenance: str, title: str, column: str, body: str) -> Markup:
    """A chart's ``<figure>``: the svg, its legend, the caption (HTML, escaped by the caller) with the provenance
    note, and the figures as a table (one row a week, ``column`` the heading of its second column)."""
    note = PROVENANCE_CAPTION.get(provenance, "")
    # Every upstream string went through escape(); dates are validated ISO dates, numbers are ours.
    return Markup(  # noqa: S704
        f'<figure class="chart-fig">{svg}{legend}'
        f"<figcaption>{caption}"
        + (f' <strong class="provenance">{escape(note)}</strong>' if note else "")
        + "</figcaption>"
        f'<details><summary>The figures as a table</summary><div class="table-wrap" tabindex="0" role="region" '
        f'aria-label="{escape(title)}"><table><thead><tr><th scope="col">Week</th>'
        f"{column}</tr></thead><tbody>{body}</tbody></table></div></details></figure>"
    )


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
    legend = "".join(
        f'<li><span class="sw c{n if n < len(shown) else TOP_SERIES}" aria-hidden="true"></span>'
        f"<bdi>{escape(_short(s.label))}</bdi></li>"
        for n, s in enumerate(rows)
    )
    # The fallback is one row per week (series and shares as wrapping text), so that it fits a phone however
    # many weeks the history has.
    body = "".join(
        f'<tr><th scope="row">{d}</th><td>'
        + "; ".join(f"<bdi>{escape(_short(s.label))}</bdi> {share_short(s.values[i])}" for s in rows)
        + "</td></tr>"
        for i, d in enumerate(dates)
    )
    return _figure(
        _columns_svg(dates, rows, len(shown), title),
        legend=f'<ul class="legend">{legend}</ul>',
        caption=str(escape(caption)),
        provenance=provenance,
        title=title,
        column='<th scope="col">Share of tokens</th>',
        body=body,
    )


def _columns_svg(dates: list[str], rows: list[Series], named: int, title: str) -> str:
    """The stacked columns: the first ``named`` rows in their colours, the rest grey."""
    uid = "ch" + hashlib.sha256(title.encode()).hexdigest()[:10]  # stable: the same page gives the same bytes
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(dates)
    bar = min(step * 0.72, 90.0)
    parts = _svg_open("chart", (WIDTH, HEIGHT), uid, title, _describe(dates, rows))
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
            parts.append(
                f'<rect class="c{n if n < named else TOP_SERIES}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}"><title>{escape(_short(s.label))}, week of {day}: {share_short(s.values[i])}'
                "</title></rect>"
            )
        if i % label_every == 0 or i == len(dates) - 1:
            parts.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">{day[2:]}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _describe(dates: list[str], rows: list[Series]) -> str:
    last = len(dates) - 1
    leaders = sorted(rows[:-1] or rows, key=lambda s: -s.values[last])[:3]
    lead = ", ".join(f"{_short(s.label)} {share_short(s.values[last])}" for s in leaders)
    return f"{len(dates)} weekly buckets from {dates[0]} to {dates[-1]}; week of {dates[-1]}: {lead}."


def _cite(attribution: str | None) -> str:
    return f" {attribution}." if attribution else ""


def _share(part: Decimal, total: Decimal) -> Decimal:
    return part / total if total else Decimal(0)


def _weekly_shares(
    doc: published.History | published.Authors,
    columns: list[list[tuple[str, str, Decimal]]],
    *,
    what: str,
    caption: str,
    rest_label: str,
) -> Markup:
    """:func:`stacked_shares` of ``doc``'s weeks: ``columns`` holds each week's ``(key, label, share)`` rows; one
    series per key (by key), zero in the weeks it is missing."""
    values: dict[str, list[Decimal]] = {}
    labels: dict[str, str] = {}
    for i, column in enumerate(columns):
        for key, label, share in column:
            values.setdefault(key, [Decimal(0)] * len(columns))[i] = share
            labels[key] = label
    return stacked_shares(
        [b.date for b in doc.buckets],
        [Series(labels[key], v) for key, v in sorted(values.items())],
        title=f"{doc.label}: {what}, by week",
        caption=caption + _cite(doc.attribution),
        provenance=doc.source.provenance,
        rest_label=rest_label,
    )


def history_chart(history: published.History, names: dict[str, str]) -> Markup:
    """Token share per model over time (``names``: catalog id → model name)."""
    columns = [
        [
            (r.permaslug, names.get(r.model_id or "", r.permaslug), _share(Decimal(r.tokens), Decimal(b.total)))
            for r in b.rows
        ]
        for b in history.buckets
    ]
    return _weekly_shares(
        history,
        columns,
        what="share of tokens per model",
        caption=f"Share of each week's tokens ({history.label}); the {TOP_SERIES} models with the largest share "
        f"in any week are named.",
        rest_label="All other models",
    )


def authors_chart(authors: published.Authors) -> Markup:
    """Market share by author over time."""
    return _weekly_shares(
        authors,
        [[(a.author, a.author, Decimal(a.share)) for a in b.authors] for b in authors.buckets],
        what="market share by author",
        caption=f"Share of each week's tokens by author ({authors.label}); authors outside the top {TOP_SERIES} "
        f"and models outside the dataset's top 50 are grey.",
        rest_label="Other authors and models",
    )


USAGE_W, USAGE_H = 640, 160


def usage_line(history: published.History, model_id: str, name: str) -> Markup:
    """One model's weekly tokens over the history's weeks (a gap where it is outside the top 50), with fallback."""
    dates = [b.date for b in history.buckets]
    points: list[Decimal | None] = []
    for b in history.buckets:
        row = next((r for r in b.rows if r.model_id == model_id), None)
        points.append(Decimal(row.tokens) if row is not None else None)
    if all(p is None for p in points):
        return Markup("")
    title = f"{name}: weekly tokens ({history.label})"
    uid = "us" + hashlib.sha256(f"{model_id}|{history.label}".encode()).hexdigest()[:10]
    body = "".join(
        f'<tr><th scope="row">{d}</th><td class="num">'
        f"{tokens_short(p) if p is not None else 'not in the top 50'}</td></tr>"
        for d, p in zip(dates, points, strict=True)
    )
    return _figure(
        _usage_svg(dates, points, uid, title),
        legend="",
        caption=f"Weekly tokens of this model in the {escape(history.label)} history; a gap is a week it was "
        f"outside the top 50.{escape(_cite(history.attribution))}",
        provenance=history.source.provenance,
        title=title,
        column='<th scope="col" class="num">Tokens</th>',
        body=body,
    )


def _usage_svg(dates: list[str], points: list[Decimal | None], uid: str, title: str) -> str:
    """The line of :func:`usage_line`: one polyline per run of weeks in the top 50, a dot a week, the first and
    last dates on the axis."""
    known = {i: p for i, p in enumerate(points) if p is not None}
    top = max(known.values()) or Decimal(1)
    plot_w, plot_h = USAGE_W - LEFT - RIGHT, USAGE_H - TOP - BOTTOM
    step = plot_w / max(1, len(dates) - 1)

    def x_at(i: int) -> float:
        return LEFT + step * i if len(dates) > 1 else LEFT + plot_w / 2

    xy = {i: (x_at(i), TOP + plot_h * (1 - float(p / top))) for i, p in known.items()}
    last = max(known)
    desc = (
        f"{len(known)} of {len(dates)} weeks from {dates[0]} to {dates[-1]} in the top 50; "
        f"highest {tokens_short(top)} tokens; week of {dates[last]}: {tokens_short(known[last])} tokens."
    )
    parts = [
        *_svg_open("chart usage", (USAGE_W, USAGE_H), uid, title, desc),
        f'<line class="grid" x1="{LEFT}" x2="{USAGE_W - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>',
        f'<line class="grid" x1="{LEFT}" x2="{USAGE_W - RIGHT}" y1="{TOP}" y2="{TOP}"/>',
        f'<text class="axis" x="{LEFT - 4}" y="{TOP + 5}" text-anchor="end">{tokens_short(top)}</text>',
        f'<text class="axis" x="{LEFT - 4}" y="{TOP + plot_h + 4}" text-anchor="end">0</text>',
    ]
    # one polyline per run of weeks in the top 50: a week outside it is a gap, not a zero
    runs: list[list[tuple[float, float]]] = [[]]
    for i in range(len(points)):
        if i in xy:
            runs[-1].append(xy[i])
        else:
            runs.append([])
    for run in runs:
        if len(run) > 1:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline class="line c0" points="{pts}"/>')
    for i, (x, y) in xy.items():
        parts.append(
            f'<circle class="c0" cx="{x:.1f}" cy="{y:.1f}" r="4">'
            f"<title>week of {dates[i]}: {tokens_short(known[i])} tokens</title></circle>"
        )
    for i in (0, len(dates) - 1) if len(dates) > 1 else (0,):
        anchor = "start" if i == 0 and len(dates) > 1 else "end" if i else "middle"
        parts.append(f'<text class="axis" x="{x_at(i):.1f}" y="{USAGE_H - 8}" text-anchor="{anchor}">{dates[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)
