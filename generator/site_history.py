"""What the site shows from the snapshot history: rank trends, price histories, recent change reports, the feed.

:mod:`generator.history` reads git and returns data; :class:`SiteReader` streams it for the site (one
``models.json`` at a time into :class:`generator.prices.PriceHistory`, the other files of the newest snapshots
only); :func:`read` puts together what the pages show, with :mod:`generator.changes` (the reports) and
:mod:`generator.feed` (the Atom document).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import changes, feed, history, prices, report, store

SITE_REPORTS = 12
SPARK_WIDTH, SPARK_HEIGHT = 120, 24


def site_file(path: str) -> bool:
    """The files the site's history pages read (the orderings' rankings and benchmarks are not needed)."""
    return (
        not path.startswith("rankings/dimension/") and path != "benchmarks.json" and store.series_schema(path) is None
    )


TREND_SNAPSHOTS = 12
TREND_TOP = 10


def _is_followed_ranking(path: str) -> bool:
    return path == "rankings/overall.json" or path.startswith("rankings/category/")


def _entries(snapshot: history.Point, path: str) -> list[dict[str, Any]]:
    doc = snapshot.json(path)
    entries = doc.get("entries") if isinstance(doc, dict) else None
    return [e for e in entries or [] if isinstance(e, dict) and isinstance(e.get("model_id"), str)]


def rank_trends(snapshots: list[history.Point], *, last: int = TREND_SNAPSHOTS, top: int = TREND_TOP) -> dict[str, Any]:
    """Per category ranking (and the overall one): the newest snapshot's top ``top`` and each model's rank in
    each of the ``last`` snapshots (None where it was not ranked), oldest first.

    ``{"dates": [as_of…], "rankings": {path: {"slug", "label", "models": [{"id", "name", "ranks": […]}]}}}``
    """
    recent = snapshots[-last:]
    if not recent:
        return {"dates": [], "rankings": {}}
    current = recent[-1]
    out: dict[str, Any] = {}
    for path in sorted(p for p in current.files if _is_followed_ranking(p)):
        doc = current.json(path)
        if not isinstance(doc, dict):
            continue
        leaders = _entries(current, path)[:top]
        ranks_by_snapshot = [{e["model_id"]: e.get("rank") for e in _entries(s, path)} for s in recent]
        out[path] = {
            "slug": doc.get("slug"),
            "label": doc.get("label"),
            "models": [
                {"id": e["model_id"], "name": e.get("name"), "ranks": [r.get(e["model_id"]) for r in ranks_by_snapshot]}
                for e in leaders
            ],
        }
    return {"dates": [s.as_of for s in recent], "rankings": out}


def sparkline_points(
    ranks: list[int | None], *, width: int = 120, height: int = 24, worst: int | None = None
) -> list[str]:
    """SVG polyline ``points`` for a rank series (rank 1 at the top), one string per unbroken run."""
    known = [r for r in ranks if isinstance(r, int)]
    if not known:
        return []
    worst = max(worst or 0, *known, 2)
    step = width / max(len(ranks) - 1, 1)
    runs: list[str] = []
    run: list[str] = []
    for i, rank in enumerate(ranks):
        if not isinstance(rank, int):
            if run:
                runs.append(" ".join(run))
            run = []
            continue
        y = 2 + (rank - 1) / (worst - 1) * (height - 4)
        run.append(f"{i * step:.1f},{y:.1f}")
    if run:
        runs.append(" ".join(run))
    return runs


class SiteReader:
    """The history of ``snapshot_root`` (``…/snapshots/v1``) for ``orsnap build``, read without holding it.

    :meth:`prices` streams every commit's ``models.json`` (one at a time, through one ``git cat-file --batch``)
    into the price histories; :meth:`newest` reads the newest snapshots' files (those ``want`` selects) lazily,
    newest first, so the site reads only as many as its trends and reports need. ``current`` (the snapshot
    being built) is the newest point when it differs from the newest commit. Use as a context manager; without
    git (or on any git error) the history is empty and :attr:`history` says why.
    """

    def __init__(self, snapshot_root: Path, current: dict[str, bytes], want: Callable[[str], bool]) -> None:
        self.current = {p: b for p, b in current.items() if want(p)}
        self._want = want
        self._repo: history.Repo | None = None
        self._directory = ""
        self._commits: list[history.Commit] = []
        self._latest: history.Point | None = None
        self._shared: dict[bytes, Any] = {}
        try:
            self._repo = history.Repo(snapshot_root.parent if snapshot_root.parent.exists() else Path.cwd())
            self._directory = history.snapshot_directory(snapshot_root.parent, self._repo.root)
            self._commits = self._repo.commits(self._directory)
            self.history = history.History([], shallow=self._repo.shallow)
        except history.GitError as exc:
            self.failed(exc)

    def failed(self, exc: history.GitError) -> None:
        """Give up on git (the build goes on with the current snapshot alone)."""
        shallow = self._repo.shallow if self._repo is not None else False
        self.close()
        self._commits, self._latest = [], None
        self.history = history.History([], shallow=shallow, available=False, reason=str(exc))

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def _points(self) -> Iterator[history.Point]:
        for commit in reversed(self._commits):
            assert self._repo is not None
            point = history.snapshot(self._repo, commit, self._directory, want=self._want, shared=self._shared)
            if point is not None:
                yield point

    def latest(self) -> history.Point | None:
        """The newest commit's snapshot (its site files)."""
        if self._latest is None and self._commits:
            self._latest = next(self._points(), None)
        return self._latest

    def current_is_new(self) -> bool:
        latest = self.latest()
        return bool(self.current) and (latest is None or latest.files != self.current)

    def newest(self) -> Iterator[history.Point]:
        """The snapshots with their site files, newest first: the current one when it is new, then each commit's."""
        if self.current_is_new():
            yield history.worktree_snapshot(self.current)
        yield from self._points()

    def prices(self) -> dict[str, list[dict[str, Any]]]:
        """Every model's price history over every commit (and the current snapshot when it is new), and the
        history's span for :meth:`history.History.describe`."""
        found = prices.PriceHistory()
        count, first, last = 0, "", ""
        if self._repo is not None:
            for commit, (manifest, models) in zip(
                self._commits, self._repo.pairs(self._commits, self._directory), strict=True
            ):
                if manifest is None and models is None:
                    continue  # the snapshot is absent at this commit
                as_of = history.as_of_manifest(manifest, commit)
                found.add(as_of, models or b"")
                count, last = count + 1, as_of[:10] or commit.time[:10]
                first = first or last
        self.history.span = (count, first, last)
        if self.current_is_new():
            point = history.worktree_snapshot(self.current)
            found.add(point.as_of, self.current.get("models.json", b""))
        return found.points


