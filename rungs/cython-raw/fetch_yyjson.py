"""Fetches yyjson's C source for the cython-raw rung from PyPI, pinned.

    fetch_yyjson.py DEST

The yyjson library (yyjson.c, yyjson.h; MIT) is not on any registry on
its own, but the source distribution of PyPI's `yyjson` bindings ships it:
this downloads that sdist with pip (the interpreter's own, so pip's cache
and index settings apply), checks its SHA-256, and unpacks the two files
and the licence into DEST, where the build (rungs/cython/build.py
--include DEST --c-source DEST/yyjson.c) compiles them into the module.
Nothing of it is kept in the repository. Does nothing if DEST already holds
this version.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DISTRIBUTION = "yyjson"
# The bindings' 4.0.6 ships yyjson 0.10.0 (YYJSON_VERSION_STRING).
VERSION = "4.0.6"
SDIST_SHA256 = "fcd4dc15c1e39a30bf9fa85d56903029111506860fc3080ab0d81c6c6dacaa8c"
SDIST = f"{DISTRIBUTION}-{VERSION}.tar.gz"
# The sdist's paths of what the build needs, and their names in DEST.
MEMBERS = {
    f"{DISTRIBUTION}-{VERSION}/yyjson/yyjson.c": "yyjson.c",
    f"{DISTRIBUTION}-{VERSION}/yyjson/yyjson.h": "yyjson.h",
    f"{DISTRIBUTION}-{VERSION}/LICENSE": "LICENSE",
}
# Written last: its presence says DEST is complete, its text which version.
STAMP = "VERSION"


class FetchError(Exception):
    """The source could not be fetched or is not what was pinned."""


def download(folder: Path) -> Path:
    """The pinned sdist, downloaded into folder; FetchError if pip fails."""
    # No build isolation: pip reads the sdist's metadata with the setuptools
    # already installed (the rung's packages) instead of fetching another.
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--no-binary", ":all:", "--no-build-isolation", "--dest", str(folder),
               f"{DISTRIBUTION}=={VERSION}"]
    if subprocess.run(command).returncode != 0:
        raise FetchError(f"pip could not download {DISTRIBUTION}=={VERSION}")
    sdist = folder / SDIST
    if not sdist.is_file():
        raise FetchError(f"pip did not leave {SDIST} in {folder}")
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise FetchError(f"{SDIST} has SHA-256 {digest}, not the pinned {SDIST_SHA256}")
    return sdist


def unpack(sdist: Path, dest: Path) -> None:
    with tarfile.open(sdist) as archive:
        for member, name in MEMBERS.items():
            try:
                source = archive.extractfile(member)
            except KeyError:
                source = None
            if source is None:
                raise FetchError(f"{SDIST} has no file {member}")
            (dest / name).write_bytes(source.read())


def fetch(dest: Path) -> None:
    stamp = dest / STAMP
    if stamp.is_file() and stamp.read_text(encoding="ascii").strip() == VERSION:
        return
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        unpack(download(Path(folder)), dest)
    stamp.write_text(VERSION + "\n", encoding="ascii")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: fetch_yyjson.py DEST", file=sys.stderr)
        return 2
    try:
        fetch(Path(argv[0]))
    except (FetchError, OSError, tarfile.TarError) as error:
        print(f"fetch_yyjson.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
