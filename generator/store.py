"""The snapshot on disk: canonical JSON, manifest with sha256 per file, validation, and the atomic swap.

Nothing here talks HTTP. Writing is all-or-nothing: the new snapshot is built in a temporary directory
beside the old one, validated against the JSON Schemas, then exchanged with it in one ``renameat2``
(``RENAME_EXCHANGE``) call where the kernel offers it, else by two renames with recovery on the next run.
A run that fails at any point leaves the previous snapshot byte-identical.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import functools
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator import published

if TYPE_CHECKING:
    import jsonschema
from generator.errors import EXIT_SOURCE, OrsnapError

VOLATILE_KEYS = frozenset({"as_of", "attribution", "sources_as_of", "sha256", "bytes"})
SCHEMA_FOR_TOP_LEVEL = {
    "manifest.json": "manifest",
    "categories.json": "categories",
    "dimensions.json": "dimensions",
    "models.json": "models",
    "benchmarks.json": "benchmarks",
    "selection.json": "selection",
}
MAX_FILE_BYTES = 20 * 1024 * 1024


# The bytes of ``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)``: one encoder
# (it keeps no state between calls), whose output is taken piece by piece (see canonical_json).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
_BATCH = 4096  # encoder pieces joined and encoded to UTF-8 at a time


def canonical_json(data: Any) -> bytes:
    """UTF-8, sorted keys, 2-space indent, trailing newline: the same data always gives the same bytes.

    The same bytes as ``json.dumps(…, indent=2, sort_keys=True) + "\\n"``, but the encoder's pieces are turned
    into UTF-8 a batch at a time, instead of all kept as small strings and joined at the end (for a large
    ``models.json`` that list alone was several times the file's size).
    """
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    out: list[bytes] = []
    batch: list[str] = []
    for piece in _CANONICAL.iterencode(data):
        batch.append(piece)
        if len(batch) >= _BATCH:
            out.append("".join(batch).encode())
            batch.clear()
    batch.append("\n")
    out.append("".join(batch).encode())
    return b"".join(out)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Series derived from the keyed history (issue 13): under `rankings/`, but not ranking files.
SERIES_SCHEMAS = (("rankings/history/", "history"), ("rankings/authors", "authors"), ("rankings/trending", "trending"))


def series_schema(path: str) -> str | None:
    """The schema of a history, authors or trending file; None for any other path."""
    return next((name for prefix, name in SERIES_SCHEMAS if path.startswith(prefix)), None)


def is_ranking(path: str) -> bool:
    """True for a ranking file (`rankings/overall.json`, `rankings/category/…`, `rankings/dimension/…`)."""
    return path.startswith("rankings/") and series_schema(path) is None


def schema_name_for(path: str) -> str | None:
    """Which published schema a snapshot file must satisfy."""
    if path.startswith("rankings/"):
        return series_schema(path) or "ranking"
    if path.startswith("apps/"):
        return "apps"
    if path.startswith("providers/"):
        return "providers"
    return SCHEMA_FOR_TOP_LEVEL.get(path)


def _strip_volatile(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_volatile(v) for k, v in data.items() if k not in VOLATILE_KEYS}
    if isinstance(data, list):
        return [_strip_volatile(v) for v in data]
    return data


def _compact_json(data: Any) -> bytes:
    """Sorted keys, no whitespace: deterministic like canonical_json, and made by json's C encoder (which the
    indented form cannot use), for digests that are compared within a run and never written."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def content_digest(files: dict[str, bytes]) -> str:
    """A digest of what the files *say*, ignoring timestamps and digests derived from them.

    Two runs over unchanged data differ only in ``as_of``; this digest is equal for them, so the second run
    writes nothing.
    """
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode() + b"\0")
        h.update(_compact_json(_strip_volatile(json.loads(files[path]))))
    return h.hexdigest()


