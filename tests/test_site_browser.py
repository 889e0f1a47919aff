"""The site in a real browser: Debian's headless Chromium, driven by playwright, against `orsnap serve`.

Every request the browser makes is recorded; only 127.0.0.1 may be asked. Screenshots go to the test's tmp dir.
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator import numbers, site_paths, text

from .conftest import ROOT, require
from .test_site import FIXED, SNAPSHOT, build_site, hostile_snapshot

pytestmark = pytest.mark.slow  # a real chromium: `scripts/test -m "not slow"` leaves it out

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Served:
    """`orsnap serve` as a real subprocess on 127.0.0.1 with a free port."""

    def __init__(self, out: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--out", str(out), "--port", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 20
        line = ""
        while time.monotonic() < deadline and not line:
            ready, _, _ = select.select([self.proc.stderr], [], [], 0.2)
            if ready:
                line = self.proc.stderr.readline()
                if not line:
                    break
        match = re.search(r"on (http://127\.0\.0\.1:\d+/)", line)
        if not match:
            self.stop()
            raise AssertionError(f"orsnap serve did not start: {line!r}")
        self.url = match.group(1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.proc.stderr:
            self.proc.stderr.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # scripts/test installs it when run as root; otherwise this is the one command to run.
    require(CHROMIUM.exists(), "Debian's chromium (/usr/bin/chromium)", "sudo apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(build_site(SNAPSHOT, tmp_path_factory.mktemp("site") / "_site"))
    yield server
    server.stop()


class Watch:
    """Everything a page asked for and complained about."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None
        )
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def foreign_hosts(self) -> set[str]:
        return {urlsplit(u).hostname or u for u in self.requests} - {"127.0.0.1"}


def table_rows(page: Page, table: str = "table#ranking") -> list[tuple[str, str]]:
    """(model id, or the permaslug of a row not in the catalog; rank) of every row, in the order shown."""
    return page.eval_on_selector_all(
        f"{table} tbody tr",
        "rows => rows.map(r => [r.dataset.model || r.dataset.permaslug, r.cells[0].textContent.trim()])",
    )


def every_row(ranking: dict) -> list[dict]:
    """Entries and unmatched rows together, in rank order: what the table shows."""
    return sorted(ranking["entries"] + ranking["unmapped"], key=lambda r: r["rank"])


def shown(ranking: dict) -> list[tuple[str, str]]:
    return [(r.get("model_id") or r["permaslug"], str(r["rank"])) for r in every_row(ranking)]


def test_browser_follows_home_to_nested_category_and_sees_the_snapshot_rows(
    browser: Browser, served: Served, tmp_path: Path
) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(served.url)
    assert page.title().startswith("OpenRouter model rankings")
    page.click('a[href="categories/marketing/seo/"]')
    page.wait_for_url(served.url + "categories/marketing/seo/")
    page.wait_for_load_state("networkidle")
    ranking = json.loads((SNAPSHOT / "rankings/category/marketing/seo.json").read_text())
    assert ranking["entries"]
    assert [tuple(r) for r in table_rows(page)] == shown(ranking)
    assert page.locator("h1").inner_text() == "SEO"
    shot = tmp_path / "marketing-seo.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert watch.errors == []
    assert watch.foreign_hosts() == set()
    assert any(u.endswith("/static/style.css") for u in watch.requests)  # the page did load its own assets
    page.close()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
