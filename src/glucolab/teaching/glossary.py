"""The course glossary (``glossary.toml``): terms with plain definitions, and the card of symbols
and units. ``lookup("homa")`` prints the entries that mention a word; ``tools/build_glossary.py``
writes the glossary notebook from the same data."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NOTEBOOK = "glossary.ipynb"


@dataclass(frozen=True)
class Term:
    """A glossary entry: its ``name``, the ``matches`` (regular expressions) that find it in a
    lesson's text, and its ``definition``."""

    name: str
    matches: tuple
    definition: str

    @property
    def anchor(self) -> str:
        """The id of the entry's heading in the glossary notebook (JupyterLab's rule: spaces to
        hyphens)."""
        return self.name.replace(" ", "-")

    @property
    def link(self) -> str:
        return f"{NOTEBOOK}#{self.anchor}"

    def found_in(self, text: str):
        """The first match of the term in ``text``, or None."""
        hits = [m for rx in self.matches for m in [re.search(rx, text, _flags(rx))] if m]
        return min(hits, key=lambda m: m.start()) if hits else None


def _flags(rx: str) -> int:
    """Acronyms (two capitals in a row: CV, OGTT) match as written; other terms in any case."""
    return 0 if re.search(r"[A-Z]{2}", rx.replace("\\b", "")) else re.I


@lru_cache(maxsize=None)
def _data() -> dict:
    return tomllib.loads((resources.files("glucolab.teaching") / "glossary.toml").read_text(encoding="utf-8"))


def terms() -> list:
    """Every glossary entry, in alphabetical order."""
    return [Term(t["name"], tuple(t["matches"]), t["definition"]) for t in _data()["term"]]


def symbols() -> list:
    """The symbols-and-units card: dicts with ``symbol``, ``meaning`` and ``units``."""
    return list(_data()["symbol"])


def lookup(word: str) -> None:
    """Print every glossary entry whose name or definition mentions ``word``.

    Examples
    --------
    >>> lookup("geometric")  # doctest: +ELLIPSIS
    Geometric mean: The average of the logarithms, turned back into the original unit ...
    """
    if not isinstance(word, str) or not word.strip():
        raise ValueError(f"word={word!r}: expected a word to look up, e.g. 'clamp'")
    found = [t for t in terms() if word.lower() in (t.name + " " + t.definition).lower()]
    if not found:
        print(f"No glossary entry mentions {word!r}.")
    for t in found:
        print(f"{t.name}: {t.definition}")
