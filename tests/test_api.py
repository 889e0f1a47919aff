"""The JSON API for frontends: one file per model, the history as JSON, index.json with its own schema, a
landing page at /api/v1/, and every JSON file of the built site valid against its schema."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest

from generator import api, site, site_paths, store

from .test_site import SNAPSHOT, build_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(SNAPSHOT, tmp_path_factory.mktemp("api") / "_site")


def schema_name(rel: str) -> str | None:
    if rel == "selection.json":
        return "selection"
    assert rel.startswith("api/v1/"), rel
    path = rel.removeprefix("api/v1/")
    return store.schema_name_for(path) or api.schema_for_path(path)


def test_every_json_file_of_the_site_is_valid_against_its_schema(built: Path) -> None:
    schemas = {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in (built / "schema" / "v1").glob("*.json")
    }
    checked: dict[str, int] = {}
    for path in sorted(built.rglob("*.json")):
        rel = path.relative_to(built).as_posix()
        if rel.startswith("schema/"):
            jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))
            continue
        name = schema_name(rel)
        assert name in schemas, f"{rel} has no schema"
        jsonschema.Draft202012Validator(schemas[name]).validate(json.loads(path.read_text()))
        checked[name] = checked.get(name, 0) + 1
    assert checked["model-file"] == len(site.load(store.read_files(SNAPSHOT)).appearances)
    for name in ("api-index", "history-trends", "history-prices", "history-changes", "ranking", "models"):
        assert checked[name] >= 1, name


def test_index_lists_every_json_file_with_its_schema_and_hash(built: Path) -> None:
    index = json.loads((built / "api" / "v1" / "index.json").read_text())
    listed = {f["url"]: f for f in [*index["files"], *index["derived"]]}
    on_disk = {p.relative_to(built).as_posix() for p in (built / "api" / "v1").rglob("*.json")} - {"api/v1/index.json"}
    assert set(listed) == on_disk
    for url, entry in listed.items():
        data = (built / url).read_bytes()
        assert entry["sha256"] == store.sha256(data) and entry["bytes"] == len(data)
        assert entry["schema"] and (built / entry["schema"]).is_file(), url


def test_one_model_file_has_its_record_rankings_and_price_history(built: Path) -> None:
    snap = site.load(store.read_files(SNAPSHOT))
    model_id = "openai/gpt-oss-20b:free"
    path = built / "api" / "v1" / api.model_file_path(model_id, site_paths.model_path(model_id))
    doc = json.loads(path.read_text())
    catalog = {m["id"]: m for m in json.loads((SNAPSHOT / "models.json").read_text())["models"]}
    assert doc["id"] == model_id and doc["model"] == catalog[model_id]
    assert [(r["file"], r["rank"]) for r in doc["rankings"]] == [
        (a.ranking_file, a.entry.rank) for a in snap.appearances[model_id]
    ]
    for r in doc["rankings"]:
        ranking = json.loads((SNAPSHOT / r["file"]).read_text())
        assert any(e["model_id"] == model_id and e["rank"] == r["rank"] for e in ranking["entries"])
    assert doc["price_history"] and doc["price_history"][-1]["pricing"] == catalog[model_id]["pricing"]
    assert (built / doc["page"] / "index.html").is_file()
    whole = gzip.compress((built / "api" / "v1" / "models.json").read_bytes(), mtime=0)
    assert len(gzip.compress(path.read_bytes(), mtime=0)) * 20 < len(whole)  # one model, not the catalog


def test_history_json_matches_what_the_pages_show(built: Path) -> None:
    changes = json.loads((built / "api" / "v1" / "history" / "changes.json").read_text())
    page = (built / "changes" / "index.html").read_text(encoding="utf-8")
    assert [r["anchor"] for r in changes["reports"]] == [a.split('"')[0] for a in page.split('<article id="')[1:]]
    trends = json.loads((built / "api" / "v1" / "history" / "trends.json").read_text())
    overall = json.loads((SNAPSHOT / "categories.json").read_text())["overall"]
    current = json.loads((SNAPSHOT / overall).read_text())["entries"]
    assert [m["id"] for m in trends["rankings"][overall]["models"]] == [e["model_id"] for e in current[:10]]
    assert all(len(m["ranks"]) == len(trends["dates"]) for t in trends["rankings"].values() for m in t["models"])


def test_api_landing_page_lists_the_files(built: Path) -> None:
    page = (built / "api" / "v1" / "index.html").read_text(encoding="utf-8")
    index = json.loads((built / "api" / "v1" / "index.json").read_text())
    for entry in index["files"]:
        assert f'href="../../{entry["url"]}"' in page
    for name in ("trends", "prices", "changes"):
        assert f'href="../../api/v1/history/{name}.json"' in page


def test_with_a_base_url_every_json_file_names_its_schema_by_its_https_url(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    base = "https://example.org/orsnap/"
    out = tmp_path / "_site"
    args = ["build", "--snapshots", str(SNAPSHOT.parent), "--out", str(out), "--base-url", base, "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    schemas = {}
    for path in (out / "schema" / "v1").glob("*.schema.json"):
        doc = json.loads(path.read_text())
        assert doc["$id"] == base + path.relative_to(out).as_posix()  # fetchable, not a urn:
        schemas[doc["$id"]] = doc
    checked = 0
    for path in sorted(out.rglob("*.json")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("schema/"):
            continue
        doc = json.loads(path.read_text())
        assert doc["$schema"] == f"{base}schema/v1/{schema_name(rel)}.schema.json", rel
        jsonschema.Draft202012Validator(schemas[doc["$schema"]]).validate(doc)
        checked += 1
    index = json.loads((out / "api" / "v1" / "index.json").read_text())
    for entry in [*index["files"], *index["derived"]]:
        assert entry["sha256"] == store.sha256((out / entry["url"]).read_bytes())
    assert checked > 200
    bad = CliRunner().invoke(cli, [*args[:-3], "--base-url", "http://example.org/", "-q"])
    assert bad.exit_code == 4 and "must be an https URL" in bad.output
