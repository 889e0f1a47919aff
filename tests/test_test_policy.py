"""The test-run policy of tests/conftest.py: with CI set a skip fails; outside CI it skips, naming the fix."""

from __future__ import annotations

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # pytest run in pytest: `scripts/test -m "not slow"` leaves it out

pytest_plugins = ["pytester"]

CASES = """
import pytest
from conftest import require

def test_plain_skip():
    pytest.skip("no reason")

def test_required_tool():
    require(False, "the widget", "apt-get install widget")

def test_runs():
    assert True
"""


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_skip_fails_when_ci_is_set_and_names_its_fix_otherwise(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_cases=CASES)
    result = pytester.runpytest_subprocess("-rs", "-p", "no:cacheprovider")
    if ci:
        result.assert_outcomes(failed=2, passed=1)
        result.stdout.fnmatch_lines(["*skipped in CI, which must run every test: no reason*"])
        result.stdout.fnmatch_lines(["*the widget is missing: run `apt-get install widget` (CI runs every test*"])
    else:
        result.assert_outcomes(skipped=2, passed=1)
        result.stdout.fnmatch_lines(["*the widget is missing: run `apt-get install widget`"])
