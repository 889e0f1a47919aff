"""Charts (generator/charts.py) and the pages that show them: server-rendered SVG with a text fallback, escaped,
deterministic, captioned with their provenance; absent keyless data is said, never drawn as an empty chart."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator import charts, published, site, site_render, store
from generator.replay import ReplayServer
from generator.update import Options, update

from .conftest import FIXTURES, ROOT
from .test_site import build_site, parse_html

SNAPSHOT = ROOT / "snapshots" / "v1"
PLOT_H = charts.HEIGHT - charts.TOP - charts.BOTTOM


def committed(path: str, model: type[published.BaseModel]) -> published.BaseModel:
    return model.model_validate_json((SNAPSHOT / path).read_bytes())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(SNAPSHOT, tmp_path_factory.mktemp("site") / "_site")


def columns(svg: str) -> dict[str, float]:
    """Height of each column's stacked segments, by the week named in their <title>."""
    out: dict[str, float] = {}
    for height, week in re.findall(r'height="([0-9.]+)"><title>[^<]*, week of (\d{4}-\d{2}-\d{2}):', svg):
        out[week] = out.get(week, 0.0) + float(height)
    return out


def test_history_chart_stacks_each_week_to_the_whole_and_names_its_figures() -> None:
    history = committed("rankings/history/category/legal.json", published.History)  # eight constructed weeks
    assert isinstance(history, published.History)
    html = str(charts.history_chart(history, {}))
    assert html.count("<svg") == 1 and 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    heights = columns(html)
    assert sorted(heights) == [b.date for b in history.buckets]
    assert all(abs(h - PLOT_H) < 0.1 * len(history.buckets[0].rows) for h in heights.values())
    # the table fallback holds every week and, for the largest model of the last week, its exact share
    last = history.buckets[-1]
    top = last.rows[0]
    share = Decimal(top.tokens) / Decimal(last.total) * 100
    assert all(f'<th scope="row">{b.date}</th>' in html for b in history.buckets)
    assert f"{share.quantize(Decimal('0.1'))}%" in html
    assert history.source.provenance == "constructed"
    assert "Constructed demo data" in html  # a constructed history: its caption says so


def test_constructed_data_says_so_in_the_caption(built: Path) -> None:
    page = (built / "categories" / "legal" / "index.html").read_text()
    figure = page[page.index('<figure class="chart-fig">') : page.index("</figure>")]
    assert "Constructed demo data" in figure
    home = (built / "index.html").read_text()
    figure = home[home.index('<figure class="chart-fig">') : home.index("</figure>")]
    assert "Constructed demo data" not in figure  # the overall history is the real week alone (derived)


def test_upstream_text_in_a_chart_is_escaped() -> None:
    history = committed("rankings/history/overall.json", published.History)
    assert isinstance(history, published.History)
    evil = history.model_copy(deep=True)
    evil.buckets[-1].rows[0].permaslug = 'x/<script>alert(1)</script>"'
    evil.buckets[-1].rows[0].model_id = None
    html = str(charts.history_chart(evil, {}))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_same_data_gives_the_same_bytes() -> None:
    authors = committed("rankings/authors.json", published.Authors)
    assert isinstance(authors, published.Authors)
    assert str(charts.authors_chart(authors)) == str(charts.authors_chart(authors))


