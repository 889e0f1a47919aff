"""Snapshot history from git, read with two git processes whatever the number of commits.

One ``git log`` lists the commits that changed the snapshot directory; one long-lived ``git cat-file --batch``
then reads each commit's tree of that directory and the blobs in it. Trees and blobs are cached by object id,
so a file that did not change between commits is read (and parsed) once. Nothing here writes to the repository.

Works on shallow clones (the history then starts at the shallow boundary, and :attr:`History.shallow` says
so) and outside git altogether (a tarball, or no ``git`` binary): the history is then empty and
:meth:`History.describe` says why, so callers can fall back to the current snapshot alone.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

from generator import prices
from generator.errors import EXIT_USAGE, OrsnapError

SNAPSHOT_DIR = "snapshots/v1"
MAX_BLOB_BYTES = 64 * 1024 * 1024  # a snapshot file larger than this is not one of ours
_TREE_MODE = b"40000"
_PIPE_BYTES = 1 << 20  # at most /proc/sys/fs/pipe-max-size for an unprivileged process (1 MiB by default)


class GitError(OrsnapError):
    """git failed or answered something we cannot read."""

    exit_code = EXIT_USAGE
    prefix = "cannot read the snapshot history: "


@dataclass(frozen=True)
class Commit:
    sha: str
    time: str  # committer time, ISO-8601 UTC (``2026-05-18T06:17:00Z``)
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


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


def _git_env() -> dict[str, str]:
    import os

    # No pager, no prompts, stable output whatever the user's configuration says.
    return {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _run(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=_git_env(), check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]}: {done.stderr.strip()[:300] or f'exit {done.returncode}'}")
    return done.stdout


def _widen(pipe: IO[bytes] | None) -> None:
    """Let git write up to 1 MiB ahead of us (Linux; elsewhere, or when refused, the pipe stays as it is): fewer
    round trips through a 64 KiB pipe for files of hundreds of KB, and git works on the next one meanwhile."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if pipe is not None and set_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), set_size, _PIPE_BYTES)


