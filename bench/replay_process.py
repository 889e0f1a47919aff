"""The loopback replay server in its own process, for the benches (its threads do not share the bench's GIL, as
a remote server's would not)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_replay(fixtures: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """Start `orsnap replay FIXTURES --port 0 OPTIONS…`; the process and the base URL its banner names."""
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "replay", str(fixtures), "--port", "0", *options],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    banner = server.stderr.readline() if server.stderr else ""
    return server, banner.split(" on ", 1)[1].split(" ", 1)[0]
