"""``orsnap verify``: does the committed snapshot still agree with the source?

Builds a fresh snapshot in memory with the update pipeline (:func:`generator.update.update` with
``write=False``: same discovery, fetching, normalization and ranking, nothing written) and compares it with the
committed one, per category and for the overall leaderboard: top-10 overlap, rank agreement (Kendall's tau
over the models both rankings list) and the models each side lacks; plus catalog models missing or extra, and
categories added or removed upstream; and what users rely on per model: the prompt and completion prices
(compared as exact decimals, a missing key being 0) and the context length, each as the share of the models both
sides list that agree. Pure comparison functions; the one I/O edge is :func:`verify`.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from generator import changes, published, update
from generator.snapshot import Snapshot

TOP = 10
MIN_OVERLAP = 0.6
MIN_TAU = 0.5
MAX_MODEL_DRIFT = 0.1
# Real catalogs one to two weeks apart agree on 94.8–97.6 % of prompt/completion prices and 97.9–99.4 % of context
# lengths (README, "Health check"); 3.5 months apart, 72.8 % and 89.9 %.
MIN_PRICE_AGREEMENT = 0.9
MIN_CONTEXT_AGREEMENT = 0.9
PRICE_KEYS = ("prompt", "completion")
SHOWN = 10  # disagreements listed in the text report


@dataclass(frozen=True)
class Thresholds:
    min_overlap: float = MIN_OVERLAP  # share of the live top 10 the committed top 10 must hold
    min_tau: float = MIN_TAU  # Kendall's tau over the models both rankings list
    max_model_drift: float = MAX_MODEL_DRIFT  # share of catalog models missing or extra
    min_price_agreement: float = MIN_PRICE_AGREEMENT  # share of models whose prompt and completion prices agree
    min_context_agreement: float = MIN_CONTEXT_AGREEMENT  # share of models whose context length agrees


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


def _order(doc: published.Ranking) -> list[str]:
    return [e.model_id for e in doc.entries]


def _snapshot(files: Snapshot | Mapping[str, bytes]) -> Snapshot:
    return files if isinstance(files, Snapshot) else Snapshot(files)


def _ranking(snap: Snapshot, path: str) -> published.Ranking | None:
    return snap.doc(path, published.Ranking) if path in snap else None


def _catalog(snap: Snapshot) -> dict[str, published.Model]:
    catalog = snap.catalog
    return {m.id: m for m in catalog.models} if catalog is not None else {}


def _price(model: published.Model, key: str) -> Decimal | str:
    """A price as an exact decimal (a missing key is 0); text that is not a number is compared as text."""
    raw = model.pricing.get(key, "0")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return raw


def catalog_checks(committed: Snapshot | Mapping[str, bytes], live: Snapshot | Mapping[str, bytes]) -> dict[str, Any]:
    """Per model listed on both sides: do the prompt/completion prices (exact decimals) and the context length
    agree? The share that agree per check, and every disagreement (id, field, committed, live)."""
    ours, theirs = _catalog(_snapshot(committed)), _catalog(_snapshot(live))
    both = sorted(ours.keys() & theirs.keys())
    prices: list[dict[str, Any]] = []
    contexts: list[dict[str, Any]] = []
    price_models: set[str] = set()
    for model_id in both:
        a, b = ours[model_id], theirs[model_id]
        for key in PRICE_KEYS:
            if _price(a, key) != _price(b, key):
                price_models.add(model_id)
                prices.append(
                    {"id": model_id, "field": key, "committed": a.pricing.get(key), "live": b.pricing.get(key)}
                )
        if a.context_length != b.context_length:
            contexts.append(
                {"id": model_id, "field": "context_length", "committed": a.context_length, "live": b.context_length}
            )

    def share(disagree: int) -> float:
        return round((len(both) - disagree) / len(both), 4) if both else 1.0

    return {
        "compared": len(both),
        "prices": {"agree": share(len(price_models)), "models_differing": len(price_models), "differences": prices},
        "context_length": {"agree": share(len(contexts)), "models_differing": len(contexts), "differences": contexts},
    }


def _ranking_rows(
    committed: Snapshot, live: Snapshot, top: int, thresholds: Thresholds
) -> tuple[list[dict[str, Any]], list[str]]:
    """Per category and the overall leaderboard: top overlap and Kendall's tau, and the failures they make."""
    paths = sorted(
        p
        for p in set(committed.files) | set(live.files)
        if p == changes.OVERALL or p.startswith(changes.CATEGORY_PREFIX)
    )
    rows: list[dict[str, Any]] = []
    failures: list[str] = []
    for path in paths:
        ours, theirs = _ranking(committed, path), _ranking(live, path)
        slug = (theirs or ours).slug if (theirs or ours) is not None else path
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
            "ranked_by": {"committed": ours.ranked_by, "live": theirs.ranked_by},
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
    return rows, failures