# What the snapshot publishes beside OpenRouter's data: its own bookkeeping (dates, hashes) and the derived
# selection, whose changes count only when a pick changed (the report's "selection changes").
NOT_DATA = frozenset({"manifest.json", "selection.json"})


def changed_data(report: dict[str, Any]) -> bool:
    """Whether a change report (:func:`generator.changes.report`) records a change of the snapshot's data: anything
    it counts (models, prices, rankings, categories, orderings, upstream fields, selection picks), or any data file
    added, removed or changed. A commit that touched only the manifest or the wording of ``selection.json`` did not."""
    if any(count for name, count in report["summary"].items() if name != "files_changed"):
        return True
    files = report["files"]
    return any(path not in NOT_DATA for path in [*files["added"], *files["removed"], *files["changed"]])


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


def _recent(newest: list[history.Point], reader: SiteReader, reports: int) -> list[dict[str, Any]]:
    """The newest ``reports`` change reports that changed data, newest first, reading older snapshots only while
    more are needed (``newest`` grows as they are read)."""
    points = reader.newest()
    newest.extend(p for _, p in zip(range(TREND_SNAPSHOTS), points, strict=False))
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
        if changed_data(data):
            data["anchor"] = f"snapshot-{new.ref}"
            data["summary_line"] = report.summary_line(data)
            found.append(data)
    return found


def read(snapshot_root: Path, current: dict[str, bytes], *, reports: int = SITE_REPORTS) -> SiteHistory:
    """Read the history of ``snapshot_root`` (``…/snapshots/v1``) from git and derive what the site shows.

    ``current`` is the snapshot being built; when it differs from the newest commit (an uncommitted update) it
    is the newest point. Without git history the current snapshot stands alone: trends of one point, no reports.
    """
    with contextlib.closing(SiteReader(snapshot_root, current, site_file)) as reader:
        newest: list[history.Point] = []
        try:
            prices = reader.prices()
            recent = _recent(newest, reader, reports)
        except history.GitError as exc:  # git failed part way: this snapshot alone, as without git
            reader.failed(exc)
            prices, newest[:] = reader.prices(), list(reader.newest())
            recent = []
    trends = rank_trends(list(reversed(newest)))
    for trend in trends["rankings"].values():
        # one scale per ranking: rank 1 at the top, its worst rank in the window (at least 10) at the bottom
        worst = max([TREND_TOP, *(r for m in trend["models"] for r in m["ranks"] if isinstance(r, int))])
        for model in trend["models"]:
            model["points"] = sparkline_points(model["ranks"], width=SPARK_WIDTH, height=SPARK_HEIGHT, worst=worst)
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
