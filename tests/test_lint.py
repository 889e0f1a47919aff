"""The code stays ruff clean (lint and format), as the README's development notes promise."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_ruff_check_and_format_are_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
