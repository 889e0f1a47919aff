"""Load orsnap's ``selection.json`` and pick a model for a request. Standard library only; copy this file anywhere.

    from selection_loader import load            # or: from generator.selection_loader import load
    selection = load("selection.json")           # a path, or an http(s):// or file:// URL
    choice = selection.pick("programming", "balanced", need_tools=True, min_context=100_000)
    choice.model, choice.fallbacks, choice.reason

``pick`` walks the tier's list in order (the primary, then its fallbacks) and returns the first model that meets the
constraints; when none does, it walks the same tier of the overall leaderboard; when nothing matches it raises
:class:`NoMatch`. Unknown categories and tiers raise :class:`UnknownName`, listing the known ones. A file whose
``schema_version`` has another major version than :data:`SUPPORTED_MAJOR` is refused (:class:`IncompatibleVersion`).
"""

from __future__ import annotations

import json
import os
import re

TYPE_CHECKING = False  # typing, dataclasses and pathlib are left out: importing this module stays fast
if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Any, TypedDict, Unpack

    class Constraints(TypedDict, total=False):
        """What ``pick`` and ``capability`` accept besides the name and tier (see ``Selection._walk``)."""

        need_tools: bool
        min_context: int
        exclude: Collection[str]
        allow_free: bool


__all__ = [
    "SUPPORTED_MAJOR",
    "Choice",
    "IncompatibleVersion",
    "NoMatch",
    "Selection",
    "SelectionError",
    "UnknownName",
    "load",
    "loads",
]

SUPPORTED_MAJOR = 1
MAX_BYTES = 8 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
OVERALL = "overall"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_VERSION = re.compile(r"^(\d+)\.\d+\.\d+")


class SelectionError(Exception):
    """Base class: a selection file that cannot be used, or a request it cannot serve."""


class IncompatibleVersion(SelectionError):
    """The file's ``schema_version`` major differs from the one this loader understands."""


class UnknownName(SelectionError, LookupError):
    """An unknown category, capability or tier. The message lists the known names."""

    def __str__(self) -> str:  # LookupError would show repr() of the message
        return str(self.args[0]) if self.args else ""


