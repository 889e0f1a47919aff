"""orsnap record: the update's call plan, kept as a fixture directory the replay server serves; replaying the
recording gives the same snapshot, byte for byte, as the fixtures it was recorded from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.replay import ReplayServer, null_fields

from .conftest import FAKE_KEY, FIXTURES, tree_digest


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    assert FAKE_KEY not in result.output


@pytest.mark.parametrize("keyed", [True, False], ids=["keyed", "keyless"])
def test_recording_from_the_replay_server_then_replaying_it_gives_a_byte_identical_snapshot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keyed: bool
) -> None:
    if keyed:
        monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    else:
        monkeypatch.delenv("OPENROUTER_API_KEY", raising=False)
    recording = tmp_path / "recording"
    run("record", str(recording), "--replay", str(FIXTURES), "--snapshots", str(tmp_path / "none"))
    run("update", "--replay", str(FIXTURES), "--snapshots", str(tmp_path / "original"), "--quiet")
    run("update", "--replay", str(recording), "--snapshots", str(tmp_path / "replayed"), "--quiet")
    original = tree_digest(tmp_path / "original")
    assert original and tree_digest(tmp_path / "replayed") == original

    table = json.loads((recording / "routes.json").read_bytes())["routes"]
    recorded = {(r["path"], tuple(sorted(r["query"].items()))): r for r in table}
    fixtures = {
        (r["path"], tuple(sorted(r["query"].items()))): r
        for r in json.loads((FIXTURES / "routes.json").read_bytes())["routes"]
    }
    assert recorded.keys() <= fixtures.keys() and ("/openapi.json", ()) in recorded
    assert all(r["auth"] is keyed for r in table if r["path"].startswith("/api/v1/datasets/"))
    assert all(r["auth"] is keyed for r in table if r["path"].endswith("/endpoints"))  # keyed when the run is
    for key, route in recorded.items():
        assert route["date"] == fixtures[key]["date"]  # the Date header, recorded
        body = (recording / route["file"]).read_bytes()
        expected = json.loads((FIXTURES / fixtures[key]["file"]).read_bytes())
        hidden = () if keyed else tuple(fixtures[key].get("keyless_null", ()))
        assert json.loads(body) == null_fields(expected, hidden)  # as served: keyless, those fields are null
    every_byte = b"".join(p.read_bytes() for p in recording.rglob("*") if p.is_file())
    assert FAKE_KEY.encode() not in every_byte and b"Bearer" not in every_byte


@pytest.mark.slow  # three recordings end to end
def test_record_refuses_a_directory_that_is_not_a_recording_and_writes_nothing_on_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["record", str(occupied), "--replay", str(FIXTURES)])
    assert result.exit_code == 1 and "refusing to replace" in result.stderr
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]
    down = tmp_path / "down"
    result = CliRunner().invoke(
        cli,
        ["record", str(down), "--api-base", "http://127.0.0.1:9/api/v1", "--contract-url", "http://127.0.0.1:9/x"],
    )
    assert result.exit_code == 1 and not down.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".down")]


def test_update_with_record_keeps_the_responses_of_a_refused_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, replay: ReplayServer
) -> None:
    """The weekly job records while it updates: when a gate refuses, the recording is what a maintainer replays
    to see why (and the refusal replays the same)."""
    import shutil

    from .conftest import ROOT

    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    snapshots = tmp_path / "snapshots"
    shutil.copytree(ROOT / "snapshots", snapshots)
    before = tree_digest(snapshots)
    recording = tmp_path / "recording"
    replay.add_fault("empty-rows@/api/v1/datasets/rankings-daily")
    base = ["--api-base", replay.url + "/api/v1", "--contract-url", replay.url + "/openapi.json"]
    result = CliRunner().invoke(cli, ["update", *base, "--snapshots", str(snapshots), "--record", str(recording)])
    assert result.exit_code == 3, result.output
    assert "refused by gate all-rankings-empty" in result.stderr and f"recorded: {recording}" in result.stderr
    assert tree_digest(snapshots) == before
    replayed = CliRunner().invoke(cli, ["update", "--replay", str(recording), "--snapshots", str(snapshots)])
    assert replayed.exit_code == 3 and "refused by gate all-rankings-empty" in replayed.stderr
    assert FAKE_KEY.encode() not in b"".join(p.read_bytes() for p in recording.rglob("*") if p.is_file())
