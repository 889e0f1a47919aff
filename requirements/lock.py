"""Regenerate the hash-pinned lock files every workflow installs from (``pip install --require-hashes``).

    pip install uv && python requirements/lock.py

- ``requirements/run.txt``: the runtime dependencies of pyproject.toml plus its build backend (the weekly
  snapshot job and the Pages build);
- ``requirements/ci.txt``: the same plus the ``test`` extra (``.ci/run``, the CI workflow).

Then ``pip install --no-deps --no-build-isolation -e .`` installs orsnap itself without fetching anything
unpinned. ``tests/test_workflows.py`` checks that every dependency of pyproject.toml is pinned, with hashes,
at a version its specifier allows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"run.txt": [], "ci.txt": ["--extra", "test"]}


def main() -> int:
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not installed: pip install uv", file=sys.stderr)
        return 2
    for name, extra in LOCKS.items():
        command = [uv, "pip", "compile", "pyproject.toml", "requirements/build.in", *extra, "--generate-hashes"]
        command += ["--universal", "--python-version", "3.11", "--quiet", "-o", f"requirements/{name}"]
        command += ["--custom-compile-command", "python requirements/lock.py"]
        subprocess.run(command, cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
