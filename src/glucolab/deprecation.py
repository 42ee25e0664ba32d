"""Old names kept for one release: each call warns and names what replaced it."""

from __future__ import annotations

import functools
import warnings

REMOVAL = "0.3.0"  # the release in which every deprecated name goes


def _message(old: str, new: str, note: str = "") -> str:
    return f"{old} is now {new}; the old name goes in {REMOVAL}" + (f" ({note})" if note else "")


def warn_renamed(old: str, new: str, note: str = "") -> None:
    """Warn, from inside a deprecated method or property, that ``old`` is now ``new``; the
    warning points at the line that used the old name."""
    warnings.warn(_message(old, new, note), DeprecationWarning, stacklevel=3)


def renamed(new, old: str, *, new_name: str | None = None, note: str = ""):
    """A function called ``old`` that warns once per call site and then calls ``new``.

    Parameters
    ----------
    new : callable
        The function that replaces the old name.
    old : str
        The old name, as a user would have typed it (``"simulate_meal"``).
    new_name : str, optional
        How to call the replacement, when it is not simply ``new.__name__``.
    note : str, optional
        What changed besides the name, appended to the warning.

    Examples
    --------
    >>> import warnings
    >>> def area(r):
    ...     return 3.0 * r * r
    >>> old_area = renamed(area, "old_area")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old_area(2.0)
    12.0
    >>> print(caught[0].message)
    old_area is now area; the old name goes in 0.3.0
    """
    message = _message(old, new_name or new.__name__, note)

    @functools.wraps(new)
    def alias(*args, **kwargs):
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = old
    alias.__qualname__ = old
    alias.__doc__ = f"Deprecated: {message}."
    return alias


def renamed_attributes(module: str, renames: dict):
    """A module-level ``__getattr__`` that still serves old names of classes or constants.

    Parameters
    ----------
    module : str
        The module's ``__name__``.
    renames : dict
        ``{old_name: (new_name, object)}``.

    Examples
    --------
    >>> import warnings
    >>> lookup = renamed_attributes("glucolab.models.example", {"Old": ("New", int)})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     lookup("Old") is int
    True
    >>> print(caught[0].message)
    example.Old is now example.New; the old name goes in 0.3.0
    """
    short = module.rsplit(".", 1)[-1]

    def __getattr__(name):
        if name in renames:
            new_name, obj = renames[name]
            warnings.warn(_message(f"{short}.{name}", f"{short}.{new_name}"), DeprecationWarning, stacklevel=2)
            return obj
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    return __getattr__
