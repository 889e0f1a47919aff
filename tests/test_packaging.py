"""Installed, not only cloned: the site's templates and static files ship as package data of `generator`."""

from __future__ import annotations

import fnmatch
import importlib.resources
import tomllib

from generator import site, site_paths, site_render

from .conftest import ROOT

PACKAGE = ROOT / "generator"


def test_every_template_and_static_file_is_declared_package_data() -> None:
    """pyproject's package-data globs match every file under generator/web/, so a wheel carries them all."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["generator"]
    files = sorted(p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "web").rglob("*") if p.is_file())
    assert any(f.startswith("web/templates/") for f in files) and any(f.startswith("web/static/") for f in files)
    not_shipped = [f for f in files if not any(fnmatch.fnmatchcase(f, g) for g in globs)]
    assert not_shipped == []


def test_the_site_reads_its_files_through_the_installed_package() -> None:
    """The lookup goes through importlib.resources (the installed package), not a path relative to a clone."""
    web = importlib.resources.files("generator") / "web"
    site_dir = site_paths.SITE_DIR
    assert site_dir.resolve() == PACKAGE.joinpath("web").resolve() == type(site_dir)(str(web)).resolve()
    static = site.static_files()
    assert sorted(static) == sorted(p.name for p in (web / "static").iterdir())
    templates = site_render.environment().list_templates()
    assert "base.html" in templates and sorted(templates) == sorted(p.name for p in (web / "templates").iterdir())
