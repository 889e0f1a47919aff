"""Atom feed (RFC 4287) of snapshot changes: one entry per snapshot that changed something.

Built with the standard library's ElementTree (which escapes text and attributes); characters XML 1.0 does not
allow are removed from upstream text first, so the feed always parses. Deterministic: no wall-clock time is
written; ``updated`` is the newest entry's time and ids are name-based UUIDs of the commit (or the data), so the
same history gives the same bytes.
"""

from __future__ import annotations

import html
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import changes, numbers

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
ITEMS_PER_LIST = 10
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co"})  # control, format (bidi, zero-width), surrogate, private use
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class Entry:
    key: str  # what makes the entry unique: the commit id, or a digest of the data for an uncommitted snapshot
    title: str
    updated: str  # RFC 3339 (``2026-05-18T02:00:00Z``)
    summary: str
    content_html: str
    link: str | None = None


def _clean(text: Any, cap: int = 2000) -> str:
    """Text XML can carry, without the bidi and zero-width characters the site drops too (U+202E…)."""
    value = _NOT_XML.sub("", str(text if text is not None else ""))
    value = "".join(c for c in value if c in "\t\n\r" or unicodedata.category(c) not in _HIDDEN)
    return value if len(value) <= cap else value[: cap - 1] + "…"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'orsnap:' + name)}"


def _timestamp(value: str) -> str:
    """RFC 3339 as Atom wants it; anything unparsable becomes the epoch rather than an invalid feed."""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", value or "") else _EPOCH


def report_html(data: Mapping[str, Any], *, limit: int = ITEMS_PER_LIST) -> str:
    """A short HTML rendering of a change report (every upstream string escaped)."""
    esc = html.escape
    parts = [f"<p>{esc(changes.summary_line(data))}.</p>"]

    def listing(title: str, items: list[str]) -> None:
        if items:
            more = f"<li>… and {len(items) - limit} more</li>" if len(items) > limit else ""
            parts.append(f"<h3>{esc(title)}</h3><ul>{''.join(f'<li>{i}</li>' for i in items[:limit])}{more}</ul>")

    def model(item: Mapping[str, Any]) -> str:
        name = f" {esc(_clean(item.get('name'), 200))}" if item.get("name") else ""
        return f"<code>{esc(_clean(item['id'], 200))}</code>{name}"

    models = data["models"]
    listing("Models added", [model(m) for m in models["added"]])
    listing("Models removed", [model(m) for m in models["removed"]])
    listing("Flaps", [f"{model(m)}: {esc(m['kind'])}" for m in models["flaps"]])
    listing(
        "Price changes",
        [
            f"{model(p)}: "
            + ", ".join(
                f"{esc(_clean(c['key'], 50))} {esc(_clean(numbers.price_change(c['key'], c['old'], c['new']), 300))}"
                + (f" ({esc(numbers.percent(c['pct'], signed=True))})" if c["pct"] is not None else "")
                + (f" ({esc(c['variable'])} variable)" if c.get("variable") else "")
                for c in p["changes"]
            )
            for p in data["prices"]
        ],
    )
    top, moved = data["settings"]["top"], data["settings"]["min_move"]

    def ids(items: list[Any], shown: Any) -> str:
        return ", ".join(shown(i) for i in items[:limit]) + (
            f" and {len(items) - limit} more" if len(items) > limit else ""
        )

    def code(model_id: Any) -> str:
        return f"<code>{esc(_clean(model_id, 200))}</code>"

    def left(e: Mapping[str, Any]) -> str:
        now = "no longer ranked" if e["rank"] is None else f"now #{e['rank']}"
        return f"{code(e['id'])} ({now})"

    def ranking(r: Mapping[str, Any]) -> str:
        bits = []
        if r["new_leader"]:
            bits.append(f"new leader {code(r['new_leader']['new'])} (was {code(r['new_leader']['old'])})")
        if r["entered_top"]:
            bits.append(f"entered the top {top}: " + ids(r["entered_top"], lambda e: f"{code(e['id'])} (#{e['rank']})"))
        if r["left_top"]:
            bits.append(f"left the top {top}: " + ids(r["left_top"], left))
        if r["moves"]:
            bits.append(
                f"moved {moved} places or more: "
                + ids(r["moves"], lambda e: f"{code(e['id'])} #{e['old_rank']} → #{e['new_rank']}")
            )
        return f"{esc(_clean(r['label'] or r['slug'], 200))}: " + "; ".join(bits)

    def selection(c: Mapping[str, Any]) -> str:
        bits = []
        if c["primary"]:
            old, new = (c["primary"][k] for k in ("old", "new"))
            bits.append(f"primary {code(old) if old else 'none'} → {code(new) if new else 'none'}")
        added = [i for i in c["added"] if not c["primary"] or i != c["primary"]["new"]]
        if added:
            bits.append(("fallbacks added " if c["primary"] else "added ") + ids(added, code))
        if c["removed"]:
            bits.append("removed " + ids(c["removed"], code))
        if not bits:
            bits.append("fallbacks reordered: " + ids(c["old"], code) + " → " + ids(c["new"], code))
        return f"{esc(_clean(c['category'], 100))} / {esc(_clean(c['tier'], 100))}: " + "; ".join(bits)

    listing("Rankings", [ranking(r) for r in data["rankings"]])
    listing("Selection", [selection(c) for c in data["selection"]["changes"]])
    return "".join(parts)


def entry_for(data: Mapping[str, Any], *, link: str | None = None) -> Entry:
    """The feed entry of one change report (from :func:`generator.changes.report`)."""
    to = data["to"]
    when = to.get("as_of") or to.get("time") or ""
    key = to.get("commit") or f"data:{when}:{to.get('ref')}"
    return Entry(
        key=str(key),
        title=f"Snapshot {str(when)[:10]}: {changes.summary_line(data)}",
        updated=_timestamp(str(when)),
        summary=changes.summary_line(data),
        content_html=report_html(data),
        link=link,
    )


def atom(
    entries: Sequence[Entry],
    *,
    title: str = "orsnap: OpenRouter rankings snapshot changes",
    site_url: str | None = None,
    self_url: str | None = None,
    subtitle: str | None = None,
) -> bytes:
    """The Atom document, newest entry first (at most ``MAX_ENTRIES``)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
        if text is not None:
            node.text = _clean(text, 100_000)
        return node

    ordered = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", _urn(f"feed:{site_url or 'orsnap'}"))
    sub(feed, "title", title)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    sub(feed, "updated", ordered[0].updated if ordered else _EPOCH)
    author = sub(feed, "author")
    sub(author, "name", "orsnap")
    if self_url:
        sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if site_url:
        sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    sub(feed, "generator", "orsnap")
    for item in ordered:
        node = sub(feed, "entry")
        sub(node, "id", _urn(f"snapshot:{item.key}"))
        sub(node, "title", item.title)
        sub(node, "updated", item.updated)
        if item.link:
            sub(node, "link", rel="alternate", type="text/html", href=item.link)
        sub(node, "summary", item.summary, type="text")
        sub(node, "content", item.content_html, type="html")
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
