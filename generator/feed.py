"""Atom feed (RFC 4287) of snapshot changes: one entry per snapshot that changed something.

Built with the standard library's ElementTree (which escapes text and attributes); characters XML 1.0 does not
allow are removed from upstream text first, so the feed always parses. Deterministic: no wall-clock time is
written; ``updated`` is the newest entry's time and ids are name-based UUIDs of the commit (or the data), so the
same history gives the same bytes.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import report
from generator.report import clean as _clean

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
ITEMS_PER_LIST = 10
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class Entry:
    key: str  # what makes the entry unique: the commit id, or a digest of the data for an uncommitted snapshot
    title: str
    updated: str  # RFC 3339 (``2026-05-18T02:00:00Z``)
    summary: str
    content_html: str
    link: str | None = None


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'orsnap:' + name)}"


def _timestamp(value: str) -> str:
    """RFC 3339 as Atom wants it; anything unparsable becomes the epoch rather than an invalid feed."""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", value or "") else _EPOCH


def report_html(data: Mapping[str, Any], *, limit: int = ITEMS_PER_LIST) -> str:
    """A short HTML rendering of a change report (the ``report_feed.html`` template, autoescaped)."""
    return report.to_html(data, limit=limit)


def entry_for(data: Mapping[str, Any], *, link: str | None = None) -> Entry:
    """The feed entry of one change report (from :func:`generator.changes.report`)."""
    to = data["to"]
    when = to.get("as_of") or to.get("time") or ""
    key = to.get("commit") or f"data:{when}:{to.get('ref')}"
    return Entry(
        key=str(key),
        title=f"Snapshot {str(when)[:10]}: {report.summary_line(data)}",
        updated=_timestamp(str(when)),
        summary=report.summary_line(data),
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
