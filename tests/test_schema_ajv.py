"""`govclass schema --codes` checked by ajv (Node.js), a validator that is not
ours.  CI installs ajv and sets GOVCLASS_AJV_DIR; elsewhere the test skips
unless GOVCLASS_REQUIRE_AJV=1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def ajv_dir() -> Path | None:
    d = os.environ.get("GOVCLASS_AJV_DIR")
    if d and (Path(d) / "node_modules" / "ajv").is_dir() and shutil.which("node"):
        return Path(d)
    if os.environ.get("GOVCLASS_REQUIRE_AJV") == "1":
        pytest.fail("ajv not installed (GOVCLASS_AJV_DIR)")
    pytest.skip("ajv not installed (set GOVCLASS_AJV_DIR to a folder with node_modules/ajv)")
    return None


def test_ajv_accepts_legal_codes_and_rejects_a_misprint(tmp_path):
    d = ajv_dir()
    schema = tmp_path / "codes.schema.json"
    schema.write_text(subprocess.run([sys.executable, "-m", "govclass", "schema", "--codes"], capture_output=True,
                                     text=True, encoding="utf-8", check=True).stdout, encoding="utf-8")
    good = HERE / "fixtures" / "seed000_tables.json"
    bad_doc = json.loads(good.read_text(encoding="utf-8"))
    bad_doc["tables"][0]["lines"][1]["code"] = "2089999999"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_doc, ensure_ascii=False), encoding="utf-8")
    seed003 = HERE / "fixtures" / "seed003_tables.json"  # prints the misprint 310111
    env = dict(os.environ, NODE_PATH=str(d / "node_modules"))
    out = subprocess.run(["node", str(HERE / "js" / "ajv_check.js"), str(schema), str(good), str(bad), str(seed003)],
                         capture_output=True, text=True, env=env, check=True).stdout.splitlines()
    assert out[0].endswith("valid") and " invalid" not in out[0]
    assert " invalid /tables/0/lines/1/code" in out[1]
    assert " invalid " in out[2] and "/code" in out[2]
