"""Validated slugs: the only strings that may ever become part of a file path.

Upstream text is untrusted. A category or ordering slug from OpenRouter becomes a path such as
``rankings/category/marketing/seo.json`` only after :func:`validate_slug` has accepted it: one or more
``[a-z0-9-]+`` segments joined by single ``/``, no empty, ``.`` or ``..`` segments, no leading ``/``,
no Windows device names, bounded length.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.errors import EXIT_INVALID, OrsnapError

SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 100
MAX_DEPTH = 4
# Names that are special on Windows whatever the extension; refusing them keeps a clone portable.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class SlugError(OrsnapError, ValueError):
    """An upstream string that cannot be used as a slug (and so never as a path)."""

    exit_code = EXIT_INVALID
    prefix = "invalid data: "


def validate_slug(slug: object) -> str:
    """Return ``slug`` unchanged if it is safe to use in a path, else raise :class:`SlugError`."""
    if not isinstance(slug, str):
        raise SlugError(f"slug must be a string, got {type(slug).__name__}")
    shown = slug[:60].encode("unicode_escape").decode("ascii")
    if not slug or len(slug) > MAX_SLUG_LENGTH:
        raise SlugError(f"slug {shown!r} must be 1..{MAX_SLUG_LENGTH} characters")
    segments = slug.split("/")
    if len(segments) > MAX_DEPTH:
        raise SlugError(f"slug {shown!r} is nested deeper than {MAX_DEPTH} levels")
    for segment in segments:
        if not SEGMENT.fullmatch(segment):
            raise SlugError(f"slug {shown!r} has an invalid segment {segment[:30]!r} (allowed: [a-z0-9-]+)")
        if segment in _RESERVED:
            raise SlugError(f"slug {shown!r} uses the reserved name {segment!r}")
    return slug


def parent_of(slug: str) -> str | None:
    """``marketing/seo`` → ``marketing``; a top-level slug has no parent."""
    head, sep, _ = validate_slug(slug).rpartition("/")
    return head if sep else None


def slug_from_value(name: str, value: str) -> str:
    """Slug for a filter value such as ``context_bucket=1K`` → ``context-bucket-1k``; validated."""
    raw = f"{name}-{value}".lower().replace("_", "-")
    return validate_slug(raw)


def slug_path(root: PurePosixPath, slug: str, suffix: str = ".json") -> PurePosixPath:
    """The relative path for ``slug`` under ``root``; never escapes ``root``."""
    path = root.joinpath(*validate_slug(slug).split("/"))
    path = path.with_name(path.name + suffix)
    if ".." in path.parts or path.is_absolute():  # unreachable after validation; kept as a second lock
        raise SlugError(f"slug {slug!r} escapes {root}")
    return path


def label_for(slug: str) -> str:
    """A readable label from a slug's last segment: ``marketing/seo`` → ``SEO``, ``top-weekly`` → ``Top weekly``.

    Short all-letter words (≤ 3 letters, e.g. ``seo``) are treated as acronyms.
    """
    last = validate_slug(slug).rsplit("/", 1)[-1]
    words = last.split("-")
    if len(words) == 1 and len(last) <= 3 and last.isalpha():
        return last.upper()
    text = " ".join(words)
    return text[:1].upper() + text[1:]