def test_home_category_market_share_and_trending_pages_show_their_charts(built: Path) -> None:
    home = (built / "index.html").read_text()
    overall = committed("rankings/overall.json", published.Ranking)
    assert isinstance(overall, published.Ranking)
    has_shares = any(e.share for e in overall.entries)  # the demo week has no `other` row, so no shares
    assert home.count('<svg class="chart"') == 1 and ('class="sharebar"' in home) == has_shares
    for node in ("programming", "marketing/seo"):  # token share over time, then market share by author
        assert (built / "categories" / node / "index.html").read_text().count('<svg class="chart"') == 2
    market = (built / "market-share" / "index.html").read_text()
    tree = store.read_files(SNAPSHOT)
    authors_files = [p for p in tree if p == "rankings/authors.json" or p.startswith("rankings/authors/")]
    assert market.count('<svg class="chart"') == 1  # overall; each category's chart is on its page
    assert market.count("<table>") == len(authors_files) + 1 == 14  # a table per file, plus the chart's own
    trending = (built / "trending" / "index.html").read_text()
    top = committed("rankings/trending.json", published.Trending)
    assert isinstance(top, published.Trending)
    assert not top.entries and "the history has no previous week" in trending  # the real week stands alone
    legal = committed("rankings/trending/category/legal.json", published.Trending)  # constructed: eight weeks
    assert isinstance(legal, published.Trending)
    assert legal.entries and all(f"+{e.growth_pct}%" in trending for e in legal.entries[:10] if e.growth_pct)
    for page in (home, market, trending):
        assert 'href="market-share/"' in page or 'href="../market-share/"' in page
    assert "style=" not in home and "style=" not in market  # the CSP forbids inline styles
    apps = (built / "apps" / "index.html").read_text()
    files = [p for p in tree if p.startswith("apps/")]
    assert apps.count("<table>") == len(files) == 6 and "Source: OpenRouter (openrouter.ai/apps)" in apps
    assert apps.count("Constructed demo data") == 5  # trending and the four groups; popular is recorded


def test_keyless_pages_say_what_is_missing_instead_of_empty_charts(tmp_path: Path) -> None:
    with ReplayServer(FIXTURES) as server:
        update(
            Options(
                snapshots=tmp_path / "snap",
                api_base=f"{server.url}/api/v1",
                contract_url=f"{server.url}/openapi.json",
                api_key=None,
            )
        )
    site = build_site(tmp_path / "snap" / "v1", tmp_path / "_site")
    home = (site / "index.html").read_text()
    assert '<svg class="chart"' not in home and "No token history in this snapshot" in home
    assert "No market share by author in this snapshot" in (site / "market-share" / "index.html").read_text()
    assert "No trending in this snapshot" in (site / "trending" / "index.html").read_text()
    assert "No top apps in this snapshot" in (site / "apps" / "index.html").read_text()
    assert parse_html(home).rows  # the leaderboard is still there


def test_share_bars_scale_to_the_leader_when_the_ranking_has_shares() -> None:
    """A ranking with shares (a week with an `other` row) gets a bar per row, the leader's full width."""
    snap = site.load(store.read_files(SNAPSHOT))
    total = sum(Decimal(e.value or 0) for e in snap.overall.entries) * 2  # as if `other` held the other half
    for e in snap.overall.entries:
        e.share = str((Decimal(e.value or 0) / total).quantize(Decimal("0.000001")))
    html = site_render.render_home(snap)
    widths = [float(w) for w in re.findall(r'<svg class="sharebar"[^>]*><rect width="([0-9.]+)"', html)]
    assert len(widths) == len(snap.overall.entries) and max(widths) == 100.0
    leader = max(Decimal(e.share or 0) for e in snap.overall.entries)
    assert widths == [
        float((Decimal(e.share or 0) / leader * 100).quantize(Decimal("0.01"))) for e in snap.overall.entries
    ]


def test_upstream_text_in_a_model_usage_line_is_escaped() -> None:
    history = committed("rankings/history/overall.json", published.History)
    assert isinstance(history, published.History)
    row = next(r for r in history.buckets[-1].rows if r.model_id)
    evil = history.model_copy(deep=True)
    evil.label = "overall <img src=x onerror=alert(1)>"
    evil.attribution = 'Source: <a href="https://evil.example">x</a>'
    html = str(charts.usage_line(evil, row.model_id, 'Name <script>alert(1)</script>"'))
    assert "<script>" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html and "&lt;a href=" in html
