# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Imported first by the models backend: without its extra, say which one to install.

The structs backend, the CLI and `diff` need only msgspec and pybase64; the pydantic backend
also needs pydantic and pysimdjson, the `models` extra. Importing `realtime_schema.<p>.models`
without them raises this ImportError instead of a bare "No module named 'pydantic'".
"""

from __future__ import annotations

from importlib.util import find_spec

EXTRA = "realtime-schema[models]"
# module -> the distribution that provides it
REQUIRED = {"pydantic": "pydantic", "simdjson": "pysimdjson"}

_missing = [package for module, package in REQUIRED.items() if find_spec(module) is None]
if _missing:
    raise ImportError(
        f"the models backend needs {' and '.join(REQUIRED.values())}, and this environment "
        f'lacks {" and ".join(_missing)}: pip install "{EXTRA}" (the structs backend needs neither)',
        name=_missing[0],
    )
