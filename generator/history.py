"""Snapshot history from git, read with two git processes whatever the number of commits.

One ``git log`` lists the commits that changed the snapshot directory; one long-lived ``git cat-file --batch``
(:class:`generator.git_objects.Repo`) then reads each commit's tree of that directory and the blobs in it. Trees
and blobs are cached by object id, so a file that did not change between commits is read (and parsed) once.
Nothing here writes to the repository.

Works on shallow clones (the history then starts at the shallow boundary, and :attr:`History.shallow` says
so) and outside git altogether (a tarball, or no ``git`` binary): the history is then empty and
:meth:`History.describe` says why, so callers can fall back to the current snapshot alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import prices
from generator.git_objects import Commit as Commit
from generator.git_objects import GitError as GitError
from generator.git_objects import Repo as Repo

SNAPSHOT_DIR = "snapshots/v1"


@dataclass
class Point:
    """The files of ``snapshots/v1`` at one commit (``commit`` is None for the work tree): one point of the history.

    ``catalog`` (model id → name) stands in for ``models.json`` when a point was read without it, to be light
    (the snapshots between the ends of ``orsnap changelog``'s window)."""

    commit: Commit | None
    files: dict[str, bytes]
    catalog: dict[str, str | None] | None = None
    _parsed: dict[str, Any] = field(default_factory=dict, repr=False)
    _shared: dict[bytes, Any] | None = field(default=None, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # what readers derived from it (summaries)

    @property
    def ref(self) -> str:
        return self.commit.short if self.commit else "worktree"

    def json(self, path: str) -> Any:
        """The parsed file (None when absent or not JSON); parsed once per distinct content."""
        if path in self._parsed:
            return self._parsed[path]
        raw = self.files.get(path)
        value: Any = None
        if raw is not None:
            cache = self._shared if self._shared is not None else {}
            key = raw  # equal bytes are the same object when they come from one blob; hashing is cached
            if key in cache:
                value = cache[key]
            else:
                try:
                    value = json.loads(raw)
                except ValueError:
                    value = None
                cache[key] = value
        self._parsed[path] = value
        return value

    @property
    def as_of(self) -> str:
        """The manifest's ``as_of`` (when the data is from), else the commit time, else empty."""
        manifest = self.json("manifest.json")
        if isinstance(manifest, dict) and isinstance(manifest.get("as_of"), str):
            return manifest["as_of"]
        return self.commit.time if self.commit else ""


@dataclass
class History:
    """Snapshots oldest first, and how much of the history was seen."""

    snapshots: list[Point]
    shallow: bool = False
    truncated: bool = False  # a ``limit`` left older commits out
    available: bool = True  # False: no git repository (or no git) here
    reason: str = ""
    span: tuple[int, str, str] | None = None  # (count, first day, last day) when ``snapshots`` are not held

    def describe(self) -> str:
        if not self.available:
            return f"no git history ({self.reason}); only the current snapshot is known"
        n, first, last = self.span or (len(self.snapshots), "", "")
        if not n:
            return "git history has no commit of the snapshot yet"
        if self.span is None:
            first, last = _day(self.snapshots[0]), _day(self.snapshots[-1])
        plural = "s" if n != 1 else ""
        span = f"{n} snapshot commit{plural} from {first} to {last}"
        if self.shallow:
            return f"{span} (shallow clone: older history was not fetched; use fetch-depth 0 for all of it)"
        if self.truncated:
            return f"{span} (the most recent {n}; older ones left out)"
        return f"{span} (full history)"


def _day(snapshot: Point) -> str:
    return snapshot.as_of[:10] or (snapshot.commit.time[:10] if snapshot.commit else "")


# A canonical manifest (generator.store.canonical_json: 2-space indent) holds its top-level keys, and only those,
# on lines indented by two spaces; JSON strings cannot hold a raw newline, so this occurs nowhere else.
_CANONICAL_OPEN, _AS_OF_LINE = b'{\n  "', b'\n  "as_of": '


def as_of_manifest(manifest: bytes | None, commit: Commit | None) -> str:
    """:attr:`Point.as_of` from a manifest's bytes, without holding the point. A canonical manifest's ``as_of``
    line is read alone (the streamed history reads one manifest per commit); any other is parsed whole."""
    if manifest is not None and manifest.startswith(_CANONICAL_OPEN):
        start = manifest.find(_AS_OF_LINE)
        end = manifest.find(b"\n", start + 1)
        if start >= 0 and end > start:
            try:
                value = json.loads(manifest[start + len(_AS_OF_LINE) : end].rstrip(b","))
            except ValueError:
                value = None
            if isinstance(value, str):
                return value
    return Point(commit, {"manifest.json": manifest} if manifest is not None else {}).as_of


def snapshot(
    repo: Repo,
    commit: Commit,
    directory: str,
    *,
    want: Callable[[str], bool] | None = None,
    shared: dict[bytes, Any] | None = None,
) -> Point | None:
    """The files of ``directory`` at ``commit`` (those ``want`` selects), None when it is absent there."""
    listing = repo.listing(commit.sha, directory)
    if listing is None:
        return None
    wanted = {p: oid for p, oid in sorted(listing.items()) if want is None or want(p)}
    blobs = repo.blobs(list(wanted.values()))
    return Point(commit, {p: blobs[oid] for p, oid in wanted.items()}, _shared=shared)


def light_points(repo: Repo, commits: list[Commit], directory: str) -> list[Point]:
    """Points with their manifest and, instead of models.json, its catalog (id → name): one batch, streamed."""
    out: list[Point] = []
    catalogs = prices.CatalogNames()
    for commit, (manifest, models) in zip(commits, repo.pairs(commits, directory), strict=True):
        if manifest is None and models is None:
            continue  # the snapshot is absent at this commit
        names = catalogs.names(models or b"")
        out.append(Point(commit, {"manifest.json": manifest} if manifest else {}, catalog=names))
    return out


def snapshot_directory(snapshots: Path, root: Path) -> str:
    """``snapshots/v1`` relative to the repository root, as git spells it."""
    target = (snapshots / "v1").resolve()
    try:
        return target.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{target} is not inside the git repository at {root}") from None


def read_history(
    snapshots: Path = Path("snapshots"),
    *,
    rev: str = "HEAD",
    since: str | None = None,
    limit: int | None = None,
    want: Callable[[str], bool] | None = None,
) -> History:
    """Every committed snapshot reachable from ``rev`` (after ``since``; the newest ``limit``), oldest first.

    ``want`` filters which files are read (all by default). Never raises for a missing repository: the
    history is then empty with ``available`` False and the reason.
    """
    try:
        repo = Repo(snapshots if snapshots.exists() else Path.cwd())
    except GitError as exc:
        return History([], available=False, reason=str(exc))
    with repo:
        try:
            directory = snapshot_directory(snapshots, repo.root)
            commits = repo.commits(directory, rev, since=since, limit=limit)
            shared: dict[bytes, Any] = {}
            found = [snapshot(repo, c, directory, want=want, shared=shared) for c in commits]
        except GitError as exc:
            return History([], shallow=repo.shallow, available=False, reason=str(exc))
    snaps = [s for s in found if s is not None]
    return History(snaps, shallow=repo.shallow, truncated=limit is not None and len(commits) >= limit)


def worktree_snapshot(files: dict[str, bytes]) -> Point:
    return Point(None, dict(files))


def with_current(history: History, current: dict[str, bytes]) -> list[Point]:
    """The history's snapshots plus the work tree's, when it differs from the newest commit (or there is none)."""
    snaps = list(history.snapshots)
    if current and (not snaps or snaps[-1].files != current):
        snaps.append(worktree_snapshot(current))
    return snaps


@dataclass
class Window:
    """The snapshots from one end of a comparison to the other, both included, oldest first."""

    start: Point | None  # None: there is no earlier snapshot (the first one is all new)
    snapshots: list[Point]  # every snapshot after ``start`` up to the end, the end last
    shallow: bool


def window(
    snapshots: Path,
    *,
    start: str | None = None,
    end: str | None = None,
    worktree: bool = False,
    current: dict[str, bytes] | None = None,
) -> Window:
    """What ``orsnap changelog`` compares.

    Defaults: the end is HEAD, or the work tree with ``worktree`` (``current`` holds its files); the start is
    the commit before the end that last changed the snapshot (for the work tree: the newest such commit).
    Raises :class:`GitError` when a revision is unknown or there is no repository.
    """
    with Repo(snapshots if snapshots.exists() else Path.cwd()) as repo:
        directory = snapshot_directory(snapshots, repo.root)
        end_rev = "HEAD" if worktree or end is None else end
        try:
            end_commit: Commit | None = repo.resolve(end_rev)
        except GitError:
            if not (worktree and end is None):
                raise
            end_commit = None  # a repository without commits yet: compare the work tree with nothing
        shared: dict[bytes, Any] = {}
        if start is not None:
            start_commit: Commit | None = repo.resolve(start)
        elif end_commit is None:
            start_commit = None
        else:
            recent = repo.commits(directory, end_commit.sha, limit=2)  # oldest first
            # the work tree is compared with the newest commit of the snapshot, a commit with the one before
            wanted = len(recent) - 1 if worktree else len(recent) - 2
            start_commit = recent[wanted] if wanted >= 0 else None
        between = (
            []
            if end_commit is None
            else repo.commits(directory, end_commit.sha, since=start_commit.sha if start_commit else None)
        )
        # the snapshots between the ends are needed for their catalogs only (flaps): read light
        snaps = light_points(repo, between[:-1], directory)
        if between and (end := snapshot(repo, between[-1], directory, shared=shared)) is not None:
            snaps.append(end)
        if end_commit is not None and not worktree and (not between or between[-1].sha != end_commit.sha):
            last = snapshot(repo, end_commit, directory, shared=shared)
            if last is not None and (not snaps or snaps[-1].files != last.files):
                snaps.append(last)  # the end did not change the snapshot itself: only when it differs (merges)
        first = snapshot(repo, start_commit, directory, shared=shared) if start_commit else None
        if start_commit is not None and first is None:
            first = Point(start_commit, {})
        if worktree:
            snaps.append(worktree_snapshot(current or {}))
        return Window(first, snaps, repo.shallow)
