"""Where each page and file of the site lives, and the error a build raises when something cannot become one.

Upstream text never becomes a path: category and ordering pages come from validated slugs
(:func:`generator.slugs.validate_slug`), model pages from :func:`model_path`, an injective mapping of validated
model ids onto ``[a-z0-9._~-]`` path segments. The JSON API, the schemas and ``selection.json`` sit at the fixed
roots below. Nothing here reads or writes a file.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from pathlib import Path
from urllib.parse import quote

from generator import published
from generator.errors import EXIT_INVALID, OrsnapError
from generator.slugs import validate_slug

# Templates and static files ship inside the package (package data), so an installed orsnap builds the site
# from any directory; a regular install unpacks them, so the resource root is a real directory.
SITE_DIR = Path(str(importlib.resources.files("generator") / "web"))
API_ROOT = "api/v1/"
VALIDATION = f"{API_ROOT}validation.json"  # the last `orsnap verify` report, when the build was given one
SCHEMA_ROOT = "schema/v1/"
SELECTION = "selection.json"
OPENROUTER_MODEL_PAGE = "https://openrouter.ai/"
MODEL_ID = re.compile(published.MODEL_ID_PATTERN)
_SEGMENT_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_SEGMENT_OK = re.compile(r"^~?[a-z0-9_][a-z0-9._~-]*$")
MAX_SEGMENT = 200


class SiteError(OrsnapError):
    """The snapshot cannot be rendered (missing, invalid, or inconsistent with its manifest)."""

    exit_code = EXIT_INVALID
    prefix = "cannot build the site: "


def _segment(text: str) -> str:
    out = []
    for char in text:
        if char in _SEGMENT_KEEP:
            out.append(char)
        elif char == ":":
            out.append("~")
        else:  # A-Z and _ (the only other characters a valid id may hold)
            out.append(f"_{ord(char):02x}")
    segment = "".join(out)
    if len(segment) > MAX_SEGMENT:
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        segment = f"{segment[: MAX_SEGMENT - 19]}_h{digest}"
    return segment


def model_path(model_id: str) -> str:
    """The site path of a model page, e.g. ``models/openai/gpt-oss-20b~free/``.

    The id must be a valid OpenRouter model id (``published.MODEL_ID_PATTERN``): ``[~]author/slug[:variant]``
    of ``[A-Za-z0-9._-]`` characters. Each of the two parts becomes one path segment: lowercase letters,
    digits, ``.`` and ``-`` stay; ``:`` becomes ``~`` (which a slug never holds); the leading ``~`` of an
    alias author stays; any other character (upper-case letters, ``_``) becomes ``_`` and two hex digits.
    The mapping is injective and case-insensitive filesystems cannot merge two pages. A part longer than
    200 characters after escaping is shortened and ends with ``_h`` and 16 hex digits of its sha256.
    """
    if not isinstance(model_id, str) or len(model_id) > 200 or not MODEL_ID.fullmatch(model_id):
        shown = str(model_id)[:60].encode("unicode_escape").decode("ascii")
        raise SiteError(f"model id {shown!r} is not a valid OpenRouter id; it cannot become a page")
    author, slug = model_id.split("/", 1)
    alias = author.startswith("~")
    parts = [("~" if alias else "") + _segment(author.removeprefix("~")), _segment(slug)]
    for part in parts:  # second lock: whatever happens above, a segment is plain and never . or ..
        if not _SEGMENT_OK.fullmatch(part) or part in {".", ".."}:
            raise SiteError(f"model id {model_id!r} maps to an unsafe path segment {part!r}")
    return f"models/{parts[0]}/{parts[1]}/"


def category_path(slug: str) -> str:
    return f"categories/{validate_slug(slug)}/"


def ordering_path(slug: str) -> str:
    return f"orderings/{validate_slug(slug)}/"


def openrouter_url(model_id: str) -> str:
    if not MODEL_ID.fullmatch(model_id):
        raise SiteError(f"model id {model_id[:60]!r} is not a valid OpenRouter id")
    return OPENROUTER_MODEL_PAGE + quote(model_id, safe="/:~")
