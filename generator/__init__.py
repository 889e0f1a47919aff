"""orsnap: a trustworthy, git-backed public mirror of OpenRouter's model rankings.

What a library user may import; everything else is internal and may change::

    from generator import Options, run_update          # run the pipeline (what `orsnap update` does)
    from generator import read_files, validate_files   # load and check a snapshot directory
    from generator.selection_loader import load        # the orchestrator's stdlib-only loader (one file)

The names are loaded on first use (PEP 562), so ``import generator`` (and ``orsnap --help``) costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
DEFAULT_API_BASE = "https://openrouter.ai/api/v1"
DEFAULT_CONTRACT_URL = "https://openrouter.ai/openapi.json"

if TYPE_CHECKING:
    from generator.store import read_files, validate_files
    from generator.update import Options, Refused, Result
    from generator.update import update as run_update

_LAZY = {
    "Options": ("generator.update", "Options"),
    "Refused": ("generator.update", "Refused"),
    "Result": ("generator.update", "Result"),
    "run_update": ("generator.update", "update"),
    "read_files": ("generator.store", "read_files"),
    "validate_files": ("generator.store", "validate_files"),
}

__all__ = ["Options", "Refused", "Result", "__version__", "read_files", "run_update", "validate_files"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
