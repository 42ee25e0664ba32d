"""Old names kept for one release: each call warns and names what replaced it."""

from __future__ import annotations

import functools
import warnings

REMOVAL = "0.3.0"  # the release in which every deprecated name goes


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
    message = f"{old} is now {new_name or new.__name__}; the old name goes in {REMOVAL}"
    message += f" ({note})" if note else ""

    @functools.wraps(new)
    def alias(*args, **kwargs):
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = old
    alias.__qualname__ = old
    alias.__doc__ = f"Deprecated: {message}."
    return alias
