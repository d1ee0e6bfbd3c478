"""The compiled cache: used when fresh, rebuilt when a data file changes,
harmless when missing, corrupt or unwritable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govclass.catalog import store as _store

SNIPPET = "import govclass; print(govclass.lookup('2101505', year=2024).name)"
NO_YAML = "import sys; sys.modules['yaml'] = None\n"  # any YAML parse now fails


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "codes"
    shutil.copytree(Path(_store.data_dir()), data)
    e = dict(os.environ)
    e["GOVCLASS_DATA_DIR"] = str(data)
    e["GOVCLASS_CACHE_DIR"] = str(tmp_path / "cache")
    return e


def py(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8")


def test_second_run_does_not_parse_yaml(env):
    first = py(SNIPPET, env)
    assert first.returncode == 0 and first.stdout.strip() == "医疗保障政策管理", first.stderr
    assert list(Path(env["GOVCLASS_CACHE_DIR"]).glob("catalog-2024-*.marshal"))
    second = py(NO_YAML + SNIPPET, env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "医疗保障政策管理"


def test_changed_data_file_invalidates_the_cache(env):
    assert py(SNIPPET, env).returncode == 0
    # the code is confirmed by 2024 documents: its confirmation must follow the rename (or the data is refused)
    for f in (Path(env["GOVCLASS_DATA_DIR"]) / "2024" / "functional" / "210.yaml",
              Path(env["GOVCLASS_DATA_DIR"]) / "evidence" / "2024.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace("name: 医疗保障政策管理", "name: 医疗保障政策管理（测试）"),
                     encoding="utf-8")
    r = py(SNIPPET, env)
    assert r.returncode == 0 and r.stdout.strip() == "医疗保障政策管理（测试）", r.stderr
    # and the stale cache is not used by a process that cannot parse YAML either
    assert py(NO_YAML + SNIPPET, env).stdout.strip() == "医疗保障政策管理（测试）"


def test_changed_evidence_file_invalidates_the_cache(env):
    status = "import govclass; print(govclass.lookup('2101505', year=2024).status)"
    assert py(status, env).stdout.strip() == "confirmed"
    (Path(env["GOVCLASS_DATA_DIR"]) / "evidence" / "2024.yaml").unlink()
    r = py(status, env)
    assert r.returncode == 0 and r.stdout.strip() == "curated", r.stderr


def test_a_confirmation_that_contradicts_the_edition_is_refused(env):
    f = Path(env["GOVCLASS_DATA_DIR"]) / "2024" / "functional" / "210.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("name: 医疗保障政策管理", "name: 医疗保障政策管理（测试）"),
                 encoding="utf-8")
    r = py(SNIPPET, env)
    assert r.returncode != 0 and "a confirmation never renames" in r.stderr


def test_corrupt_cache_is_rebuilt(env):
    assert py(SNIPPET, env).returncode == 0
    for f in Path(env["GOVCLASS_CACHE_DIR"]).glob("*.marshal"):
        f.write_bytes(b"\x00garbage")
    r = py(SNIPPET, env)
    assert r.returncode == 0 and r.stdout.strip() == "医疗保障政策管理", r.stderr


def test_unwritable_or_disabled_cache_still_answers(env, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    env["GOVCLASS_CACHE_DIR"] = str(blocker)
    r = py(SNIPPET, env)
    assert r.returncode == 0 and r.stdout.strip() == "医疗保障政策管理", r.stderr
    env["GOVCLASS_CACHE_DIR"] = "off"
    assert py(SNIPPET, env).stdout.strip() == "医疗保障政策管理"


def test_cache_equals_a_fresh_compile(env):
    assert py(SNIPPET, env).returncode == 0
    import marshal

    (cache_file,) = Path(env["GOVCLASS_CACHE_DIR"]).glob("*.marshal")
    _fp, _digest, payload = marshal.loads(cache_file.read_bytes())
    cached = marshal.loads(payload)
    # the 2024 edition is its base tables with the confirmations of evidence/2024.yaml (the copy is identical)
    fresh = _store.compile_derived(2024, 2024, ())
    assert cached == fresh


def test_malformed_data_file_gives_one_line_error(env):
    f = Path(env["GOVCLASS_DATA_DIR"]) / "2024" / "functional" / "210.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\n  - code: 2109999\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govclass", "lookup", "2101505"], env=env, capture_output=True,
                       text=True, encoding="utf-8")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "210.yaml" in r.stderr


def test_the_wheel_carries_its_editions_compiled(tmp_path, monkeypatch):
    """The wheel's data never changes: its editions are compiled at build time (hatch_build.py,
    store.compile_for_wheel) and read as they are, no YAML parsed and no cache written, as long as
    the data read is the wheel's own; a file compiled for another Python, or altered, is not used."""
    import marshal

    monkeypatch.delenv("GOVCLASS_DATA_DIR", raising=False)
    monkeypatch.setenv("GOVCLASS_CACHE_DIR", str(tmp_path / "cache"))
    fresh = _store.load_year(2024)
    out = tmp_path / "compiled"
    written = _store.compile_for_wheel(str(out))
    assert sorted(Path(p).name for p in written) == sorted(f"catalog-{y}.marshal" for y in _store.plan())
    monkeypatch.setattr(_store, "compiled_dir", lambda: str(out))
    monkeypatch.setenv("GOVCLASS_CACHE_DIR", str(tmp_path / "unused"))
    monkeypatch.setitem(sys.modules, "yaml", None)  # any YAML parse now fails
    assert _store.load_year(2024) == fresh
    assert not (tmp_path / "unused").exists()
    # the user's own data folder is not the wheel's: its editions are compiled and cached as before
    monkeypatch.setenv("GOVCLASS_DATA_DIR", _store.data_dir())
    assert _store._read_packaged(2024) is None
    monkeypatch.delenv("GOVCLASS_DATA_DIR")
    path = out / "catalog-2024.marshal"
    key, digest, payload = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps(((key[0], (2, 7), *key[2:]), digest, payload)))  # compiled for another Python
    assert _store._read_packaged(2024) is None
    path.write_bytes(marshal.dumps((key, digest, payload[:-1] + b"\x00")))  # altered
    assert _store._read_packaged(2024) is None