class NoMatch(SelectionError, LookupError):
    """No model in the tier (nor in the overall leaderboard's tier) meets the constraints."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Choice:
    """The model to use, where it came from, and the fallbacks that meet the same constraints, in order.

    ``position`` is 0 for the tier's primary and n for its n-th fallback; ``evidence`` is the pick as the file
    has it (rank, share, benchmark, prices per million tokens, context length, tool support, …).
    """

    __slots__ = ("category", "evidence", "fallbacks", "model", "position", "reason", "tier")

    def __init__(
        self,
        model: str,
        category: str,
        tier: str,
        position: int,
        reason: str,
        fallbacks: tuple[str, ...],
        evidence: dict[str, Any],
    ) -> None:
        self.model = model
        self.category = category
        self.tier = tier
        self.position = position
        self.reason = reason
        self.fallbacks = fallbacks
        self.evidence = evidence

    def __repr__(self) -> str:
        return (
            f"Choice(model={self.model!r}, category={self.category!r}, tier={self.tier!r}, "
            f"position={self.position}, fallbacks={self.fallbacks!r})"
        )

    def __str__(self) -> str:
        return self.model


def _read(source: str | os.PathLike[str]) -> bytes:
    text = os.fspath(source)
    if _URL.match(text):
        scheme = text.split(":", 1)[0].lower()
        if scheme not in ("http", "https", "file"):
            raise SelectionError(f"cannot load {text[:100]!r}: only http, https and file URLs are supported")
        import urllib.request  # imported only when needed: it is slow to import

        with urllib.request.urlopen(text, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked)
            data = response.read(MAX_BYTES + 1)
    else:
        with open(text, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SelectionError(f"{text[:100]}: larger than {MAX_BYTES} bytes; not a selection file")
    return data


def load(source: str | os.PathLike[str]) -> Selection:
    """Load a selection file from a path or an http(s)/file URL."""
    try:
        return loads(_read(source))
    except SelectionError as exc:
        raise type(exc)(f"{os.fspath(source)[:200]}: {exc}") from None


def loads(data: bytes | str) -> Selection:
    """A :class:`Selection` from the bytes (or text) of a selection file."""
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise SelectionError(f"not JSON: {exc}") from None
    return Selection(document)


class Selection:
    """A loaded ``selection.json``: categories, the overall leaderboard and capabilities, each with tiers."""

    def __init__(self, document: Any) -> None:
        if not isinstance(document, dict):
            raise SelectionError("not a selection file (expected a JSON object)")
        version = document.get("schema_version")
        match = _VERSION.match(version) if isinstance(version, str) else None
        if match is None:
            raise SelectionError(f"not a selection file (schema_version is {version!r})")
        if int(match.group(1)) != SUPPORTED_MAJOR:
            raise IncompatibleVersion(
                f"schema_version {version} is not supported: this loader reads major version {SUPPORTED_MAJOR} "
                f"(use a loader made for version {match.group(1)}.x)"
            )
        try:
            self.categories: dict[str, dict[str, Any]] = {c["slug"]: c for c in document["categories"]}
            self.categories.setdefault(OVERALL, document["overall"])
            self.capabilities: dict[str, dict[str, Any]] = {c["slug"]: c for c in document["capabilities"]}
            self.tiers: tuple[str, ...] = tuple(document["overall"]["tiers"])
        except (KeyError, TypeError) as exc:
            raise SelectionError(f"not a selection file (missing or malformed {exc})") from None
        self.document = document
        self.schema_version: str = version
        self.as_of: str = document.get("as_of", "")

    def __repr__(self) -> str:
        return f"<Selection {self.schema_version} as of {self.as_of}: {len(self.categories)} categories>"

    def pick(self, category: str, tier: str = "high_accuracy", **constraints: Unpack[Constraints]) -> Choice:
        """The first model of ``category``'s ``tier`` meeting the constraints, then of the overall leaderboard's.

        Constraints (keywords): ``need_tools=False``, ``min_context=0``, ``exclude=()`` (model ids never chosen),
        ``allow_free=True``."""
        if category not in self.categories:
            raise UnknownName(f"unknown category {category!r}; known: {', '.join(sorted(self.categories))}")
        chain = [(category, self.categories[category])]
        if category != OVERALL:
            chain.append((OVERALL, self.categories[OVERALL]))
        return self._walk(chain, tier, **constraints)

    def capability(self, name: str, tier: str = "high_accuracy", **constraints: Unpack[Constraints]) -> Choice:
        """Like :meth:`pick`, for a capability list (e.g. ``tool-use``, ``vision``, ``long-context``)."""
        if name not in self.capabilities:
            raise UnknownName(f"unknown capability {name!r}; known: {', '.join(sorted(self.capabilities)) or 'none'}")
        return self._walk([(name, self.capabilities[name])], tier, **constraints)

    def _walk(
        self,
        chain: list[tuple[str, dict[str, Any]]],
        tier: str,
        *,
        need_tools: bool = False,
        min_context: int = 0,
        exclude: Collection[str] = (),
        allow_free: bool = True,
    ) -> Choice:
        if tier not in self.tiers:
            raise UnknownName(f"unknown tier {tier!r}; known: {', '.join(self.tiers)}")
        excluded = frozenset(exclude)
        found: list[tuple[str, int, dict[str, Any]]] = []
        seen: set[str] = set()
        for name, choice in chain:
            for position, entry in enumerate(choice["tiers"].get(tier, ())):
                model = entry["model_id"]
                if (
                    model in seen
                    or model in excluded
                    or (need_tools and not entry.get("tools"))
                    or (entry.get("context_length") or 0) < min_context
                    or (not allow_free and entry.get("free"))
                ):
                    continue
                seen.add(model)
                found.append((name, position, entry))
        if not found:
            wanted = [f"tier {tier}"]
            if need_tools:
                wanted.append("tool support")
            if min_context:
                wanted.append(f"context ≥ {min_context}")
            if excluded:
                wanted.append(f"excluding {len(excluded)} model(s)")
            if not allow_free:
                wanted.append("no free models")
            where = " or ".join(name for name, _ in chain)
            raise NoMatch(f"no model in {where} meets: {', '.join(wanted)}")
        name, position, entry = found[0]
        return Choice(
            model=entry["model_id"],
            category=name,
            tier=tier,
            position=position,
            reason=entry.get("reason", ""),
            fallbacks=tuple(e["model_id"] for _, _, e in found[1:]),
            evidence=entry,
        )
