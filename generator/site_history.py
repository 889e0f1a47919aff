"""What the site shows from the snapshot history: rank trends, price histories, recent change reports, the feed.

:mod:`generator.history` reads git and returns data (streamed: one ``models.json`` at a time for the price
histories, only the newest snapshots' files for the trends and reports); this module puts together what the
pages show, with :mod:`generator.changes` (the reports) and :mod:`generator.feed` (the Atom document).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import changes, feed, history, report

SITE_REPORTS = 12
SPARK_WIDTH, SPARK_HEIGHT = 120, 24


def site_file(path: str) -> bool:
    """The files the site's history pages read (the orderings' rankings and benchmarks are not needed)."""
    return not path.startswith("rankings/dimension/") and path != "benchmarks.json"


@dataclass
class SiteHistory:
    """Trends, price histories, recent change reports and the Atom feed, as plain data for the templates."""

    described: str  # how much history was seen (a build note when it is not the full history)
    degraded: bool  # a shallow clone or no git: fewer snapshots than the repository holds
    dates: list[str]  # as_of of the snapshots the trends cover, oldest first
    trends: dict[str, dict[str, Any]]  # ranking file → {"slug", "label", "models": [{"id", "name", "ranks", ...}]}
    prices: dict[str, list[dict[str, Any]]]  # model id → [{"as_of", "pricing"}], oldest first
    reports: list[dict[str, Any]]  # the newest SITE_REPORTS reports that changed data (changed_data), newest first
    feed: bytes  # feed.atom


def _recent(newest: list[history.Point], reader: history.SiteReader, reports: int) -> list[dict[str, Any]]:
    """The newest ``reports`` change reports that changed data, newest first, reading older snapshots only while
    more are needed (``newest`` grows as they are read)."""
    points = reader.newest()
    newest.extend(p for _, p in zip(range(history.TREND_SNAPSHOTS), points, strict=False))
    found: list[dict[str, Any]] = []
    index = 0
    while len(found) < reports:
        if index + 1 >= len(newest) and (older := next(points, None)) is not None:
            newest.append(older)
        if index + 1 >= len(newest):
            break
        new, old = newest[index], newest[index + 1]
        index += 1
        data: dict[str, Any] = dict(changes.report(changes.Side.of(old), changes.Side.of(new)))
        if history.changed_data(data):
            data["anchor"] = f"snapshot-{new.ref}"
            data["summary_line"] = report.summary_line(data)
            found.append(data)
    return found


def read(snapshot_root: Path, current: dict[str, bytes], *, reports: int = SITE_REPORTS) -> SiteHistory:
    """Read the history of ``snapshot_root`` (``…/snapshots/v1``) from git and derive what the site shows.

    ``current`` is the snapshot being built; when it differs from the newest commit (an uncommitted update) it
    is the newest point. Without git history the current snapshot stands alone: trends of one point, no reports.
    """
    with history.SiteReader(snapshot_root, current, site_file) as reader:
        newest: list[history.Point] = []
        try:
            prices = reader.prices()
            recent = _recent(newest, reader, reports)
        except history.GitError as exc:  # git failed part way: this snapshot alone, as without git
            reader.failed(exc)
            prices, newest[:] = reader.prices(), list(reader.newest())
            recent = []
    trends = history.rank_trends(list(reversed(newest)))
    for trend in trends["rankings"].values():
        # one scale per ranking: rank 1 at the top, its worst rank in the window (at least 10) at the bottom
        worst = max([history.TREND_TOP, *(r for m in trend["models"] for r in m["ranks"] if isinstance(r, int))])
        for model in trend["models"]:
            model["points"] = history.sparkline_points(
                model["ranks"], width=SPARK_WIDTH, height=SPARK_HEIGHT, worst=worst
            )
    entries = [feed.entry_for(r, link=f"changes/#{r['anchor']}") for r in recent]
    return SiteHistory(
        described=reader.history.describe(),
        degraded=reader.history.shallow or not reader.history.available,
        dates=trends["dates"],
        trends=trends["rankings"],
        prices=prices,
        reports=recent,
        feed=feed.atom(entries, subtitle="One entry per snapshot that changed, newest first."),
    )
