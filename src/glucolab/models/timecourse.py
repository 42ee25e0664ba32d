"""The shapes every model shares: a parameter :class:`Range`, :class:`Parameters` that change
by ``replace``, and :class:`TimeCourse`, the one result type of a run over time.

A model's run returns a frozen dataclass that inherits :class:`TimeCourse` and lists, in
``SERIES``, each quantity it carries over time with its unit, stored or derived (HOMA-IR,
HbA1c). Every run can then be read the same way:

>>> from glucolab.models import feedback
>>> meal = feedback.simulate(180, carbs_g=75)
>>> round(meal.at(30).glucose)
141
>>> round(meal.first_time("glucose", 140), 1)
24.3
>>> print(meal.table(every=60, series=("glucose", "insulin")))
time (min)  glucose (mg/dL)  insulin (µU/mL)
       0.0             92.0            11.00
      60.0            112.0            38.75
     120.0             97.9            21.44
     180.0             95.1            17.06
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from ..validation import as_float_array, in_range


class Range(NamedTuple):
    """The values a model parameter may take: ``low`` to ``high`` in ``unit``, both ends included.

    A plain tuple underneath, so ``low, high, unit = RANGES[name]`` keeps working.

    >>> Range(0.1, 5.0, "x healthy").check(6.0, "beta")
    Traceback (most recent call last):
    ...
    ValueError: beta=6.0: expected a value between 0.1 and 5 x healthy
    """

    low: float
    high: float
    unit: str = ""

    def check(self, value, name: str):
        """``value`` as a float (or float array) if it lies in the range; else a ValueError naming ``name``."""
        return in_range(value, name, self.low, self.high, self.unit)


class Parameters:
    """Base of a model's frozen parameter dataclass: ``replace(**changes)`` gives a checked copy.

    Subclasses check their own fields in ``__post_init__``, so a copy is checked the same way as
    the original; most do it with ``self.check_ranges(RANGES)``.
    """

    def check_ranges(self, ranges) -> None:
        """Check every field against its ``Range`` in ``ranges`` (the model's ``RANGES``); the
        ValueError names the field, its value and the range."""
        for f in dataclasses.fields(self):
            ranges[f.name].check(getattr(self, f.name), f.name)

    def replace(self, **changes):
        """A copy with some parameters changed; a TypeError names any parameter the model lacks."""
        names = [f.name for f in dataclasses.fields(self)]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise TypeError(f"unknown parameter(s) {unknown}; expected some of {names}")
        return dataclasses.replace(self, **changes)


def _cell(value) -> str:
    """One number as a sample shows it: four significant figures."""
    return f"{value:.4g}"


def _column_cells(values: np.ndarray) -> list:
    """A column's numbers with one number of decimals, enough for four significant figures
    of its largest entry; exponent notation for columns of very large or small numbers."""
    finite = np.abs(values[np.isfinite(values)])
    top = finite.max() if finite.size else 0.0
    if top and not 1e-3 <= top < 1e6:
        return [f"{v:.3e}" for v in values]
    decimals = max(0, 3 - int(np.floor(np.log10(top)))) if top else 0
    return [f"{v:.{decimals}f}" for v in values]


class Sample(Mapping):
    """Every series of a time course at one time: ``s.glucose`` or ``s["glucose"]``, with units.

    A read-only mapping from series name to float; ``time`` and ``units`` say when and in what.
    """

    def __init__(self, time: float, time_unit: str, values: dict, units: dict):
        self._values = dict(values)
        self.time = time
        self.time_unit = time_unit
        self.units = dict(units)

    def __getitem__(self, name):
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __getattr__(self, name):
        values = self.__dict__.get("_values", {})
        if name in values:
            return values[name]
        raise AttributeError(f"no series {name!r}; this time course has {list(values)}")

    def __repr__(self) -> str:
        parts = ", ".join(f"{n} {_cell(v)} {self.units[n]}".rstrip() for n, v in self._values.items())
        return f"<Sample at {_cell(self.time)} {self.time_unit}: {parts}>"


@dataclasses.dataclass(frozen=True)
class Table:
    """Rows of a time course at chosen times, printable as text or HTML.

    Attributes
    ----------
    columns : tuple of str
        "time", then the series names.
    units : tuple of str
        The unit of each column.
    values : numpy.ndarray
        One row per time, one column per name.
    """

    columns: tuple
    units: tuple
    values: np.ndarray

    def column(self, name: str) -> np.ndarray:
        """The values of one column; a KeyError names the columns there are."""
        if name not in self.columns:
            raise KeyError(f"no column {name!r}; this table has {list(self.columns)}")
        return self.values[:, self.columns.index(name)]

    def _headers(self) -> list:
        return [f"{c} ({u})" if u else c for c, u in zip(self.columns, self.units)]

    def __str__(self) -> str:
        cells = list(zip(*(_column_cells(col) for col in self.values.T)))
        headers = self._headers()
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
        lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths))]
        lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th scope='col'>{h}</th>" for h in self._headers())
        cells = zip(*(_column_cells(col) for col in self.values.T))
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def to_csv(self) -> str:
        """The table as comma-separated text with a header line of names and units."""
        lines = [",".join(self._headers())] + [",".join(repr(float(v)) for v in row) for row in self.values]
        return "\n".join(lines) + "\n"


class TimeCourse:
    """Base of every result that runs over time.

    A subclass is a frozen dataclass with a ``time`` array and sets two class attributes:
    ``TIME_UNIT`` (e.g. "min", "h", "days", "weeks") and ``SERIES``, a dict from each series
    name (a field or a property giving one value per time) to its unit.
    """

    TIME_UNIT: ClassVar[str] = "min"
    SERIES: ClassVar[dict] = {}

    @property
    def time_unit(self) -> str:
        """The unit of ``time``."""
        return self.TIME_UNIT

    def series(self, name: str) -> np.ndarray:
        """One series as a float array; a ValueError names the series there are."""
        if name not in self.SERIES:
            raise ValueError(f"series={name!r}: expected one of {list(self.SERIES)}")
        return np.asarray(getattr(self, name), dtype=float)

    def _check_time(self, t, name: str = "t"):
        return in_range(t, name, float(self.time[0]), float(self.time[-1]), self.TIME_UNIT)

    def at(self, t, *, series=None) -> Sample:
        """Every series (or the named ``series``) interpolated linearly at time ``t``.

        ``t`` must lie within the run; a ValueError names it and the run's span otherwise.
        """
        t = self._check_time(t)
        names = tuple(self.SERIES) if series is None else tuple(series)
        values = {n: float(np.interp(t, self.time, self.series(n))) for n in names}
        return Sample(t, self.TIME_UNIT, values, {n: self.SERIES[n] for n in names})

    def first_time(self, series: str, threshold: float, *, above: bool = True) -> float:
        """First time at which ``series`` passes ``threshold`` (rising above it, or falling
        below it with ``above=False``), interpolated between samples; the start time if it is
        past already, NaN if it never is."""
        values, threshold, i = self._first_past(series, threshold, above)
        if i is None:
            return float("nan")
        if i == 0:
            return float(self.time[0])
        t0, t1, v0, v1 = self.time[i - 1], self.time[i], values[i - 1], values[i]
        return float(t0 + (threshold - v0) * (t1 - t0) / (v1 - v0))

    def _first_past(self, series: str, threshold, above: bool) -> tuple:
        """The series, the checked threshold, and the index of the first sample past it (None if none)."""
        values = self.series(series)
        threshold = float(as_float_array(threshold, "threshold", self.SERIES[series]))
        past = values > threshold if above else values < threshold
        return values, threshold, (int(np.argmax(past)) if past.any() else None)

    def _first_sample_past(self, series: str, threshold, above: bool = True) -> float:
        """The time of the first stored sample past ``threshold``, NaN if none: what the old,
        deprecated ``first_day`` and ``first_year_above`` returned."""
        i = self._first_past(series, threshold, above)[2]
        return float("nan") if i is None else float(self.time[i])

    def table(self, every: float | None = None, *, series=None) -> Table:
        """The series at every ``every`` time units from the start (default: every stored sample).

        ``series`` picks columns (default: all of ``SERIES``).
        """
        names = tuple(self.SERIES) if series is None else tuple(series)
        for n in names:
            self.series(n)  # names the bad one
        if every is None:
            times = np.asarray(self.time, dtype=float)
        else:
            span = float(self.time[-1] - self.time[0])
            every = in_range(every, "every", span * 1e-4 if span else 0.0, max(span, 1e-12), self.TIME_UNIT)
            times = self.time[0] + np.arange(0.0, span + 1e-9 * max(span, 1.0), every)
        rows = [times] + [np.interp(times, self.time, self.series(n)) for n in names]
        return Table(("time",) + names, (self.TIME_UNIT,) + tuple(self.SERIES[n] for n in names),
                     np.column_stack(rows))