def build_manifest_files(manifest: published.Manifest, files: dict[str, bytes]) -> dict[str, bytes]:
    """Add ``manifest.json`` (listing every other file with its sha256) to ``files``."""
    entries = []
    for path in sorted(files):
        data = json.loads(files[path])
        count = None
        if isinstance(data, dict):
            for key in ("entries", "models", "dimensions", "categories"):
                if isinstance(data.get(key), list):
                    count = len(data[key])
                    break
        entries.append(
            published.FileEntry(path=path, sha256=sha256(files[path]), bytes=len(files[path]), entries=count)
        )
    manifest.files = entries
    return {**files, "manifest.json": canonical_json(manifest)}


def read_files(root: Path) -> dict[str, bytes]:
    """Every ``*.json`` under ``root`` as bytes, keyed by relative POSIX path (empty when ``root`` is absent)."""
    if not root.is_dir():
        return {}
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*.json")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


@dataclass(frozen=True)
class Problem:
    """A validation problem: the file, the JSON pointer inside it, and what is wrong, in words."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.pointer or '/'}: {self.message}"


@functools.cache
def _validators() -> dict[str, jsonschema.protocols.Validator]:
    import jsonschema  # on first use: `orsnap validate` needs it only to word the problems it found

    from generator.schema import all_schemas

    return {name: jsonschema.Draft202012Validator(schema) for name, schema in all_schemas().items()}


@functools.cache
def _fast_validators() -> dict[str, Any]:
    import jsonschema_rs

    from generator.schema import all_schemas

    return {name: jsonschema_rs.Draft202012Validator(schema) for name, schema in all_schemas().items()}


def encode_checked(path: str, doc: BaseModel) -> tuple[bytes, list[Problem]]:
    """``doc`` as the canonical bytes of the file at ``path``, and its problems against that file's schema (the
    fast validator), checked on the data the bytes were encoded from rather than on the bytes parsed back."""
    data = doc.model_dump(mode="json")
    return canonical_json(data), schema_problems(path, b"", fast=True, parsed=data)


def schema_problems(
    path: str,
    data: bytes,
    schemas: dict[str, dict[str, Any]] | None = None,
    *,
    fast: bool = False,
    parsed: Any = None,
) -> list[Problem]:
    """Problems of one snapshot file against the schema its path calls for (empty when it is valid).

    ``fast`` uses jsonschema-rs (the same Draft 2020-12 rules, compiled; ~30× faster) for the check every update
    makes before it swaps; ``orsnap validate`` uses ``jsonschema``, whose messages read better. ``parsed``: the
    file's data when the caller has it (``data`` is then not parsed).
    """
    name = schema_name_for(path)
    if fast and schemas is None:
        validators: dict[str, Any] = _fast_validators()
    elif schemas is None:
        validators = _validators()
    else:
        import jsonschema

        validators = {n: jsonschema.Draft202012Validator(s) for n, s in schemas.items()}
    if name is None or name not in validators:
        return [Problem(path, "", "unexpected file (no schema describes it)")]
    try:
        doc = json.loads(data) if parsed is None else parsed
    except ValueError as exc:
        return [Problem(path, "", f"not valid JSON: {exc}")]
    errors = [
        ("".join(f"/{p}" for p in _path_of(error)), error.message[:300]) for error in validators[name].iter_errors(doc)
    ]
    return [Problem(path, pointer, message) for pointer, message in sorted(errors)]


def _path_of(error: Any) -> list[Any]:
    return list(getattr(error, "instance_path", None) or getattr(error, "absolute_path", []))


def validate_files(
    files: dict[str, bytes],
    schemas: dict[str, dict[str, Any]] | None = None,
    *,
    checked: frozenset[str] = frozenset(),
    fast: bool = False,
) -> list[Problem]:
    """Validate a snapshot (relative path → bytes) against the schemas and its own manifest.

    ``checked``: files whose schema problems were already collected with :func:`schema_problems` (the update
    validates each file as it is produced, while later requests are still in flight).
    """
    problems: list[Problem] = []
    for path in sorted(files):
        if path not in checked:
            problems += schema_problems(path, files[path], schemas, fast=fast)
    manifest_bytes = files.get("manifest.json")
    if manifest_bytes is None:
        problems.append(Problem("manifest.json", "", "missing"))
        return problems
    try:
        listed = {f["path"]: f for f in json.loads(manifest_bytes).get("files", [])}
    except (ValueError, AttributeError, TypeError, KeyError):
        return problems
    for path in sorted(set(files) - {"manifest.json"} - set(listed)):
        problems.append(Problem(path, "", "not listed in manifest.json"))
    for path, entry in sorted(listed.items()):
        if path not in files:
            problems.append(Problem("manifest.json", "/files", f"lists {path}, which does not exist"))
        elif entry.get("sha256") != sha256(files[path]):
            problems.append(Problem(path, "", "sha256 differs from manifest.json"))
    return problems


# --- the lock ----------------------------------------------------------------------------------------------


class Locked(OrsnapError):
    """Another run holds the snapshot directory's lock for longer than we may wait."""

    exit_code = EXIT_SOURCE
    prefix = "snapshot locked: "

    def __init__(self, lock: Path, holder: str, waited: float) -> None:
        who = f"PID {holder}" if holder else "a process whose PID is not recorded"
        super().__init__(f"{lock}: held by {who}; gave up after waiting {waited:g} s (--lock-wait)")
        self.holder = holder


