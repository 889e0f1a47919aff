"""A model's description (upstream markdown, untrusted) rendered safely for its page.

markdown-it-py (CommonMark) does the parsing, with raw HTML off (``html: False``: any tag is shown as text),
images and headings off (an image would be a request to a third party; a heading would break the page's
outline), and links kept only for ``http:`` and ``https:`` URLs (any other link stays as its text; a
relative link such as ``/anthropic/claude-opus-4.6`` or ``moonshotai/kimi-k2`` is OpenRouter's own and points
to openrouter.ai).
Every link leaves the site with ``rel="external nofollow noopener noreferrer"``. Hidden characters (bidi
overrides, zero-width characters) are removed first, as for every upstream string (:func:`generator.text.clean`).

The summary shown above the full text is plain text: the words of the first paragraph, with a link's text in
place of the link, so that a cut can never fall inside markdown syntax (``[Mixtral…``).
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

OPENROUTER = "https://openrouter.ai"  # where a description's site-relative links point (it is OpenRouter's text)
SOURCE_CAP = 20_000  # characters of markdown read; a description longer than this is cut at a paragraph break
_HIDDEN = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _safe_link(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "heading", "lheading", "html_block", "html_inline"])
    plain_normalize = md.normalizeLink

    def normalize(url: str) -> str:  # OpenRouter's own links are relative ("/anthropic/claude-opus-4.6")
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        if not parts.scheme and not parts.netloc:
            url = urljoin(OPENROUTER + "/", url)
        return str(plain_normalize(url))

    md.normalizeLink = normalize  # type: ignore[method-assign]  # markdown-it's documented hooks
    md.validateLink = _safe_link  # type: ignore[method-assign]

    def link_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        tokens[idx].attrSet("rel", "external nofollow noopener noreferrer")
        return str(renderer.renderToken(tokens, idx, options, env))

    md.add_render_rule("link_open", link_open)
    return md


def _source(text: object) -> str:
    raw = _HIDDEN.sub("", str(text or ""))
    if len(raw) <= SOURCE_CAP:
        return raw
    cut = raw[:SOURCE_CAP]
    brk = cut.rfind("\n\n")
    return (cut[:brk] if brk > SOURCE_CAP // 2 else cut).rstrip() + "\n\n…"


def to_html(text: object) -> Markup:
    """The description as HTML: escaped text, paragraphs, lists, emphasis, code and http(s) links only."""
    return Markup(_parser().render(_source(text)))  # noqa: S704  # markdown-it escapes all text; html is off


def plain_text(text: object) -> str:
    """The first paragraph as plain text (a link's text in place of the link; markup removed)."""
    for token in _parser().parse(_source(text)):
        if token.type == "inline" and token.children is not None:
            words = []
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            out = " ".join("".join(words).split())
            if out:
                return out
    return ""


def is_longer_than(text: object, summary: str) -> bool:
    """Whether the full description says more than its summary (more paragraphs, or a longer first one)."""
    blocks = [t for t in _parser().parse(_source(text)) if t.type == "inline"]
    return len(blocks) > 1 or summary.endswith("…") or plain_text(text) != summary