class Repo:
    """A git repository read through one ``git cat-file --batch`` process (use as a context manager)."""

    def __init__(self, path: Path) -> None:
        path = path if path.is_dir() else path.parent
        if shutil.which("git") is None:
            raise GitError("git is not installed")
        out = _run(["rev-parse", "--show-toplevel", "--is-shallow-repository"], path).splitlines()
        if len(out) < 2:
            raise GitError("git rev-parse gave no top level")
        self.root = Path(out[0])
        self.shallow = out[1].strip() == "true"
        self._proc: subprocess.Popen[bytes] | None = None
        self._trees: dict[bytes, list[tuple[bytes, str, bytes]]] = {}
        self._blobs: dict[bytes, bytes] = {}

    # --- the long-lived process ----------------------------------------------------------------------------

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=30)
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None

    def _batch(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._proc is None:
            self._proc = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                bufsize=1 << 20,  # large reads: snapshot files are up to a few hundred KB each
                env=_git_env(),
            )
            _widen(self._proc.stdout)
        assert self._proc.stdin is not None and self._proc.stdout is not None
        return self._proc.stdin, self._proc.stdout

    @staticmethod
    def _name(name: str | bytes) -> bytes:
        raw = name.encode() if isinstance(name, str) else name
        if b"\n" in raw:
            raise GitError("an object name cannot contain a newline")
        return raw

    def _answer(self, stdout: IO[bytes]) -> tuple[bytes, str, bytes] | None:
        header = stdout.readline()
        if not header:
            raise GitError("git cat-file stopped answering")
        parts = header.split()
        if len(parts) == 2 and parts[1] in (b"missing", b"ambiguous"):
            return None
        if len(parts) != 3:
            raise GitError(f"unexpected answer from git cat-file: {header[:100]!r}")
        oid, kind, size = parts[0], parts[1].decode(), int(parts[2])
        if size > MAX_BLOB_BYTES:
            raise GitError(f"object {oid.decode()} is {size} bytes, more than the cap of {MAX_BLOB_BYTES}")
        content = stdout.read(size)
        stdout.read(1)  # the newline after the content
        return oid, kind, content

    def read_object(self, name: str | bytes) -> tuple[bytes, str, bytes] | None:
        """``(object id, type, content)`` of an object name (``sha``, ``rev:path``), or None when missing."""
        raw = self._name(name)
        stdin, stdout = self._batch()
        stdin.write(raw + b"\n")
        stdin.flush()
        return self._answer(stdout)

    def stream(self, names: list[bytes]) -> Iterator[tuple[bytes, str, bytes] | None]:
        """Several objects in one round trip, each yielded as it arrives (so that a caller that drops each one
        holds one at a time): a thread writes every request while this one reads the answers (git would stall
        writing answers nobody reads if both were done in turn with full pipes). Consume it to the end."""
        raws = [self._name(n) for n in names]
        stdin, stdout = self._batch()
        failed: list[BaseException] = []

        def write() -> None:
            try:
                stdin.write(b"".join(r + b"\n" for r in raws))
                stdin.flush()
            except OSError as exc:  # git died: the reader below reports it
                failed.append(exc)

        writer = threading.Thread(target=write, name="cat-file-requests", daemon=True)
        writer.start()
        try:
            for _ in raws:
                yield self._answer(stdout)
        finally:
            writer.join()

    # --- trees and blobs ------------------------------------------------------------------------------------

    @staticmethod
    def _parse_tree(content: bytes) -> list[tuple[bytes, str, bytes]]:
        """Entries ``(mode, name, object id hex)`` of a tree object's content."""
        entries, pos = [], 0
        while pos < len(content):
            space = content.index(b" ", pos)
            nul = content.index(b"\0", space)
            mode, name = content[pos:space], content[space + 1 : nul].decode("utf-8", "replace")
            entries.append((mode, name, content[nul + 1 : nul + 21].hex().encode()))
            pos = nul + 21
        return entries

    def _tree(self, oid: bytes) -> list[tuple[bytes, str, bytes]]:
        if oid not in self._trees:
            found = self.read_object(oid)
            if found is None or found[1] != "tree":
                raise GitError(f"tree {oid.decode()} is missing")
            self._trees[oid] = self._parse_tree(found[2])
        return self._trees[oid]

    def _walk(self, oid: bytes, prefix: str, out: dict[str, bytes]) -> None:
        for mode, name, child in self._tree(oid):
            if mode == _TREE_MODE:
                self._walk(child, f"{prefix}{name}/", out)
            elif mode.startswith(b"100"):  # regular files only: no symlinks, no submodules
                out[f"{prefix}{name}"] = child

    def listing(self, rev: str, directory: str) -> dict[str, bytes] | None:
        """Relative path → blob id of every file under ``directory`` at ``rev`` (None when absent there)."""
        found = self.read_object(f"{rev}:{directory}")
        if found is None or found[1] != "tree":
            return None
        self._trees.setdefault(found[0], self._parse_tree(found[2]))
        out: dict[str, bytes] = {}
        self._walk(found[0], "", out)
        return out

    @property
    def blobs_read(self) -> int:
        return len(self._blobs)

    def blob(self, oid: bytes) -> bytes:
        if oid not in self._blobs:
            found = self.read_object(oid)
            if found is None or found[1] != "blob":
                raise GitError(f"blob {oid.decode()} is missing")
            self._blobs[oid] = found[2]
        return self._blobs[oid]

    # --- commits --------------------------------------------------------------------------------------------

    def commits(
        self, directory: str, rev: str = "HEAD", *, since: str | None = None, limit: int | None = None
    ) -> list[Commit]:
        """Commits reachable from ``rev`` (after ``since``) that changed ``directory``, oldest first."""
        args = ["log", "--format=%H%x1f%ct%x1f%s%x1e", "--no-color"]
        if limit is not None:
            args.append(f"--max-count={limit}")
        args += [f"{since}..{rev}" if since else rev, "--", directory]
        try:
            out = _run(args, self.root)
        except GitError as exc:
            if rev == "HEAD" and ("does not have any commits" in str(exc) or "unknown revision" in str(exc)):
                return []  # a repository without commits yet
            raise
        commits = []
        for record in out.split("\x1e"):
            record = record.strip("\n")
            if not record:
                continue
            sha, stamp, subject = record.split("\x1f", 2)
            time = datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            commits.append(Commit(sha, time, subject[:200]))
        commits.reverse()
        return commits

    def resolve(self, rev: str) -> Commit:
        """The commit a revision names (``HEAD``, a branch, a sha…)."""
        if rev.startswith("-"):
            raise GitError(f"not a revision: {rev!r}")
        out = _run(["log", "-1", "--format=%H%x1f%ct%x1f%s", rev, "--"], self.root).strip()
        if not out:
            raise GitError(f"unknown revision {rev!r}")
        sha, stamp, subject = out.split("\x1f", 2)
        return Commit(sha, datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), subject[:200])

    def snapshot(
        self,
        commit: Commit,
        directory: str,
        *,
        want: Callable[[str], bool] | None = None,
        shared: dict[bytes, Any] | None = None,
    ) -> Point | None:
        listing = self.listing(commit.sha, directory)
        if listing is None:
            return None
        wanted = {p: oid for p, oid in sorted(listing.items()) if want is None or want(p)}
        missing = sorted({oid for oid in wanted.values() if oid not in self._blobs})
        for oid, found in zip(missing, list(self.stream(missing)), strict=True):
            if found is None or found[1] != "blob":
                raise GitError(f"blob {oid.decode()} is missing")
            self._blobs[oid] = found[2]
        return Point(commit, {p: self._blobs[oid] for p, oid in wanted.items()}, _shared=shared)

    def light_points(self, commits: list[Commit], directory: str) -> list[Point]:
        """Points with their manifest and, instead of models.json, its catalog (id → name): one batch, streamed."""
        out: list[Point] = []
        catalogs = prices.CatalogNames()
        for commit, (manifest, models) in zip(commits, self.pairs(commits, directory), strict=True):
            if manifest is None and models is None:
                continue  # the snapshot is absent at this commit
            names = catalogs.names(models or b"")
            out.append(Point(commit, {"manifest.json": manifest} if manifest else {}, catalog=names))
        return out

    def pairs(self, commits: list[Commit], directory: str) -> Iterator[tuple[bytes | None, bytes | None]]:
        """Each commit's ``manifest.json`` and ``models.json`` (None where absent), streamed in one batch."""
        names = [f"{c.sha}:{directory}/{f}".encode() for c in commits for f in ("manifest.json", "models.json")]
        found = self.stream(names)
        for manifest, models in zip(found, found, strict=True):
            yield (
                manifest[2] if manifest and manifest[1] == "blob" else None,
                models[2] if models and models[1] == "blob" else None,
            )


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
            found = [repo.snapshot(c, directory, want=want, shared=shared) for c in commits]
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
        snaps = repo.light_points(between[:-1], directory)
        if between and (end := repo.snapshot(between[-1], directory, shared=shared)) is not None:
            snaps.append(end)
        if end_commit is not None and not worktree and (not between or between[-1].sha != end_commit.sha):
            last = repo.snapshot(end_commit, directory, shared=shared)
            if last is not None and (not snaps or snaps[-1].files != last.files):
                snaps.append(last)  # the end did not change the snapshot itself: only when it differs (merges)
        first = repo.snapshot(start_commit, directory, shared=shared) if start_commit else None
        if start_commit is not None and first is None:
            first = Point(start_commit, {})
        if worktree:
            snaps.append(worktree_snapshot(current or {}))
        return Window(first, snaps, repo.shallow)
