"""What an installed govclass carries.  CI installs the package into a fresh
venv and runs the tests from a temporary directory with
GOVCLASS_EXPECT_INSTALLED=1, so these prove the wheel works without a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import govclass
from govclass.catalog import store as _store

REPO = Path(__file__).resolve().parents[1]
installed_only = pytest.mark.skipif(os.environ.get("GOVCLASS_EXPECT_INSTALLED") != "1",
                                    reason="only meaningful against an installed package (CI)")


@installed_only
def test_the_imported_package_is_not_the_checkout():
    pkg = Path(govclass.__file__).resolve().parent
    assert REPO not in pkg.parents, pkg


@installed_only
def test_wheel_ships_the_data_tables():
    data = Path(_store.data_dir())
    assert data == Path(govclass.__file__).resolve().parent / "_data" / "codes"
    assert len(list((data / "2024" / "functional").glob("*.yaml"))) >= 25
    assert (data / "2024" / "economic-dept.yaml").is_file()


@installed_only
def test_wheel_carries_its_editions_compiled(tmp_path):
    """Compiled at build time (hatch_build.py): a lookup in a fresh process parses no YAML and
    writes no cache."""
    compiled = Path(_store.compiled_dir())
    assert sorted(p.name for p in compiled.glob("catalog-*.marshal")) == sorted(
        f"catalog-{y}.marshal" for y in _store.available_years())
    env = {k: v for k, v in os.environ.items() if k not in ("GOVCLASS_DATA_DIR", "GOVCLASS_CACHE_DIR")}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    code = "import sys; sys.modules['yaml'] = None; import govclass; print(govclass.lookup('2101505', year=2024).name)"
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                       encoding="utf-8")
    assert r.returncode == 0 and r.stdout.strip() == "医疗保障政策管理", r.stderr
    assert not (tmp_path / "cache").exists()


@installed_only
def test_cli_works_from_an_unrelated_directory(tmp_path):
    r = subprocess.run([sys.executable, "-m", "govclass", "lookup", "2101505"], cwd=tmp_path,
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and "医疗保障政策管理" in r.stdout, r.stderr


def test_package_is_typed():
    assert (Path(govclass.__file__).parent / "py.typed").is_file()


def test_import_is_light():
    """Importing govclass must not drag in attrs, yaml or jsonschema: the CLI's
    cold start depends on it."""
    code = ("import sys; before = set(sys.modules); import govclass, govclass.cli, govclass.catalog.store; "
            "new = set(sys.modules) - before; "
            "print(sorted(m for m in ('attrs', 'attr', 'yaml', 'jsonschema', 'typing', 'json') if m in new))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr
