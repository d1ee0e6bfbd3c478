"""Where the compiled editions of a data folder that is not the wheel's own (a checkout's, or
``GOVCLASS_DATA_DIR``) are kept, and how a compiled file is read and written without ever being
taken for the truth when it is stale or damaged; and the reading of the editions a wheel carries
compiled (govclass.catalog.store decides which file and which key).

Nothing here imports attrs, yaml, json, re or typing: a cold lookup reads one file through it.
"""

from __future__ import annotations

import marshal
import os
import sys

__all__ = ["cache_dirs", "cache_name", "read_cache", "write_cache", "read_packaged", "digest", "TEMP_CACHE"]


def cache_dirs() -> list[str]:
    """Where compiled editions of a data folder that is not the wheel's own (a checkout's, or
    ``GOVCLASS_DATA_DIR``) are kept: ``GOVCLASS_CACHE_DIR`` alone when set
    (``off`` for none); else the user's cache folder, then a private folder
    under the temporary directory.  Never the package folder: ``pip
    uninstall`` would leave the files behind."""
    env = os.environ.get("GOVCLASS_CACHE_DIR")
    if env is not None:
        return [] if env.lower() in ("", "0", "off", "none") else [env]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [os.path.join(base, "govclass"), TEMP_CACHE]


# The temporary directory's fallback, resolved only when it is used (tempfile is not
# imported on the cold path); private to the user (checked before it is trusted).
TEMP_CACHE = "<temp>"


def _resolve_dir(directory: str) -> str | None:
    if directory != TEMP_CACHE:
        return directory
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    path = os.path.join(tempfile.gettempdir(), f"govclass-cache-{uid}")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    if hasattr(os, "getuid") and (st.st_uid != uid or st.st_mode & 0o022 or not os.path.isdir(path)
                                  or os.path.islink(path)):
        return None  # another user's folder, or one others may write: not trusted
    return path


def cache_name(year: int, year_dir: str) -> str:
    # FNV-1a of the data folder, so that two data folders never share a cache
    # file (zlib.crc32 would do, but importing zlib costs ~1 ms cold).
    tag = 0x811C9DC5
    for byte in os.path.abspath(year_dir).encode("utf-8", "surrogatepass"):
        tag = ((tag ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"catalog-{year}-{tag:08x}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


# A cache file is marshal((fingerprint, digest, payload)), the payload being the marshalled
# edition and the digest its BLAKE2b: an edit or a corruption of the file (even one that keeps
# its length and its marshal structure) makes it stale, never the truth.
_MAX_AGE = 30 * 86400  # cache files not used for this long are removed when a new one is written


def digest(payload: bytes) -> bytes:
    try:
        from _blake2 import blake2b  # hashlib would load OpenSSL first: ~6 ms on a cold lookup
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    return blake2b(payload, digest_size=16).digest()


def read_cache(directory: str, name: str, fingerprint: tuple) -> dict | None:
    if directory == TEMP_CACHE:
        resolved = _resolve_dir(directory)
        if resolved is None:
            return None
        directory = resolved
    path = os.path.join(directory, name)
    try:
        with open(path, "rb") as fh:
            stored_fp, stored_digest, payload = marshal.loads(fh.read())
        if stored_fp != fingerprint or digest(payload) != stored_digest:
            return None
        data = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    try:  # mark it used (rarely: once a day), so that pruning keeps it
        import time

        if time.time() - os.stat(path).st_mtime > 86400:
            os.utime(path)
    except OSError:
        pass
    return data


def write_cache(directory: str, name: str, fingerprint: tuple, data: dict) -> bool:
    import tempfile

    resolved = _resolve_dir(directory)
    if resolved is None:
        return False
    directory = resolved
    payload = marshal.dumps(data)
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((fingerprint, digest(payload), payload)))
            os.replace(tmp, os.path.join(directory, name))
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    _prune(directory, keep=name)
    return True


def _prune(directory: str, keep: str) -> None:
    """Remove cache files of old checkouts and Pythons that no run has used for
    ``_MAX_AGE``, and temporary files a killed run left behind."""
    import time

    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for e in entries:
        if e.name == keep or not (e.name.startswith("catalog-") and e.name.endswith(".marshal")
                                  or e.name.startswith(".tmp-")):
            continue
        try:
            age = now - e.stat(follow_symlinks=False).st_mtime
            if age > (86400 if e.name.startswith(".tmp-") else _MAX_AGE):
                os.unlink(e.path)
        except OSError:
            pass


def read_packaged(path: str, key: tuple) -> dict | None:
    """A compiled edition the wheel carries (marshal((key, digest, payload))), when it was compiled
    under ``key`` and is whole; else None."""
    try:
        with open(path, "rb") as fh:
            stored_key, stored_digest, payload = marshal.loads(fh.read())
        if stored_key != key or digest(payload) != stored_digest:
            return None
        data = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) else None