VIEWS = [("light", 1280, 900), ("dark", 1280, 900), ("light", 390, 844), ("dark", 390, 844)]
# One page of every type the site has.
PAGE_TYPES = {
    "home": "",
    "categories": "categories/",
    "category": "categories/marketing/",
    "nested category": "categories/marketing/seo/",
    "orderings": "orderings/",
    "ordering": "orderings/top-weekly/",
    "models index": "models/",
    "models index, filtered": "models/?q=deepseek&tools=1&sort=3&dir=desc",
    "model": site_paths.model_path("openai/gpt-oss-20b:free"),
    "model with providers and usage": site_paths.model_path("anthropic/claude-sonnet-4.6"),
    "derived ordering": "orderings/fastest/",
    "about": "about/",
    "market share": "market-share/",
    "trending": "trending/",
    "apps": "apps/",
    "changes": "changes/",
    "API landing": "api/v1/",
    "404": "no/such/page/",
}
# Elements sticking out of the viewport (hidden .vh text excepted), and regions that scroll sideways.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const name = (el) => `${el.tagName}.${el.className}#${el.id}`;
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".vh")) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) out.push(`${name(el)} ends at ${Math.round(box.right)}`);
    const sideways = ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    if (sideways && el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} scrolls: ${el.scrollWidth}`);
  }
  return out.slice(0, 10);
}"""
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)"""


@pytest.mark.parametrize(("scheme", "width", "height"), VIEWS)
def test_every_page_type_fits_the_screen_follows_the_colour_scheme_and_passes_axe(
    browser: Browser, served: Served, tmp_path: Path, scheme: str, width: int, height: int
) -> None:
    """At 390 and 1280 px, light and dark, on one page of every type: no element wider than the viewport and no
    table that scrolls sideways; the background follows the colour scheme; axe-core finds no serious or critical
    violation. (The CSP is bypassed only so that axe-core, read from node_modules, can be injected.)"""
    assert AXE.is_file(), "npm ci installs axe-core (pinned in package-lock.json)"
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    watch = Watch(page)
    problems: dict[str, list[str]] = {}
    for kind, path in PAGE_TYPES.items():
        page.goto(served.url + path)
        page.wait_for_load_state("networkidle")
        name = re.sub(r"[^a-z0-9]+", "_", kind)
        page.screenshot(path=str(tmp_path / f"{name}-{scheme}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
        if wide := page.evaluate(TOO_WIDE):
            problems[f"{kind}: too wide"] = wide
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        assert (sum(channels) < 150) == (scheme == "dark"), (kind, background)
        page.add_script_tag(path=str(AXE))
        if violations := page.evaluate(AXE_RUN):
            problems[f"{kind}: axe"] = violations
    assert problems == {}
    assert [e for e in watch.errors if "404" not in e] == [] and watch.foreign_hosts() == set()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_ranking_row_shows_rank_model_share_and_prices_and_the_metadata_is_one_line(
    browser: Browser, served: Served, width: int
) -> None:
    ranking = json.loads((SNAPSHOT / "rankings/category/marketing.json").read_text())
    models = {m["id"]: m for m in json.loads((SNAPSHOT / "models.json").read_text())["models"]}
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(served.url + "categories/marketing/")
    first = ranking["entries"][0]
    row = page.locator(f'table#ranking tbody tr[data-model="{first["model_id"]}"]')
    visible = [
        c.strip()
        for c in row.locator("th, td").evaluate_all(
            "cells => cells.filter(c => c.getBoundingClientRect().width > 0).map(c => c.innerText)"
        )
    ]
    price = models[first["model_id"]]["pricing"]
    wanted = [
        str(first["rank"]),
        visible[1],
        # the share, when the source gave a total (the demo data has none: no real `other` row, so no Share column)
        *([numbers.share(first["share"])] if first["share"] is not None else []),
        numbers.price("prompt", price["prompt"]),
        numbers.price("completion", price["completion"]),
    ]
    assert first["name"] in visible[1]
    if width == 390:  # column priority: exactly these, in this order
        assert visible == wanted
    else:
        assert [v for v in visible if v in wanted] == wanted and len(visible) > len(wanted)
    for cell in row.locator("th, td").all():
        box = cell.bounding_box()
        assert box is None or box["x"] + box["width"] <= width, "a cell of the first row is off screen"
    summary = page.locator("details.meta-line > summary")
    line = float(summary.evaluate("s => parseFloat(getComputedStyle(s).lineHeight)"))
    assert summary.bounding_box()["height"] < 1.6 * line, "the ranking's metadata takes more than one line"
    assert not page.locator("details.meta-line dl").is_visible()  # details on demand
    summary.click()
    assert page.locator("details.meta-line dl").is_visible()
    context.close()


def test_the_axe_check_reports_a_violation_when_there_is_one(browser: Browser, served: Served) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(served.url + "about/")
    page.evaluate("document.querySelector('main').append(document.createElement('button'))")  # a button with no name
    page.add_script_tag(path=str(AXE))
    assert any(v.startswith("button-name (critical)") for v in page.evaluate(AXE_RUN))
    context.close()


def test_models_index_search_and_two_filters_keep_their_state_in_the_url(browser: Browser, served: Served) -> None:
    models = {m["id"]: m for m in json.loads((SNAPSHOT / "models.json").read_text())["models"]}
    page = browser.new_page()
    watch = Watch(page)
    page.goto(served.url + "models/")
    listed = page.eval_on_selector_all("table#models tbody tr", "rows => rows.map(r => r.dataset.id)")
    page.fill("#f-q", "deepseek")
    page.check("#f-tools")
    page.select_option("#f-cost", "paid")

    def expected() -> list[str]:
        out = []
        for model_id in listed:
            m = models.get(model_id)
            if m is None or ("deepseek" not in (m["name"] + " " + model_id).lower()):
                continue
            if "tools" in m["supported_parameters"] and not m["is_free"]:
                out.append(model_id)
        return out

    shown = page.eval_on_selector_all("table#models tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")
    assert shown == expected() and 0 < len(shown) < len(listed)
    assert page.inner_text("#filters-status") == f"{len(shown)} of {len(listed)} models match"
    page.click("table#models thead th:nth-child(3) button")  # prompt price, ascending
    query = dict(parse_qsl(urlsplit(page.url).query))
    assert query == {"q": "deepseek", "tools": "1", "cost": "paid", "sort": "3", "dir": "asc"}
    page.reload()
    assert page.input_value("#f-q") == "deepseek" and page.is_checked("#f-tools")
    again = page.eval_on_selector_all("table#models tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")
    by_price = sorted(expected(), key=lambda i: Decimal(models[i]["pricing"]["prompt"]))
    assert again == by_price
    assert page.get_attribute("table#models thead th:nth-child(3)", "aria-sort") == "ascending"
    page.fill("#f-ctx", "1000000")
    shown = page.eval_on_selector_all("table#models tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")
    assert shown == [i for i in by_price if (models[i]["context_length"] or 0) >= 1_000_000]
    assert watch.errors == [] and watch.foreign_hosts() == set()
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "models/?q=deepseek&tools=1")
    assert not page.locator("#filters").is_visible()  # without JavaScript: no dead form, every row
    assert page.locator("table#models tbody tr").count() == len(listed)
    context.close()


def test_tables_sort_by_clicking_a_header_and_are_complete_without_javascript(browser: Browser, served: Served) -> None:
    ranking = json.loads((SNAPSHOT / "rankings/category/marketing/seo.json").read_text())
    by_tokens = [r.get("model_id") or r["permaslug"] for r in sorted(every_row(ranking), key=lambda e: int(e["value"]))]
    page = browser.new_page()
    page.goto(served.url + "categories/marketing/seo/")
    page.click("table#ranking thead th:nth-child(4) button")
    assert [r[0] for r in table_rows(page)] == by_tokens
    assert page.get_attribute("table#ranking thead th:nth-child(4)", "aria-sort") == "ascending"
    page.click("table#ranking thead th:nth-child(4) button")
    assert [r[0] for r in table_rows(page)] == by_tokens[::-1]
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "categories/marketing/seo/")
    assert [tuple(r) for r in table_rows(page)] == shown(ranking)
    context.close()


def test_a_row_not_in_the_catalog_keeps_its_rank_greyed_and_the_table_starts_at_rank_1(
    browser: Browser, served: Served
) -> None:
    overall = json.loads((SNAPSHOT / "rankings/overall.json").read_text())
    top = every_row(overall)[0]
    assert top["rank"] == 1 and "model_id" not in top  # the real week's #1 (tencent/hy3-preview) is not in the catalog
    page = browser.new_page()
    page.goto(served.url)
    rows = table_rows(page, "table#overall")
    assert [tuple(r) for r in rows] == shown(overall)
    assert rows[0] == [top["permaslug"], "1"]
    first, second = page.locator("table#overall tbody tr").nth(0), page.locator("table#overall tbody tr").nth(1)
    assert first.is_visible() and "not in the catalog" in first.inner_text() and top["permaslug"] in first.inner_text()
    grey = first.locator("td").nth(0).evaluate("c => getComputedStyle(c).color")
    normal = second.locator("td").nth(0).evaluate("c => getComputedStyle(c).color")
    assert grey != normal  # greyed, not hidden
    page.goto(served.url + "categories/programming/")
    programming = json.loads((SNAPSHOT / "rankings/category/programming.json").read_text())
    assert [r[1] for r in table_rows(page)] == [str(r["rank"]) for r in every_row(programming)][: len(table_rows(page))]
    assert [r[1] for r in table_rows(page)][:5] == ["1", "2", "3", "4", "5"]  # ranks 2 and 4 are not skipped
    page.close()


def test_the_demo_banner_sits_above_the_first_heading_on_every_kind_of_page(browser: Browser, served: Served) -> None:
    page = browser.new_page()
    for path in ["", "categories/", "categories/legal/", "orderings/modality-text/", "models/", "about/"]:
        page.goto(served.url + path)
        banner = page.locator("p.demo-banner")
        assert banner.is_visible(), path
        dates = ", ".join(json.loads((ROOT / "snapshots/v1/manifest.json").read_text())["demo"]["recorded_from"])
        assert f"Demo data replayed from recordings dated {dates}; not live." in banner.inner_text()
        assert banner.bounding_box()["y"] < page.locator("h1").bounding_box()["y"], path  # type: ignore[index]
    page.goto(served.url + "categories/legal/")
    assert page.locator("p.constructed").is_visible()
    assert "constructed demo data" in page.locator("table#ranking caption").inner_text()
    page.close()


def test_keyboard_users_get_a_visible_skip_link_and_focus_ring(browser: Browser, served: Served) -> None:
    page = browser.new_page()
    page.goto(served.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.close()


def test_hostile_model_page_runs_no_script_and_shows_no_hidden_characters(browser: Browser, tmp_path: Path) -> None:
    root, target = hostile_snapshot(tmp_path)
    server = Served(build_site(root, tmp_path / "_site"))
    try:
        page = browser.new_page()
        watch = Watch(page)
        first_category = json.loads((root / "categories.json").read_text())["categories"][0]["slug"]
        first_ordering = json.loads((root / "dimensions.json").read_text())["dimensions"][0]["slug"]
        for path in (
            "",
            site_paths.model_path(target),
            f"categories/{first_category}/",
            f"orderings/{first_ordering}/",
        ):
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(
                path=str(tmp_path / f"hostile-{path.strip('/').replace('/', '_') or 'home'}.png"), full_page=True
            )
            body = page.inner_text("body")
            assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b]", body)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        page.goto(server.url + site_paths.model_path(target))
        heading = page.locator("h1").inner_text()
        assert heading.startswith('<script>alert(1)</script>"onload=alert(2)') and len(heading) <= text.NAME_CAP
        assert watch.dialogs == [] and watch.errors == [] and watch.foreign_hosts() == set()
        page.close()
    finally:
        server.stop()


def test_fixed_fixture_renders_in_the_browser_too(browser: Browser, tmp_path: Path) -> None:
    server = Served(build_site(FIXED, tmp_path / "_site"))
    try:
        page = browser.new_page()
        watch = Watch(page)
        page.goto(server.url + "no/such/page/")
        assert page.locator("h1").inner_text() == "Page not found"
        page.goto(server.url + "about/")
        page.click('a[href="../api/v1/index.json"] >> nth=0')
        assert json.loads(page.inner_text("body"))["files"]
        assert [e for e in watch.errors if "404" not in e] == [] and watch.foreign_hosts() == set()
        page.close()
    finally:
        server.stop()
