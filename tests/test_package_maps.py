"""Each package's __init__ names every module it holds, so a newcomer finds them all from one map."""

from pathlib import Path

import pytest

import glucolab

SRC = Path(glucolab.__file__).parent
PACKAGES = [SRC] + sorted(p for p in SRC.iterdir() if (p / "__init__.py").exists())


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_the_package_map_names_every_module(package):
    text = (package / "__init__.py").read_text(encoding="utf-8")
    doc = text[:text.index('"""', 3)]
    dotted = "glucolab" if package == SRC else f"glucolab.{package.name}"
    modules = [p.stem for p in package.glob("*.py") if p.stem != "__init__"]
    modules += [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
    missing = [m for m in modules if f":mod:`.{m}`" not in doc and f":mod:`{dotted}.{m}`" not in doc]
    assert not missing, f"{dotted}/__init__.py does not name {missing} in its map"
