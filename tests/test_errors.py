"""One error hierarchy: every failure that reaches the CLI is an OrsnapError that carries its documented exit code
and the words that open its one line; ``cli_options.as_failure`` is the one place that turns it into both."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import gates, history, record, site, store, tstypes
from generator.cli_options import as_failure
from generator.errors import OrsnapError
from generator.normalize import InvalidData
from generator.slugs import SlugError, validate_slug
from generator.sources import SourceError
from generator.sources.contract import ContractError, discover
from generator.update import Refused

REFUSAL = gates.Refusal("mass-vanish", "9 of 10 catalog models vanished", "--max-vanish")


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (SourceError("GET /models", "HTTP 502"), 1, "source failed: GET /models: HTTP 502"),
        (Refused([REFUSAL]), 3, str(REFUSAL)),
        (InvalidData("GET /models: id: Field required"), 4, "invalid data: GET /models: id: Field required"),
        (store.Locked(Path("s/.v1.lock"), "42", 60), 1, "snapshot locked: s/.v1.lock: held by PID 42; gave up "
         "after waiting 60 s (--lock-wait)"),
        (history.GitError("bad revision 'x'"), 2, "cannot read the snapshot history: bad revision 'x'"),
        (site.SiteError("models.json: missing"), 4, "cannot build the site: models.json: missing"),
        (site.OutputError("Permission denied"), 1, "could not write the site: Permission denied"),
        (record.RecordError("refusing to replace d"), 1, "refusing to replace d"),
        (tstypes.ToolMissing("run `npm ci`"), 1, "cannot generate the TypeScript types: run `npm ci`"),
        (OSError(28, "No space left on device"), 1, "could not write the snapshot: No space left on device"),
        (KeyError("x"), 1, "unexpected KeyError: 'x' (rerun with --debug)"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else None,
)  # fmt: skip
def test_each_failure_maps_to_its_documented_exit_code_and_one_line(error: Exception, code: int, line: str) -> None:
    failure = as_failure(error)
    assert (failure.exit_code, failure.format_message()) == (code, line)


def test_upstream_value_errors_are_orsnap_errors_and_still_value_errors() -> None:
    """An unusable slug and a broken contract are invalid data (exit 4); callers catching ValueError still do."""
    with pytest.raises(SlugError) as slug:
        validate_slug("../etc")
    with pytest.raises(ContractError) as contract:
        discover({})
    for caught in (slug.value, contract.value):
        assert isinstance(caught, OrsnapError) and isinstance(caught, ValueError)
        assert as_failure(caught).exit_code == 4 and as_failure(caught).format_message().startswith("invalid data: ")
