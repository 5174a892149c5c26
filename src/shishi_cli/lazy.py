"""Names a package exports but imports only when first asked for (PEP 562)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def exports(package: str, where: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name of `where` read from the submodule it
    names, the first time it is asked for, and kept in the package's `namespace`."""

    def getattr_(name: str) -> Any:
        import importlib

        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
        namespace[name] = found
        return found

    return getattr_
