"""Model pages: the description rendered from markdown safely (markdown-it-py, raw HTML off, http(s) links only),
a summary that never ends inside a link, the release date and the knowledge cutoff."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from generator import description, site, site_render, store, text

SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "v1"


def snapshot() -> site.Snapshot:
    return site.load(store.read_files(SNAPSHOT))


def test_real_descriptions_with_markdown_links_render_links_and_summaries_without_markdown() -> None:
    snap = snapshot()
    linked = [m for m_id, m in snap.models.items() if "](" in m.description and m_id in snap.appearances]
    assert linked, "the committed catalog has descriptions with markdown links"
    for model in linked:
        page = site_render.render_model(snap, model.id)
        summary = re.search(r'<p class="text summary">(.*?)</p>', page, re.S)
        if summary is not None:  # a long description: a plain-text summary, the full text on demand
            assert "](" not in summary.group(1) and not re.search(r"\[[^\]]*$", summary.group(1)), summary.group(1)
            full = page.split('<details class="description">')[1].split("</details>")[0]
        else:  # a short one: shown whole
            full = page.split('<div class="text summary">')[1].split("</div>")[0]
        links = re.findall(r'<a href="([^"]+)" rel="external nofollow noopener noreferrer">', full)
        assert links and all(u.startswith(("http://", "https://")) for u in links), model.id
        assert "](" not in re.sub(r"<code>.*?</code>", "", full, flags=re.S), model.id


def test_hostile_markdown_runs_no_html_no_script_link_and_no_image() -> None:
    text = (
        "Intro <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
        "![tracker](https://evil.example/p.png) [ok](https://example.org/a?b=1&c=2) [rel](//evil.example/x) "
        "[or](/anthropic/claude-opus-4.6)\n\n# Heading\n\nSecond \u202eparagraph\u200b."
    )
    html = str(description.to_html(text))
    assert "<script" not in html and "<img" not in html and "<h1" not in html
    assert "&lt;script&gt;" in html and "javascript:" not in html.replace("[click](javascript:alert(3))", "")
    assert re.findall(r'href="([^"]+)"', html) == [  # an image is at most a link: no request from the page
        "https://evil.example/p.png",
        "https://example.org/a?b=1&amp;c=2",
        "https://openrouter.ai/anthropic/claude-opus-4.6",
    ]
    assert "\u202e" not in html and "\u200b" not in html
    assert description.plain_text(text).startswith("Intro <script>alert(1)</script>")  # text, escaped on output


def test_the_summary_is_cut_as_text_never_inside_a_link() -> None:
    words = " ".join(["word"] * 40)
    source = f"{words} [Mixtral 8x22B Instruct with a long link text](https://mistral.ai/news/mixtral-8x22b/) more."
    summary = text.clean(description.plain_text(source), 220)
    assert summary.endswith("…") and "[" not in summary and "](" not in summary
    assert description.is_longer_than(source, summary)


def test_model_page_shows_release_date_and_knowledge_cutoff() -> None:
    snap = snapshot()
    with_cutoff = next(m for m_id, m in snap.models.items() if m.knowledge_cutoff and m_id in snap.appearances)
    without = next(m for m_id, m in snap.models.items() if not m.knowledge_cutoff and m_id in snap.appearances)
    for model in (with_cutoff, without):
        page = site_render.render_model(snap, model.id)
        released = datetime.fromtimestamp(model.created, tz=UTC).strftime("%Y-%m-%d")
        assert f'<p class="dates">Released {released} ' in page
        assert f"knowledge cutoff {model.knowledge_cutoff or 'not listed'}</p>" in page
    raw = json.loads((SNAPSHOT / "models.json").read_text())["models"]
    assert any(m["knowledge_cutoff"] is None for m in raw) and any(m["knowledge_cutoff"] for m in raw)
