"""The change report as one typed object, and its renderings: markdown (the PR body) and HTML (the feed).

:func:`generator.changes.report` builds the report's data once (:class:`ReportData`, JSON-ready: ``orsnap changelog
--format json`` and ``api/v1/history/changes.json`` publish it as it is). Everything people read is rendered from
it by jinja2 templates in ``generator/web/templates/``:

- ``report.md`` (markdown, no autoescape): every upstream string passes the :func:`md_text` or :func:`md_code`
  filter, which make it inert (no link, image, mention, heading, autolink); :func:`to_markdown` keeps the
  summary and "What to act on" first and fits the body in :data:`MARKDOWN_BUDGET` bytes;
- ``report_feed.html`` (autoescaped): the Atom entries' content; ``changes.html`` (the site's page, also
  autoescaped) reads the same data.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from generator import numbers
from generator.text import NOT_SHOWN

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "web" / "templates"
MARKDOWN_ITEMS = 10  # items per markdown section before "and N more"
FEED_ITEMS = 10  # items per list of a feed entry
PR_BODY_LIMIT = 65_536  # GitHub refuses a pull request body longer than this (characters)
MARKDOWN_BUDGET = 60_000  # what the markdown report may use (UTF-8 bytes, so characters too), with margin

# --- the report's shape ----------------------------------------------------------------------------------


class SideInfo(TypedDict):
    ref: str
    commit: str | None
    as_of: str
    time: str | None


class ModelItem(TypedDict, total=False):
    id: str
    name: str | None
    flapped: int  # only when the model appeared or vanished more than once in the window


class Flap(TypedDict):
    id: str
    name: str | None
    kind: str  # "vanished and came back" | "appeared and vanished"
    transitions: int
    snapshots: int
    first: str
    last: str


class ModelChanges(TypedDict):
    added: list[ModelItem]
    removed: list[ModelItem]
    flaps: list[Flap]


class PriceChange(TypedDict):
    key: str
    old: str | None
    new: str | None
    pct: str | None
    variable: str | None  # "to" | "from" upstream's variable price (-1), else None


class PriceItem(TypedDict):
    id: str
    name: str | None
    changes: list[PriceChange]


class RankedItem(TypedDict):
    id: str
    name: str
    rank: int | None


class Move(TypedDict):
    id: str
    name: str
    old_rank: int
    new_rank: int
    delta: int


class Leader(TypedDict):
    old: str
    new: str
    name: str


class RankingChange(TypedDict):
    file: str
    kind: str | None
    slug: str | None
    label: str | None
    new_leader: Leader | None
    entered_top: list[RankedItem]
    left_top: list[RankedItem]
    moves: list[Move]


class Slugged(TypedDict):
    slug: str
    label: str


class AddedRemoved(TypedDict):
    added: list[Slugged]
    removed: list[Slugged]


class FieldCount(TypedDict):
    path: str
    count: int


class UnknownFields(TypedDict):
    appeared: list[FieldCount]
    gone: list[FieldCount]


class Primary(TypedDict):
    old: str | None
    new: str | None


class SelectionChange(TypedDict):
    category: str
    tier: str
    old: list[str]
    new: list[str]
    primary: Primary | None
    added: list[str]
    removed: list[str]
    reasons: dict[str, str]


class SelectionChanges(TypedDict):
    available: bool
    changes: list[SelectionChange]


class Expiring(TypedDict):
    id: str
    name: str | None
    expiration_date: str
    days_left: int
    used_in: list[str]


class ExpiringModels(TypedDict):
    basis: str
    days: int
    models: list[Expiring]


class GateMargin(TypedDict):
    gate: str
    status: str  # "forced" | "close"
    message: str


class UnmappedRow(TypedDict):
    permaslug: str
    rankings: list[str]
    new: bool


class ActOn(TypedDict):
    selection_changes: int
    expiring: ExpiringModels
    gates: list[GateMargin]
    unmapped: list[UnmappedRow]


class Files(TypedDict):
    added: list[str]
    removed: list[str]
    changed: list[str]


class Settings(TypedDict):
    top: int
    min_move: int
    expiry_days: int


# "from" is a keyword: the functional form
ReportData = TypedDict(
    "ReportData",
    {
        "from": SideInfo,
        "to": SideInfo,
        "window": int,
        "changed": bool,
        "files": Files,
        "summary": dict[str, int],
        "models": ModelChanges,
        "prices": list[PriceItem],
        "rankings": list[RankingChange],
        "categories": AddedRemoved,
        "orderings": AddedRemoved,
        "unknown_fields": UnknownFields,
        "selection": SelectionChanges,
        "act_on": ActOn,
        "settings": Settings,
    },
)


# --- inert markdown ---------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
# GitHub autolinks `scheme://…` and `www.…` in plain text; a word joiner inside either keeps them text
_AUTOLINK = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*:|\bwww)(//|\.)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&$])")  # `$` too: GitHub renders $…$ as math


def md_text(value: Any, cap: int = 80) -> str:
    """Upstream text made inert in markdown: one line, capped, special characters escaped, no mentions."""
    text = _CONTROL.sub(" ", str(value if value is not None else ""))
    text = " ".join(text.split())
    if len(text) > cap:
        text = text[: cap - 1] + "…"
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: m.group(1) + "\u2060" + m.group(2), text)  # no bare-URL autolinks
    return text.replace("@", "@\u2060")  # a word joiner keeps GitHub from turning it into a mention


def md_code(value: Any, cap: int = 120) -> str:
    """An identifier as inline code (backticks removed from it; capped)."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split()).replace("`", "'")
    if len(text) > cap:
        text = text[: cap - 1] + "…"
    return f"`{text}`"


# --- words shared by every rendering ----------------------------------------------------------------------


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def when(side: Mapping[str, Any]) -> str:
    """``2026-05-18 02:00`` from a side's ``as_of`` (else its commit time)."""
    stamp = str(side.get("as_of") or side.get("time") or "")
    return stamp.replace("T", " ").replace(":00Z", "").replace("Z", "") or "?"


def summary_line(data: Mapping[str, Any]) -> str:
    """One line of counts (our own words and numbers: no upstream text)."""
    s = data["summary"]
    parts = [
        f"{s['added']} added",
        f"{s['removed']} removed",
        plural(s["flaps"], "flap"),
        plural(s["price_changes"], "price change"),
        f"{plural(s['rankings_changed'], 'ranking')} moved",
    ]
    if s["new_leaders"]:
        parts.append(plural(s["new_leaders"], "new leader"))
    cat = s["categories_added"] + s["categories_removed"] + s["orderings_added"] + s["orderings_removed"]
    if cat:
        parts.append(plural(cat, "category/ordering change"))
    if s["unknown_fields_appeared"]:
        parts.append(plural(s["unknown_fields_appeared"], "new upstream field"))
    parts.append(
        plural(s["selection_changes"], "selection change") if data["selection"]["available"] else "no selection.json"
    )
    return ", ".join(parts) + f"; {plural(s['files_changed'], 'file')} changed"


def _money(key: str, old: str | None, new: str | None) -> str:
    """``\\$2.40 → \\$2.50 per million tokens``: the one rule of :mod:`generator.numbers` (``variable`` for
    upstream's -1), escaped by md_text (``$`` too: GitHub renders $…$ as math)."""
    return md_text(numbers.price_change(key, old, new), 200)


def _pct(pct: str | None, variable: str | None = None) -> str:
    if variable:  # to or from upstream's variable price: not an amount, so no percentage
        return f"{variable} variable"
    return "new" if pct is None else numbers.percent(pct, signed=True)


def _span(first: str, last: str) -> str:
    a, b = md_text(when({"as_of": first})), md_text(when({"as_of": last}))
    return a if a == b else f"{a} – {b}"


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: Any, cap: int = 2000) -> str:
    """Text XML can carry, without the bidi and zero-width characters the site drops too (U+202E…)."""
    value = _NOT_XML.sub("", str(text if text is not None else ""))
    value = "".join(c for c in value if c in "\t\n\r" or unicodedata.category(c) not in NOT_SHOWN)
    return value if len(value) <= cap else value[: cap - 1] + "…"


# --- the templates ----------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment for both renderings: HTML templates autoescaped, ``report.md`` not (its filters escape)."""
    import jinja2

    from generator.template_cache import bytecode_cache

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache("report", __file__),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(numbers.FILTERS)  # price_change, signed_percent: the rules every page follows
    env.filters.update({f.__name__: f for f in (md_text, md_code, plural, when, clean)})
    env.filters.update(money=_money, pct=_pct, span=_span, thousands=lambda n: f"{n:,}")
    env.globals.update(summary_line=summary_line)
    return env


@functools.cache
def _markdown() -> Any:
    """The macros of ``report.md`` (the head, "What to act on", each section)."""
    return _environment().get_template("report.md").module


def _markdown_parts(data: Mapping[str, Any], limit: int) -> tuple[str, str, list[tuple[str, str]]]:
    """The head, the "What to act on" block, and each non-empty section as (title, text)."""
    md = _markdown()
    sections = []
    for name in ("added", "removed", "flaps", "prices", "rankings", "upstream", "selection"):
        text = str(getattr(md, f"section_{name}")(data, limit))
        if text:
            sections.append((text.split("\n", 2)[1].removeprefix("### "), text))
    return str(md.head(data)), str(md.act_on(data, max(1, limit // 2))), sections


def to_markdown(data: Mapping[str, Any], *, limit: int = MARKDOWN_ITEMS, budget: int = MARKDOWN_BUDGET) -> str:
    """A PR body a reviewer reads in a minute: the summary line, what to act on, then the capped sections.

    Every long list or table shows ``limit`` rows and a line saying how many were left out; whatever the report
    holds, the text stays within ``budget`` UTF-8 bytes (below GitHub's 65,536-character limit on a pull request
    body): sections that would not fit are left out whole, from the last, and a final line says which. The
    JSON report (``--format json``; the weekly job uploads it as an artifact) always has everything.
    """
    head, act_on, sections = _markdown_parts(data, limit)
    kept: list[str] = []
    used = len(head.encode()) + len(act_on.encode()) + 200  # 200: room for the line about left-out sections
    left_out: list[str] = []
    for title, text in sections:
        size = len(text.encode())
        if not left_out and used + size <= budget:
            kept.append(text)
            used += size
        else:
            left_out.append(title)
    text = head + act_on + "".join(kept)
    if left_out:
        # our own titles (counts only), no upstream text
        names = ", ".join(left_out[:8]) + (" …" if len(left_out) > 8 else "")
        text += (
            f"\n_Left out to keep this pull request body under GitHub's {PR_BODY_LIMIT:,}-character limit: "
            f"{plural(len(left_out), 'section')} ({names}); the JSON report has everything._\n"
        )
    if len(text.encode()) > budget:  # only an absurd `limit` gets here: cut at a line boundary
        cut = text.encode()[: budget - 200].decode(errors="ignore").rpartition("\n")[0]
        text = cut + "\n\n_Cut to fit a pull request body; the JSON report has everything._\n"
    return text


def to_html(data: Mapping[str, Any], *, limit: int = FEED_ITEMS) -> str:
    """A short HTML rendering of a change report, for a feed entry (autoescaped: upstream text stays text)."""
    template = _environment().get_template("report_feed.html")
    return template.render(r=data, limit=limit).strip()
