"""orsnap: a trustworthy, git-backed public mirror of OpenRouter's model rankings.

The public library surface; everything else is internal.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
