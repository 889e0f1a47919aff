"""A git repository's commits, trees and blobs, read through one long-lived ``git cat-file --batch`` process.

:class:`Repo` lists commits with ``git log`` and reads objects through the batch process, caching trees and
blobs by object id, so a file that did not change between commits is read once; many objects are streamed in
one round trip (:meth:`Repo.stream`), each yielded as it arrives. :mod:`generator.history` builds the snapshot
history on it. Nothing here writes to the repository.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

from generator.errors import EXIT_USAGE, OrsnapError

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

    def blobs(self, oids: list[bytes]) -> dict[bytes, bytes]:
        """Blob id → content of every blob read so far, those of ``oids`` not read yet read in one round trip."""
        missing = sorted({oid for oid in oids if oid not in self._blobs})
        for oid, found in zip(missing, list(self.stream(missing)), strict=True):
            if found is None or found[1] != "blob":
                raise GitError(f"blob {oid.decode()} is missing")
            self._blobs[oid] = found[2]
        return self._blobs

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

    def pairs(self, commits: list[Commit], directory: str) -> Iterator[tuple[bytes | None, bytes | None]]:
        """Each commit's ``manifest.json`` and ``models.json`` (None where absent), streamed in one batch."""
        names = [f"{c.sha}:{directory}/{f}".encode() for c in commits for f in ("manifest.json", "models.json")]
        found = self.stream(names)
        for manifest, models in zip(found, found, strict=True):
            yield (
                manifest[2] if manifest and manifest[1] == "blob" else None,
                models[2] if models and models[1] == "blob" else None,
            )
