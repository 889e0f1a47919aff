from pathlib import PurePosixPath

import pytest

from generator.slugs import SlugError, label_for, parent_of, slug_from_value, slug_path, validate_slug

ROOT = PurePosixPath("rankings/category")


@pytest.mark.parametrize("slug", ["programming", "marketing/seo", "top-weekly", "a/b/c/d", "x1-2"])
def test_valid_slugs_map_to_paths_inside_the_root(slug: str) -> None:
    path = slug_path(ROOT, slug)
    assert path.parts[: len(ROOT.parts)] == ROOT.parts
    assert str(path).endswith(".json")
    assert ".." not in path.parts


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "../../etc",
        "../x",
        "/abs",
        "a//b",
        "a/",
        "/",
        ".",
        "a/./b",
        "CON",
        "con",
        "nul/x",
        "lpt1",
        "Programming",
        "a b",
        "a_b",
        "a\\b",
        "a/b/c/d/e",
        "x" * 101,
        "-lead",
        "trail-",
        "a--b",
        "é",
        "seo\u202e",
        "a\x00b",
        7,
        None,
    ],
)
def test_no_path_can_be_built_from_an_unvalidated_slug(slug: object) -> None:
    with pytest.raises(SlugError):
        slug_path(ROOT, slug)  # type: ignore[arg-type]
    with pytest.raises(SlugError):
        validate_slug(slug)


def test_nested_category_has_its_parent() -> None:
    assert parent_of("marketing/seo") == "marketing"
    assert parent_of("marketing") is None
    assert slug_path(ROOT, "marketing/seo") == PurePosixPath("rankings/category/marketing/seo.json")


def test_filter_values_become_slugs() -> None:
    assert slug_from_value("context_bucket", "10K") == "context-bucket-10k"
    assert slug_from_value("modality", "image_output") == "modality-image-output"
    with pytest.raises(SlugError):
        slug_from_value("modality", "../x")


def test_labels_come_from_the_slug() -> None:
    assert label_for("marketing/seo") == "SEO"
    assert label_for("programming") == "Programming"
    assert label_for("pricing-low-to-high") == "Pricing low to high"


def test_a_trailing_newline_is_not_a_valid_slug() -> None:
    """`$` matches before a trailing newline; every slug and id check matches the whole string."""
    for slug in ("legal\n", "marketing/seo\n", "legal\r"):
        with pytest.raises(SlugError):
            validate_slug(slug)
