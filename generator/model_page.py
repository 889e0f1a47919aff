"""What a model page adds from the providers and history files: the providers table and the usage line."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator import charts, providers, published
from generator.slugs import SlugError

OVERALL_HISTORY = "rankings/history/overall.json"


def extras(files: dict[str, bytes], series: dict[str, Any], model_id: str, name: str) -> dict[str, Any]:
    """``providers`` (the model's providers file, or None) and ``usage`` (its weekly-tokens line, or empty)."""
    try:
        path = providers.providers_path(model_id)
    except SlugError:
        path = ""
    doc = published.Providers.model_validate_json(files[path]) if path in files else None
    history = series.get(OVERALL_HISTORY)
    usage = charts.usage_line(history, model_id, name) if history is not None and history.buckets else Markup("")
    return {"providers": doc, "usage": usage, "has_history": history is not None}
