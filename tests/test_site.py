"""The static site and JSON API: rendered from the snapshot alone, every page there, every link resolving,
upstream text escaped, the API mirroring the snapshot byte for byte."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from generator import numbers, published, site, site_paths, store, text
from generator.cli import cli
from generator.site_serve import SiteServer

from .conftest import ROOT

SNAPSHOT = ROOT / "snapshots" / "v1"
FIXED = ROOT / "tests" / "fixtures" / "site" / "v1"
HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


class HTMLSnapshotExtension(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "html"


# --- helpers shared with test_site_browser.py ---------------------------------------------------------------


def build_site(snapshot_root: Path, out: Path) -> Path:
    """Build the site from ``snapshot_root`` into ``out`` through the CLI, as a user would."""
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(snapshot_root.parent), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def walk_categories(nodes: list[dict]) -> list[dict]:
    return [n for node in nodes for n in [node, *walk_categories(node["children"])]]


def copy_snapshot(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "snap" / "v1"
    shutil.copytree(source, target)
    return target


def rewrite_manifest(root: Path) -> None:
    """Re-list every file of ``root`` in its manifest with fresh sha256s (after a test edited files)."""
    files = store.read_files(root)
    manifest = published.Manifest.model_validate_json(files.pop("manifest.json"))
    (root / "manifest.json").write_bytes(store.build_manifest_files(manifest, files)["manifest.json"])


class Links(HTMLParser):
    """Every href/src of a page, every id, and the rows of each table (cells' text)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.rows: dict[str, list[dict[str, str]]] = {}
        self._table: str | None = None
        self._in_body = False
        self._row: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.urls.append(a[name] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "table":
            self._table = a.get("id") or f"table-{len(self.rows)}"
            self.rows[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body and self._table:
            self._row = {"model": a.get("data-model") or "", "permaslug": a.get("data-permaslug") or ""}
            self.rows[self._table].append(self._row)
        elif tag == "a" and self._row is not None and "href" in a and "model_href" not in self._row:
            self._row["model_href"] = a["href"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and "rank" not in self._row and data.strip():
            self._row["rank"] = data.strip()


def in_rank_order(ranking: dict) -> list[tuple[str, str]]:
    """(model id, or "" for a row not in the catalog; rank) of every row a ranking table shows, in rank order."""
    rows = [(e["model_id"], e["rank"]) for e in ranking["entries"]] + [("", u["rank"]) for u in ranking["unmapped"]]
    return [(model, str(rank)) for model, rank in sorted(rows, key=lambda r: r[1])]


def parse(path: Path) -> Links:
    return parse_html(path.read_text(encoding="utf-8"))


def parse_html(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed snapshot, built once for this module."""
    return build_site(SNAPSHOT, tmp_path_factory.mktemp("site") / "_site")


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen fixture snapshot, built once for this module, from a copy outside git: page snapshots must not
    depend on how much of the repository's history a checkout has (shallow CI clones have none)."""
    base = tmp_path_factory.mktemp("fixed")
    return build_site(copy_snapshot(FIXED, base), base / "_site")


# --- page snapshots (frozen fixture) ----------------------------------------------------------------------------


def test_home_page_matches_snapshot(fixed: Path, snapshot: SnapshotAssertion) -> None:
    assert (fixed / "index.html").read_text(encoding="utf-8") == snapshot.use_extension(HTMLSnapshotExtension)


def test_nested_category_page_matches_snapshot(fixed: Path, snapshot: SnapshotAssertion) -> None:
    page = fixed / "categories" / "marketing" / "seo" / "index.html"
    assert page.read_text(encoding="utf-8") == snapshot.use_extension(HTMLSnapshotExtension)


# --- every page there, showing what the snapshot holds ----------------------------------------------------------


def test_every_category_ordering_and_ranked_model_has_a_page(built: Path) -> None:
    categories = json.loads((SNAPSHOT / "categories.json").read_text())
    dimensions = json.loads((SNAPSHOT / "dimensions.json").read_text())
    nodes = walk_categories(categories["categories"])
    assert nodes and dimensions["dimensions"]
    missing = [n["slug"] for n in nodes if not (built / "categories" / n["slug"] / "index.html").is_file()]
    missing += [
        d["slug"] for d in dimensions["dimensions"] if not (built / "orderings" / d["slug"] / "index.html").is_file()
    ]
    ranked = {
        e["model_id"]
        for path in (SNAPSHOT / "rankings").rglob("*.json")
        if store.is_ranking(path.relative_to(SNAPSHOT).as_posix())
        for e in json.loads(path.read_text())["entries"]
    }
    missing += [m for m in sorted(ranked) if not (built / site_paths.model_path(m) / "index.html").is_file()]
    assert missing == []
    pages = {p.parent.relative_to(built / "models").as_posix() for p in (built / "models").rglob("index.html")}
    assert len(pages) == len(ranked) + 1  # one page per ranked model, plus the index


def test_category_pages_list_the_snapshot_rows_in_order(built: Path) -> None:
    categories = json.loads((SNAPSHOT / "categories.json").read_text())
    for node in [*walk_categories(categories["categories"])]:
        ranking = json.loads((SNAPSHOT / node["file"]).read_text())
        rows = parse(built / "categories" / node["slug"] / "index.html").rows["ranking"]
        assert [(r["model"], r["rank"]) for r in rows] == in_rank_order(ranking)
        assert [r["permaslug"] for r in rows if not r["model"]] == [
            u["permaslug"] for u in sorted(ranking["unmapped"], key=lambda u: u["rank"])
        ]
        assert [r["model_href"] for r in rows if r["model"]] == [
            "../" * (node["slug"].count("/") + 2) + site_paths.model_path(e["model_id"]) for e in ranking["entries"]
        ]


def test_home_shows_the_overall_leaderboard_and_the_whole_category_tree(built: Path) -> None:
    categories = json.loads((SNAPSHOT / "categories.json").read_text())
    overall = json.loads((SNAPSHOT / categories["overall"]).read_text())
    home = parse(built / "index.html")
    assert [(r["model"], r["rank"]) for r in home.rows["overall"]] == in_rank_order(overall)
    assert home.rows["overall"][0]["rank"] == "1"  # the week's #1 is shown even when it is not in the catalog
    links = set(home.urls)
    assert {f"categories/{n['slug']}/" for n in walk_categories(categories["categories"])} <= links
    html = (built / "index.html").read_text(encoding="utf-8")
    for node in categories["categories"]:  # nested categories sit inside their parent's list item
        for child in node["children"]:
            start = html.index(f'href="categories/{node["slug"]}/"')
            assert start < html.index(f'href="categories/{child["slug"]}/"') < html.index("</li>", start + 1) or (
                html.index(f'href="categories/{child["slug"]}/"') < html.index("</ul>", start)
            )


def constructed_pages(built: Path) -> set[Path]:
    """The pages of the ranking files whose source says `constructed` (history, authors, trending and apps files
    are charts and tables on other pages, captioned there)."""
    pages = set()
    for path in constructed_rankings():
        if path == "rankings/overall.json":
            pages.add(built / "index.html")
            continue
        slug = json.loads((SNAPSHOT / path).read_text())["slug"]
        kind = "categories" if path.startswith("rankings/category/") else "orderings"
        pages.add(built / kind / slug / "index.html")
    return pages


def constructed_rankings() -> list[str]:
    manifest = json.loads((SNAPSHOT / "manifest.json").read_text())
    return [p for p in (manifest["demo"] or {}).get("constructed", []) if store.is_ranking(p)]


def test_every_page_carries_the_attribution_and_as_of(built: Path) -> None:
    manifest = json.loads((SNAPSHOT / "manifest.json").read_text())
    attribution = manifest["attribution"] or published.ATTRIBUTION_TEMPLATE.format(as_of=manifest["as_of"])
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 100
    constructed = constructed_pages(built)
    lacking = [
        p
        for p in pages
        if p not in constructed
        and (attribution not in (text := p.read_text(encoding="utf-8")) or manifest["as_of"] not in text)
    ]
    assert lacking == []


def test_constructed_rankings_say_so_beside_the_table_and_carry_no_openrouter_attribution(built: Path) -> None:
    manifest = json.loads((SNAPSHOT / "manifest.json").read_text())
    attribution = manifest["attribution"] or published.ATTRIBUTION_TEMPLATE.format(as_of=manifest["as_of"])
    constructed = constructed_pages(built)
    assert len(constructed) == len(constructed_rankings()) > 0
    for page in constructed:
        html = page.read_text(encoding="utf-8")
        assert attribution not in html, page
        notice = html.index('<p class="constructed"><strong>Constructed demo data</strong>')
        assert notice < html.index('<table class="ranking') < html.index("(constructed demo data)</caption>")
    for slug in ("modality-tool-calling", "modality-image", "context-bucket-100k"):  # the real (derived) datasets
        page = built / "orderings" / slug / "index.html"
        assert "Constructed demo data</strong>:" not in page.read_text(encoding="utf-8")  # real data is not flagged


def test_every_page_shows_the_demo_banner_above_its_first_heading(built: Path) -> None:
    manifest = json.loads((SNAPSHOT / "manifest.json").read_text())
    dates = ", ".join(manifest["demo"]["recorded_from"])
    # the catalog (05-07), the rankings (05-16), and every capture's apps section behind the constructed trending apps
    assert dates == "2026-03-28, 2026-04-15, 2026-05-02, 2026-05-07, 2026-05-16"
    pages = sorted(built.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        banner = html.index(f"<strong>Demo data</strong> replayed from recordings dated {dates}; not live.")
        assert banner < html.index("<h1"), page


def test_a_live_snapshot_has_no_demo_banner(tmp_path: Path) -> None:
    root = copy_snapshot(FIXED, tmp_path)
    manifest = json.loads((root / "manifest.json").read_text())
    manifest["demo"] = None
    (root / "manifest.json").write_bytes(store.canonical_json(manifest))
    rewrite_manifest(root)
    out = build_site(root, tmp_path / "_site")
    assert "demo-banner" not in (out / "index.html").read_text(encoding="utf-8")


def test_new_upstream_category_appears_without_code_change(tmp_path: Path) -> None:
    root = copy_snapshot(FIXED, tmp_path)
    tree = json.loads((root / "categories.json").read_text())
    donor = tree["categories"][0]
    ranking = json.loads((root / donor["file"]).read_text())
    ranking["slug"], ranking["label"] = "underwater-basket-weaving", "Underwater basket weaving"
    (root / "rankings/category/underwater-basket-weaving.json").write_bytes(store.canonical_json(ranking))
    tree["categories"].append(
        {
            **donor,
            "slug": ranking["slug"],
            "label": ranking["label"],
            "children": [],
            "file": "rankings/category/underwater-basket-weaving.json",
        }
    )
    (root / "categories.json").write_bytes(store.canonical_json(tree))
    rewrite_manifest(root)
    out = build_site(root, tmp_path / "_site")
    page = out / "categories" / "underwater-basket-weaving" / "index.html"
    assert [(r["model"], r["rank"]) for r in parse(page).rows["ranking"]] == in_rank_order(ranking)
    assert "categories/underwater-basket-weaving/" in parse(out / "index.html").urls


def test_rank_only_rankings_show_no_token_share_or_change_columns(tmp_path: Path) -> None:
    root = copy_snapshot(FIXED, tmp_path)
    tree = json.loads((root / "categories.json").read_text())
    node = tree["categories"][0]
    ranking = json.loads((root / node["file"]).read_text())
    ranking.update(
        metric=None,
        ranked_by="top-weekly-overall",
        other=None,
        unmapped=[],
        period=None,
        period_start=None,
        period_end=None,
        previous_period_start=None,
        attribution=None,
    )
    for e in ranking["entries"]:
        e.update(value=None, share=None, change=None)
    (root / node["file"]).write_bytes(store.canonical_json(ranking))
    rewrite_manifest(root)
    html = (build_site(root, tmp_path / "_site") / "categories" / node["slug"] / "index.html").read_text()
    header = html[html.index('<table class="ranking') : html.index("</thead>")]
    assert "Tokens" not in header and "Share" not in header and "Change" not in header
    assert "Prompt $/M" in header and "rank only, no figures" in html
    assert [r["model"] for r in parse_html(html).rows["ranking"]] == [e["model_id"] for e in ranking["entries"]]


# --- links, determinism, the JSON API ---------------------------------------------------------------------------


def test_every_internal_link_and_asset_resolves_to_a_file(built: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in sorted(built.rglob("*.html")):
        links = parse(page)
        base = "/" + page.relative_to(built).as_posix()
        for url in links.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                assert parts.scheme == "https", f"{base}: {url}"  # external links only; never plain http
                continue
            resolved = urlsplit(urljoin(base, url))
            target = built / unquote(resolved.path).lstrip("/")
            if resolved.path.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.is_file() or built.resolve() not in target.resolve().parents:
                broken.append(f"{base}: {url}")
            elif resolved.fragment and target.suffix == ".html" and resolved.fragment not in parse(target).ids:
                broken.append(f"{base}: {url} (no such id)")
    assert checked > 1000
    assert broken == []


def test_same_snapshot_builds_byte_identical_sites(tmp_path: Path) -> None:
    from .conftest import tree_digest

    first = tree_digest(build_site(FIXED, tmp_path / "a"))
    second = tree_digest(build_site(FIXED, tmp_path / "b"))
    assert first == second and len(first) > 20


def test_api_mirrors_the_snapshot_and_its_index_lists_every_file_with_sha256(built: Path) -> None:
    snapshot_files = store.read_files(SNAPSHOT)
    index = json.loads((built / "api/v1/index.json").read_text())
    manifest = json.loads(snapshot_files["manifest.json"])
    assert index["as_of"] == manifest["as_of"]
    assert {f["path"] for f in index["files"]} == set(snapshot_files)
    for entry in index["files"]:
        served = (built / entry["url"]).read_bytes()
        assert served == snapshot_files[entry["path"]]
        assert entry["sha256"] == store.sha256(served) and entry["bytes"] == len(served)
        if entry["schema"]:
            assert (built / entry["schema"]).is_file()
    for name in index["schemas"]:
        assert json.loads((built / name).read_text())["$schema"].startswith("https://json-schema.org/")
    if "selection.json" in snapshot_files:
        assert index["selection"] == "selection.json"
        assert (built / "selection.json").read_bytes() == snapshot_files["selection.json"]


def test_selection_json_is_published_at_the_root_only_when_the_snapshot_has_one(tmp_path: Path) -> None:
    out = build_site(FIXED, tmp_path / "without")
    assert not (out / "selection.json").exists()
    assert json.loads((out / "api/v1/index.json").read_text())["selection"] is None
    root = copy_snapshot(FIXED, tmp_path)
    (root / "selection.json").write_bytes(b'{"schema_version": "1.0.0"}\n')
    out = build_site(root, tmp_path / "with")
    assert (out / "selection.json").read_bytes() == b'{"schema_version": "1.0.0"}\n'
    assert json.loads((out / "api/v1/index.json").read_text())["selection"] == "selection.json"


# --- untrusted upstream text ------------------------------------------------------------------------------------

HOSTILE_NAME = '<script>alert(1)</script>"onload=alert(2) \u202eevil\u2066x\u2069 zero\u200bwidth ' + "W" * 200
HOSTILE_DESCRIPTION = '<img src=x onerror=alert(3)> "onload=alert(4) \u202e' + ("lorem ipsum " * 900)


def hostile_snapshot(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the fixed snapshot where one ranked model, one category and one ordering carry hostile text."""
    root = copy_snapshot(FIXED, tmp_path)
    tree = json.loads((root / "categories.json").read_text())
    node = tree["categories"][0]
    ranking = json.loads((root / node["file"]).read_text())
    target = ranking["entries"][0]["model_id"]
    ranking["entries"][0]["name"] = HOSTILE_NAME
    ranking["entries"][0]["author"] = "<b>\u202eauthor</b>"
    (root / node["file"]).write_bytes(store.canonical_json(ranking))
    node["label"] = "<script>alert(5)</script>\u202e"
    (root / "categories.json").write_bytes(store.canonical_json(tree))
    catalog = json.loads((root / "models.json").read_text())
    for model in catalog["models"]:
        if model["id"] == target:
            model["name"], model["description"] = HOSTILE_NAME, HOSTILE_DESCRIPTION
    (root / "models.json").write_bytes(store.canonical_json(catalog))
    dims = json.loads((root / "dimensions.json").read_text())
    dims["dimensions"][0]["meaning"] = "<iframe src=//evil.example></iframe>\u2067" + "x" * 1900
    (root / "dimensions.json").write_bytes(store.canonical_json(dims))
    rewrite_manifest(root)
    assert store.validate_files(store.read_files(root)) == []  # hostile, yet valid by the published contract
    return root, target


def test_hostile_names_and_descriptions_render_escaped_without_hidden_characters_and_truncated(tmp_path: Path) -> None:
    root, target = hostile_snapshot(tmp_path)
    out = build_site(root, tmp_path / "_site")
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<iframe", "<b>", '"onload='):
            assert raw not in html, (page, raw)
        assert not HIDDEN.search(html), page
    model_page = (out / site_paths.model_path(target) / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;onload=alert(2)" in model_page
    assert "&lt;img src=x onerror=alert(3)&gt;" in model_page
    assert len(model_page) < 3 * len(HOSTILE_DESCRIPTION)
    h1 = re.search(r"<h1><bdi>(.*?)</bdi></h1>", model_page)
    assert h1 and len(h1.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')) <= text.NAME_CAP
    summary = re.search(r'<p class="text summary">(.*?)</p>', model_page, re.S)
    assert summary and len(summary.group(1)) <= text.SUMMARY_CAP + 40  # escaping adds a few characters
    assert "<details" in model_page  # the full description is there, collapsed and escaped
    category = (
        out / "categories" / json.loads((root / "categories.json").read_text())["categories"][0]["slug"] / "index.html"
    ).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in category
    ordering = (
        out / "orderings" / json.loads((root / "dimensions.json").read_text())["dimensions"][0]["slug"] / "index.html"
    ).read_text(encoding="utf-8")
    assert "&lt;iframe src=//evil.example&gt;" in ordering


def test_name_beyond_the_published_limit_is_refused_with_one_line(tmp_path: Path) -> None:
    root = copy_snapshot(FIXED, tmp_path)
    catalog = json.loads((root / "models.json").read_text())
    catalog["models"][0]["name"] = "A" * 10_000
    (root / "models.json").write_bytes(store.canonical_json(catalog))
    rewrite_manifest(root)
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(root.parent), "--out", str(tmp_path / "out")])
    assert result.exit_code == 4
    assert result.output.count("\n") == 1 and "models.json: /models/0/name" in result.output
    assert not (tmp_path / "out").exists()


def test_clean_removes_bidi_and_zero_width_characters_and_caps_length() -> None:
    raw = "a\u202eb\u2066c\u2069d\u200be\u200df\ufeffg\u061ch\u00adi" + " word" * 100
    cleaned = text.clean(raw, 40)
    assert cleaned.startswith("abcdefghi word")
    assert len(cleaned) <= 40 and cleaned.endswith("…")
    assert not any(unicodedata.category(c) in {"Cc", "Cf"} for c in cleaned)
    assert text.clean("e\u0301\u0301\u0301\u0301\u0301") == "e\u0301\u0301"  # no towers of combining marks


# --- model URLs ---------------------------------------------------------------------------------------------


def test_model_urls_are_stable_readable_and_distinct_for_every_catalog_id() -> None:
    ids = [m["id"] for m in json.loads((SNAPSHOT / "models.json").read_text())["models"]]
    paths = [site_paths.model_path(i) for i in ids]
    assert len(set(paths)) == len(ids)
    assert len({p.lower() for p in paths}) == len(ids)  # also on case-insensitive file systems
    assert site_paths.model_path("openai/gpt-oss-20b:free") == "models/openai/gpt-oss-20b~free/"
    assert site_paths.model_path("~anthropic/claude-haiku-latest") == "models/~anthropic/claude-haiku-latest/"
    assert site_paths.model_path("Foo_Bar/x_Y") == "models/_46oo_5f_42ar/x_5f_59/"


@pytest.mark.parametrize(
    "bad",
    [
        "../etc/passwd",
        "a/../b",
        "a/b/c",
        "/a/b",
        "a/",
        "a/.",
        "a\\b/c",
        "a/b c",
        "a/b\x00",
        "..",
        "a/..",
        "~/a",
        "a/\u202eb",
        "a/" + "b" * 300,
    ],
)
def test_ids_that_are_not_openrouter_ids_never_become_a_path(bad: str) -> None:
    with pytest.raises(site.SiteError):
        site_paths.model_path(bad)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.from_regex(published.MODEL_ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 200),
        min_size=2,
        max_size=6,
        unique=True,
    )
)
def test_model_url_mapping_is_injective_and_only_safe_segments(ids: list[str]) -> None:
    paths = [site_paths.model_path(i) for i in ids]
    assert len({p.lower() for p in paths}) == len(ids)
    for path in paths:
        segments = path.split("/")
        assert segments[0] == "models" and segments[-1] == "" and len(segments) == 4
        assert all(re.fullmatch(r"[a-z0-9._~-]{1,200}", s) and s not in {".", ".."} for s in segments[1:3])


# --- output directory, failures, serving ----------------------------------------------------------------------


def test_build_refuses_to_replace_a_directory_it_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(FIXED.parent), "--out", str(precious)])
    assert result.exit_code == 1 and "not an orsnap site" in result.output
    assert [p.name for p in precious.iterdir()] == ["thesis.tex"]


def test_failed_build_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    from .conftest import tree_digest

    out = build_site(FIXED, tmp_path / "_site")
    before = tree_digest(out)
    root = copy_snapshot(FIXED, tmp_path)
    (root / "models.json").write_bytes(b'{"not": "a catalog"}\n')  # the manifest's sha256 no longer matches
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(root.parent), "--out", str(out)])
    assert result.exit_code == 4 and "sha256 differs" in result.output
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no staging left behind


def test_build_without_a_snapshot_is_one_line_exit_4(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 4 and result.output.count("\n") == 1 and "no snapshot at" in result.output


def test_serve_without_a_built_site_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--out", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2 and "run `orsnap build` first" in result.output


def test_server_answers_on_loopback_with_the_site_404_page_and_json_types(fixed: Path) -> None:
    with SiteServer(fixed, 0) as server, httpx.Client(base_url=server.url) as client:
        assert server.server_address[0] == "127.0.0.1"
        home = client.get("/")
        assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
        missing = client.get("/categories/no-such-category/")
        assert missing.status_code == 404 and "Page not found" in missing.text
        listing = client.get("/static/")
        assert listing.status_code == 404  # no directory listings
        api = client.get("/api/v1/categories.json")
        assert api.headers["content-type"] == "application/json"
        assert api.content == (FIXED / "categories.json").read_bytes()


def test_server_answers_a_nul_in_the_path_with_400(fixed: Path) -> None:
    """`/%00` once crashed the handler's open() and dropped the connection; it is a bad request."""
    with SiteServer(fixed, 0) as server, httpx.Client(base_url=server.url) as client:
        for path in ("/%00", "/api/v1/models.json%00.html", "/categories/%00/"):
            assert client.get(path).status_code == 400, path
        assert client.get("/").status_code == 200  # and it keeps serving


# --- figures -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        ("0.0000025", "$2.50"),
        ("0.000000075", "$0.075"),
        ("0", "$0.00"),
        ("0.000015", "$15.00"),
        ("-1", "variable"),
        (None, ""),
    ],
)
def test_prices_are_shown_per_million_tokens(price: str | None, shown: str) -> None:
    assert numbers.price("prompt", price) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("267306588206", "267.31B"), ("1048576", "1.05M"), ("999", "999"), ("2474356231590", "2.47T"), (256000, "256K")],
)
def test_token_counts_are_compact(value: object, shown: str) -> None:
    assert numbers.compact(value) == shown
