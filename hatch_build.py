"""Build hook: compile the optional C speed-ups (govclass/speedups/_speedups.c) into
the wheel.

When no C compiler is at hand the wheel is built without them and govclass
runs its pure-Python code, which gives the same findings (only slower).
GOVCLASS_PURE=1 skips the build.  ``python hatch_build.py`` builds the module
in place, next to its source, for work in a checkout.
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


class SpeedupsHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable" or os.environ.get("GOVCLASS_PURE"):
            return
        self._tmp = tempfile.TemporaryDirectory()
        try:
            built = compile_speedups(self._tmp.name)
        except Exception as exc:  # no compiler, no headers: ship the pure-Python package
            self.app.display_warning(f"govclass: C speed-ups not built ({type(exc).__name__}: {exc}); "
                                     "the pure-Python code will run")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][str(built)] = f"govclass/speedups/{built.name}"

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
