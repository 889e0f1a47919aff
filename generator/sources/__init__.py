"""Everything that talks HTTP. Nothing in this package writes files."""

from generator.sources.client import Client, Fetched, RateLimiter, SourceError

__all__ = ["Client", "Fetched", "RateLimiter", "SourceError"]
