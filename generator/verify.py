"""``orsnap verify``: does the committed snapshot still agree with the source?

Builds a fresh snapshot in memory with the update pipeline (:func:`generator.update.update` with
``write=False``: same discovery, fetching, normalization and ranking, nothing written) and compares it with the
committed one, per category and for the overall leaderboard: top-10 overlap, rank agreement (Kendall's tau
over the models both rankings list) and the models each side lacks; plus catalog models missing or extra, and
categories added or removed upstream. Pure comparison functions; the one I/O edge is :func:`verify`.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator import changes, update

TOP = 10
MIN_OVERLAP = 0.6
MIN_TAU = 0.5
MAX_MODEL_DRIFT = 0.1


@dataclass(frozen=True)
class Thresholds:
    min_overlap: float = MIN_OVERLAP  # share of the live top 10 the committed top 10 must hold
    min_tau: float = MIN_TAU  # Kendall's tau over the models both rankings list
    max_model_drift: float = MAX_MODEL_DRIFT  # share of catalog models missing or extra


def kendall_tau(first: list[str], second: list[str]) -> float | None:
    """Kendall's tau between two orders, over the items both contain (None for fewer than two).

    Positions are distinct, so there are no ties and tau-a equals tau-b: (concordant − discordant) / pairs.
    """
    common = [item for item in first if item in set(second)]
    if len(common) < 2:
        return None
    where = {item: i for i, item in enumerate(second)}
    score = 0
    for a, b in itertools.combinations(common, 2):  # ``a`` precedes ``b`` in ``first``
        score += 1 if where[a] < where[b] else -1
    pairs = len(common) * (len(common) - 1) // 2
    return score / pairs


def _order(doc: Any) -> list[str]:
    entries = doc.get("entries") if isinstance(doc, dict) else None
    return [e["model_id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("model_id"), str)]


def _load(files: Mapping[str, bytes], path: str) -> Any:
    try:
        return json.loads(files[path]) if path in files else None
    except ValueError:
        return None


def compare(
    committed: Mapping[str, bytes], live: Mapping[str, bytes], *, top: int = TOP, thresholds: Thresholds | None = None
) -> dict[str, Any]:
    """The agreement report (plain data) and whether it passes ``thresholds``."""
    thresholds = thresholds or Thresholds()
    paths = sorted(
        p for p in set(committed) | set(live) if p == changes.OVERALL or p.startswith(changes.CATEGORY_PREFIX)
    )
    rows, failures = [], []
    for path in paths:
        ours, theirs = _load(committed, path), _load(live, path)
        slug = (theirs or ours or {}).get("slug") or path
        if ours is None or theirs is None:
            rows.append({"file": path, "slug": slug, "status": "missing" if ours is None else "gone upstream"})
            failures.append(f"{slug}: {'not in the committed snapshot' if ours is None else 'no longer upstream'}")
            continue
        a, b = _order(ours), _order(theirs)
        top_a, top_b = a[:top], b[:top]
        overlap = len(set(top_a) & set(top_b)) / len(top_b) if top_b else (1.0 if not top_a else 0.0)
        tau = kendall_tau(b, a)
        row = {
            "file": path,
            "slug": slug,
            "status": "compared",
            "ranked_by": {"committed": ours.get("ranked_by"), "live": theirs.get("ranked_by")},
            "overlap": round(overlap, 4),
            "tau": None if tau is None else round(tau, 4),
            "missing_from_top": [m for m in top_b if m not in top_a],  # live top 10, not in ours
            "extra_in_top": [m for m in top_a if m not in top_b],  # our top 10, not live
        }
        rows.append(row)
        if overlap < thresholds.min_overlap:
            failures.append(f"{slug}: top-{top} overlap {overlap:.0%} < {thresholds.min_overlap:.0%}")
        if tau is not None and tau < thresholds.min_tau:
            failures.append(f"{slug}: Kendall tau {tau:.3f} < {thresholds.min_tau}")
    ours_ids, live_ids = changes.model_ids(committed), changes.model_ids(live)
    missing, extra = sorted(live_ids - ours_ids), sorted(ours_ids - live_ids)
    drift = (len(missing) + len(extra)) / len(live_ids) if live_ids else 0.0
    if drift > thresholds.max_model_drift:
        failures.append(
            f"catalog: {len(missing)} missing and {len(extra)} extra of {len(live_ids)} live models "
            f"({drift:.1%} > {thresholds.max_model_drift:.0%})"
        )
    return {
        "ok": not failures,
        "failures": failures,
        "thresholds": dataclasses.asdict(thresholds),
        "top": top,
        "rankings": rows,
        "models": {
            "committed": len(ours_ids),
            "live": len(live_ids),
            "missing": missing,
            "extra": extra,
            "drift": round(drift, 4),
        },
        "as_of": {"committed": _as_of(committed), "live": _as_of(live)},
    }


def _as_of(files: Mapping[str, bytes]) -> str | None:
    manifest = _load(files, "manifest.json")
    return manifest.get("as_of") if isinstance(manifest, dict) else None


def verify(opts: update.Options, *, top: int = TOP, thresholds: Thresholds | None = None) -> dict[str, Any]:
    """Fetch and build a fresh snapshot (nothing is written) and compare ``opts.snapshots``/v1 with it.

    Gates are not applied to the fresh build (``force``): verify reports disagreement, it does not publish.
    """
    from generator import store

    committed = store.read_files(opts.snapshots / "v1")
    result = update.update(dataclasses.replace(opts, write=False, force=True, progress=None))
    report = compare(committed, result.files, top=top, thresholds=thresholds)
    report["calls"] = len(result.calls)
    return report


def to_text(report: Mapping[str, Any]) -> str:
    """A table for people: one line per ranking, then the catalog and the verdict."""
    lines = [f"{'ranking':<28} {'top-' + str(report['top']) + ' overlap':>15} {'tau':>7}  differences"]
    for row in report["rankings"]:
        if row["status"] != "compared":
            lines.append(f"{str(row['slug'])[:28]:<28} {row['status']}")
            continue
        tau = "-" if row["tau"] is None else f"{row['tau']:.3f}"
        diff = ""
        if row["missing_from_top"] or row["extra_in_top"]:
            diff = f"live top has {len(row['missing_from_top'])} we lack, we have {len(row['extra_in_top'])} extra"
        if row["ranked_by"]["committed"] != row["ranked_by"]["live"]:
            diff += f" (ranked by {row['ranked_by']['committed']} vs {row['ranked_by']['live']} live)"
        lines.append(f"{str(row['slug'])[:28]:<28} {row['overlap']:>15.0%} {tau:>7}  {diff.strip()}")
    m = report["models"]
    lines.append(
        f"catalog: {m['committed']} committed, {m['live']} live; {len(m['missing'])} missing, "
        f"{len(m['extra'])} extra ({m['drift']:.1%})"
    )
    t = report["thresholds"]
    lines.append(
        f"{'agrees' if report['ok'] else 'DISAGREES'} (thresholds: overlap ≥ {t['min_overlap']:.0%}, "
        f"tau ≥ {t['min_tau']}, catalog drift ≤ {t['max_model_drift']:.0%})"
    )
    lines.extend(f"  {f}" for f in report["failures"][:20])
    return "\n".join(lines) + "\n"
