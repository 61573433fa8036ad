"""The bytes a rung's packages take in an environment, for the report's effort.

    installed_size.py NAME...

Prints one number: the size of the files of each named distribution and of
every distribution they require, transitively, as installed here (their
RECORD files). A requirement that is not installed (an extra, or one for
another Python) adds nothing. Standard library only; runs on every
interpreter of the ladder.
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

# The name at the start of a requirement string ("numpy>=2; python_version...").
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_bytes(names: list[str]) -> int:
    seen: set[str] = set()
    total = 0
    todo = list(names)
    while todo:
        name = todo.pop()
        key = canonical(name)
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or []:
            try:
                total += Path(file.locate()).stat().st_size
            except OSError:
                pass
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            match = REQUIREMENT_NAME.match(requirement)
            if match:
                todo.append(match.group(0))
    return total


if __name__ == "__main__":
    print(installed_bytes(sys.argv[1:]))
