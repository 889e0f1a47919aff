"""orsnap: a trustworthy, git-backed public mirror of OpenRouter's model rankings.

What a library user may import; everything else is internal and may change::

    from generator import Options, run_update          # run the pipeline (what `orsnap update` does)
    from generator import read_files, validate_files   # load and check a snapshot directory
    from generator.selection_loader import load        # the orchestrator's stdlib-only loader (one file)
"""

__version__ = "0.1.0"

from generator.store import read_files, validate_files
from generator.update import Options, Refused, Result
from generator.update import update as run_update

__all__ = ["Options", "Refused", "Result", "__version__", "read_files", "run_update", "validate_files"]