def lock_path(target: Path) -> Path:
    """The lock file beside ``target`` (``snapshots/.v1.lock``): ignored by git, never part of the snapshot."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(target: Path, wait: float, *, poll: float = 0.05) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the lock file beside ``target`` for the block, waiting at most ``wait`` s.

    Every run that reads the previous snapshot and may replace it holds it from the first read to the swap, so
    two overlapping runs never touch each other's staging directory and ``v1`` is always whole. The holder's
    PID is written into the file while it holds the lock (and cleared when it lets go); the kernel drops the
    lock when the process dies, so a killed run never leaves a stale one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    raise Locked(path, holder if holder.isdigit() else "", wait) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- atomic swap -----------------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE). False when the platform cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def recover(target: Path) -> None:
    """Finish or undo a swap a killed run left half-done (only the two-rename fallback can leave one)."""
    backup = target.with_name(f".{target.name}.old")
    if backup.is_dir():
        if not target.exists():
            backup.rename(target)
        else:
            shutil.rmtree(backup)
    for stale in target.parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextlib.contextmanager
def _interrupt_held() -> Iterator[list[int]]:
    """Hold back SIGINT for the block: the caller checks the returned list (non-empty: Ctrl-C was pressed) at
    the one point where stopping is still clean, and past it finishes what it started. Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def write_atomic(target: Path, files: dict[str, bytes]) -> None:
    """Replace the directory ``target`` with exactly ``files``, all at once, or not at all.

    Ctrl-C (SIGINT) while the files are written stops the run before the swap, leaving ``target`` as it was;
    once the swap has begun it is finished, and the run ends normally with its result.
    """
    with _interrupt_held() as pressed:
        _write_atomic(target, files, pressed)


def _write_atomic(target: Path, files: dict[str, bytes], pressed: list[int]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent)).resolve()
    staging.chmod(0o755)  # mkdtemp makes it private; the snapshot is public data
    try:
        for rel, data in files.items():
            path = staging / rel
            if staging not in path.resolve().parents:  # second lock: paths come from validated slugs
                raise ValueError(f"refusing to write outside the snapshot: {rel!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _fsync_tree(staging)
        if pressed:
            raise KeyboardInterrupt  # before the swap: stopping now leaves the previous snapshot untouched
        if target.exists():
            if not _exchange(staging, target):
                backup = target.with_name(f".{target.name}.old")
                target.rename(backup)
                staging.rename(target)
                shutil.rmtree(backup)
                return
        else:
            staging.rename(target)
            return
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging)  # after the exchange, staging holds the old snapshot
