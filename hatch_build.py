"""Build hook of the wheel: compile the optional C speed-ups
(govclass/speedups/_speedups.c) and the catalog's editions into it.

When no C compiler is at hand the wheel is built without the speed-ups and
govclass runs its pure-Python code, which gives the same findings (only slower).
GOVCLASS_PURE=1 skips them.  ``python hatch_build.py`` builds the module in
place, next to its source, for work in a checkout.

The data tables in a wheel never change, so their editions are compiled here,
once, into govclass/_data/compiled/ (govclass.catalog.store.compile_for_wheel):
an installed govclass reads them and compiles nothing, and ~/.cache holds only
what a user's own data folder (GOVCLASS_DATA_DIR) compiles to.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCE = "govclass/speedups/_speedups.c"


def compile_speedups(out_dir: str) -> Path:
    """Compile the module into ``out_dir`` with setuptools (it knows each
    platform's compiler and flags); return the built file."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    dist = Distribution({"name": "govclass", "ext_modules": [
        Extension("govclass.speedups._speedups", [SOURCE], extra_compile_args=["-O2"] if os.name != "nt" else [])]})
    cmd = build_ext(dist)
    cmd.build_lib = out_dir
    cmd.build_temp = os.path.join(out_dir, "tmp")
    cmd.ensure_finalized()
    old = os.getcwd()
    os.chdir(ROOT)  # the source path is relative to the project
    try:
        cmd.run()
    finally:
        os.chdir(old)
    return Path(cmd.get_ext_fullpath("govclass.speedups._speedups"))


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


def compile_catalog(out_dir: str) -> list[Path]:
    """Compile every edition of the source's data tables (data/codes) into ``out_dir``; the files."""
    sys.path.insert(0, str(ROOT))
    saved = os.environ.get("GOVCLASS_DATA_DIR")
    os.environ["GOVCLASS_DATA_DIR"] = str(ROOT / "data" / "codes")  # the wheel's data, whatever the caller set
    try:
        from govclass.catalog import store

        return [Path(p) for p in store.compile_for_wheel(out_dir)]
    finally:
        sys.path.remove(str(ROOT))
        if saved is None:
            del os.environ["GOVCLASS_DATA_DIR"]
        else:
            os.environ["GOVCLASS_DATA_DIR"] = saved


class SpeedupsHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = tempfile.TemporaryDirectory()
        self._catalog(build_data)
        if os.environ.get("GOVCLASS_PURE"):
            return
        try:
            built = compile_speedups(self._tmp.name)
        except Exception as exc:  # no compiler, no headers: ship the pure-Python package
            self.app.display_warning(f"govclass: C speed-ups not built ({type(exc).__name__}: {exc}); "
                                     "the pure-Python code will run")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][str(built)] = f"govclass/speedups/{built.name}"

    def _catalog(self, build_data: dict) -> None:
        """The editions compiled into the wheel; without them (a build that cannot read the YAML
        tables) an installed govclass compiles them on first use, as a checkout does."""
        try:
            compiled = compile_catalog(os.path.join(self._tmp.name, "compiled"))
        except Exception as exc:  # noqa: BLE001 - the package works without them, only slower to start
            self.app.display_warning(f"govclass: catalog not compiled into the wheel ({type(exc).__name__}: {exc}); "
                                     "it is compiled on first use")
            return
        for path in compiled:
            build_data["force_include"][str(path)] = f"govclass/_data/compiled/{path.name}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        built = compile_speedups(tmp)
        target = ROOT / "govclass" / "speedups" / built.name
        # a new file put in place, not the old one overwritten: a process that has the old
        # module loaded keeps its mapping of it (overwriting it in place crashes that process)
        fresh = target.with_name(target.name + ".new")
        fresh.write_bytes(built.read_bytes())
        os.replace(fresh, target)
    print(f"built {target.relative_to(ROOT)}", file=sys.stderr)