def compare(
    committed: Snapshot | Mapping[str, bytes],
    live: Snapshot | Mapping[str, bytes],
    *,
    top: int = TOP,
    thresholds: Thresholds | None = None,
) -> dict[str, Any]:
    """The agreement report (plain data) and whether it passes ``thresholds``."""
    thresholds = thresholds or Thresholds()
    committed, live = _snapshot(committed), _snapshot(live)
    rows, failures = _ranking_rows(committed, live, top, thresholds)
    ours_ids, live_ids = frozenset(_catalog(committed)), frozenset(_catalog(live))
    missing, extra = sorted(live_ids - ours_ids), sorted(ours_ids - live_ids)
    drift = (len(missing) + len(extra)) / len(live_ids) if live_ids else 0.0
    if drift > thresholds.max_model_drift:
        failures.append(
            f"catalog: {len(missing)} missing and {len(extra)} extra of {len(live_ids)} live models "
            f"({drift:.1%} > {thresholds.max_model_drift:.0%})"
        )
    checks = catalog_checks(committed, live)
    for name, label, limit in (
        ("prices", "prompt/completion prices", thresholds.min_price_agreement),
        ("context_length", "context lengths", thresholds.min_context_agreement),
    ):
        agree = checks[name]["agree"]
        if agree < limit:
            failures.append(
                f"{label}: {agree:.1%} of {checks['compared']} models agree (< {limit:.0%}), "
                f"{checks[name]['models_differing']} differ"
            )
    overlaps = [r["overlap"] for r in rows if r["status"] == "compared"]
    return {
        "ok": not failures,
        "failures": failures,
        "summary": {
            "prices_agree": checks["prices"]["agree"],
            "context_length_agree": checks["context_length"]["agree"],
            "top_overlap_mean": round(statistics.fmean(overlaps), 4) if overlaps else None,
            "top_overlap_min": min(overlaps) if overlaps else None,
            "rankings_compared": len(overlaps),
            "models_compared": checks["compared"],
        },
        "catalog_checks": checks,
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


def _as_of(snap: Snapshot) -> str | None:
    manifest = snap.manifest
    return manifest.as_of if manifest is not None else None


def verify(opts: update.Options, *, top: int = TOP, thresholds: Thresholds | None = None) -> dict[str, Any]:
    """Fetch and build a fresh snapshot (nothing is written) and compare ``opts.snapshots``/v1 with it.

    Gates are not applied to the fresh build (``force``): verify reports disagreement, it does not publish.
    It compares the catalog and the leaderboards, so it asks for no model's providers (40 keyed calls saved).
    """
    committed = Snapshot.from_dir(opts.snapshots / "v1")
    result = update.update(dataclasses.replace(opts, write=False, force=True, progress=None, providers=False))
    report = compare(committed, result.files, top=top, thresholds=thresholds)
    report["calls"] = len(result.calls)
    report["checked_at"] = opts.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report["source"] = {"live": opts.api_base == update.DEFAULT_API_BASE, "keyed": opts.api_key is not None}
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
    checks = report["catalog_checks"]
    for name, label in (("prices", "prompt/completion prices"), ("context_length", "context lengths")):
        check = checks[name]
        lines.append(
            f"{label}: {check['agree']:.1%} of {checks['compared']} models agree ({check['models_differing']} differ)"
        )
        for d in check["differences"][:SHOWN]:
            lines.append(f"  {d['id']} {d['field']}: committed {d['committed']}, live {d['live']}")
        if len(check["differences"]) > SHOWN:
            lines.append(f"  … and {len(check['differences']) - SHOWN} more")
    t = report["thresholds"]
    lines.append(
        f"{'agrees' if report['ok'] else 'DISAGREES'} (thresholds: overlap ≥ {t['min_overlap']:.0%}, "
        f"tau ≥ {t['min_tau']}, catalog drift ≤ {t['max_model_drift']:.0%}, prices agree ≥ "
        f"{t['min_price_agreement']:.0%}, context lengths agree ≥ {t['min_context_agreement']:.0%})"
    )
    lines.extend(f"  {f}" for f in report["failures"][:20])
    return "\n".join(lines) + "\n"


class Published(BaseModel):
    """What the site reads from a verify report (``orsnap build --validation``): checked strictly, since the
    file comes from another job; every other field of the report is published as it is."""

    model_config = ConfigDict(extra="allow")

    class Summary(BaseModel):
        model_config = ConfigDict(extra="allow")
        prices_agree: float = Field(ge=0, le=1)
        context_length_agree: float = Field(ge=0, le=1)
        top_overlap_mean: float | None = Field(ge=0, le=1)
        top_overlap_min: float | None = Field(ge=0, le=1)

    class Source(BaseModel):
        model_config = ConfigDict(extra="allow")
        live: bool
        keyed: bool

    ok: bool
    top: int = Field(ge=1, le=1000)
    checked_at: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    summary: Summary
    source: Source
    failures: list[str]


def read_published(data: bytes) -> tuple[Published, dict[str, Any]]:
    """Parse a verify report for the site; :class:`ValueError` (pydantic's ValidationError is one) when it is
    not one."""
    raw = json.loads(data)
    return Published.model_validate(raw), raw
