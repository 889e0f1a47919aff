"""The one way to read a snapshot: its files (path → bytes) into the published pydantic models.

A :class:`Snapshot` wraps the files of one snapshot, from a directory (:meth:`Snapshot.from_dir`), from git
blobs (the path → bytes dicts :mod:`generator.history` yields) or from an update's in-memory files (with the
models it already built, so nothing is parsed back). Each file is parsed on first access and kept; the category
tree is walked in one place (:func:`walk`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator import published, store
from generator.errors import EXIT_INVALID, OrsnapError

M = TypeVar("M", bound=BaseModel)

CATALOG_FILE = "models.json"
CATEGORIES_FILE = "categories.json"
DIMENSIONS_FILE = "dimensions.json"
BENCHMARKS_FILE = "benchmarks.json"
MANIFEST_FILE = "manifest.json"
APPS_PREFIX = "apps/"


class SnapshotError(OrsnapError, ValueError):
    """A snapshot file that does not validate against its published model (exit 4)."""

    exit_code = EXIT_INVALID
    prefix = "invalid snapshot: "


def walk(nodes: list[published.CategoryNode]) -> Iterator[published.CategoryNode]:
    """Every node of a category tree, depth first in the listed order (the contract's)."""
    for node in nodes:
        yield node
        yield from walk(node.children)


class _File(Generic[M]):
    """A top-level file of a snapshot, read as an attribute: its published model, or None when the snapshot has
    no such file (``snap.catalog``)."""

    def __init__(self, path: str, model: type[M]) -> None:
        self.path = path
        self.model = model

    def __get__(self, snap: Snapshot, owner: type[Snapshot]) -> M | None:
        return snap.optional(self.path, self.model)


class Snapshot:
    """One snapshot's files, parsed into published models on first access (each file at most once)."""

    def __init__(self, files: Mapping[str, bytes], parsed: Mapping[str, BaseModel] | None = None) -> None:
        self.files = files
        self._parsed: dict[str, BaseModel] = dict(parsed or {})

    @classmethod
    def from_dir(cls, root: Path) -> Snapshot:
        """The snapshot under ``root`` (empty when ``root`` is absent)."""
        return cls(store.read_files(root))

    def __contains__(self, path: str) -> bool:
        return path in self.files

    def __bool__(self) -> bool:
        return bool(self.files)

    def doc(self, path: str, model: type[M]) -> M:
        """The file at ``path`` as ``model`` (parsed once; KeyError when the snapshot has no such file)."""
        found = self._parsed.get(path)
        if not isinstance(found, model):
            try:
                found = model.model_validate_json(self.files[path])
            except ValidationError as exc:
                first = exc.errors()[0]
                where = "/".join(str(p) for p in first["loc"])
                problems = f"{exc.error_count()} problem(s)"
                raise SnapshotError(f"{path}: /{where}: {first['msg'][:200]} ({problems})") from None
            self._parsed[path] = found
        return found

    def optional(self, path: str, model: type[M]) -> M | None:
        return self.doc(path, model) if path in self.files else None

    catalog = _File(CATALOG_FILE, published.Catalog)
    categories = _File(CATEGORIES_FILE, published.Categories)
    dimensions = _File(DIMENSIONS_FILE, published.Dimensions)
    benchmarks = _File(BENCHMARKS_FILE, published.Benchmarks)
    manifest = _File(MANIFEST_FILE, published.Manifest)

    @cached_property
    def ranking_paths(self) -> tuple[str, ...]:
        return tuple(sorted(p for p in self.files if store.is_ranking(p)))

    @property
    def rankings(self) -> dict[str, published.Ranking]:
        """Every ranking file (overall, category, dimension) by path, in path order."""
        return {p: self.doc(p, published.Ranking) for p in self.ranking_paths}

    @property
    def apps(self) -> dict[str, published.Apps]:
        """Every top-apps file by path, in path order."""
        return {p: self.doc(p, published.Apps) for p in sorted(self.files) if p.startswith(APPS_PREFIX)}

    def category_nodes(self) -> list[published.CategoryNode]:
        """The category tree's nodes, depth first (empty without a ``categories.json``)."""
        categories = self.categories
        return list(walk(categories.categories)) if categories is not None else []

    def category_slugs(self) -> list[str]:
        return [node.slug for node in self.category_nodes()]
