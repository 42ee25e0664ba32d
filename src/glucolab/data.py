"""The small data sets the lessons use.

Every CSV lives in the repository's top-level ``data/`` folder with ``#`` comment lines that
give its source, and is copied into the wheel as ``glucolab/data/``. :func:`data_path` looks
in the installed package first and then in the repository, so one loader serves an editable
install, a regular install and Binder.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_path(name: str) -> Path:
    """Return the path of the data file ``name`` (e.g. ``"pacini_bergman_1986_fsigt.csv"``)."""
    packaged = resources.files("glucolab").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    local = _REPO_DATA / name
    if local.is_file():
        return local
    raise FileNotFoundError(f"name={name!r}: no such data file in glucolab/data or {_REPO_DATA}")


def read_table(name: str) -> tuple[dict[str, np.ndarray], list[str]]:
    """Read a data CSV.

    Returns
    -------
    columns : dict of str to numpy.ndarray
        One float array per column, keyed by the header name.
    source : list of str
        The ``#`` comment lines at the top of the file, without the ``#``.
    """
    text = data_path(name).read_text(encoding="utf-8")
    lines = text.splitlines()
    source = [ln.lstrip("# ").rstrip() for ln in lines if ln.startswith("#")]
    body = "\n".join(ln for ln in lines if ln.strip() and not ln.startswith("#"))
    reader = csv.reader(io.StringIO(body))
    header = next(reader)
    rows = []
    for lineno, row in enumerate(reader, start=2 + len(source)):
        if len(row) != len(header):
            raise ValueError(f"{name}, line {lineno}: expected {len(header)} values, found {len(row)}")
        try:
            rows.append([float(x) for x in row])
        except ValueError:
            raise ValueError(f"{name}, line {lineno}: expected numbers, found {row}") from None
    table = np.array(rows, dtype=float).reshape(-1, len(header))
    return {h: table[:, k] for k, h in enumerate(header)}, source


@dataclass(frozen=True)
class GlucoseInsulinSeries:
    """Samples of plasma glucose and insulin over time.

    Attributes
    ----------
    time : numpy.ndarray
        Sample times, min.
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    insulin : numpy.ndarray
        Plasma insulin, µU/mL.
    source : str
        Where the numbers come from.
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    source: str


def load_fsigt() -> GlucoseInsulinSeries:
    """The FSIGT of one normal subject from Pacini & Bergman (1986), 24 samples over 182 min.

    Examples
    --------
    >>> d = load_fsigt()
    >>> d.time[:3].tolist(), float(d.glucose[0]), float(d.insulin[0])
    ([0.0, 2.0, 4.0], 92.0, 11.0)
    """
    cols, source = read_table("pacini_bergman_1986_fsigt.csv")
    return GlucoseInsulinSeries(cols["time_min"], cols["glucose_mg_dl"], cols["insulin_uU_ml"],
                                " ".join(source[1:4]))


@dataclass(frozen=True)
class CohortCurve:
    """Mean and standard deviation of plasma glucose at the draws of an OGTT in a cohort.

    Attributes
    ----------
    time : numpy.ndarray
        Draw times, min.
    mean, sd : numpy.ndarray
        Plasma glucose, mg/dL.
    n : int
        People in the cohort.
    source : str
        Where the numbers come from.
    """

    time: np.ndarray
    mean: np.ndarray
    sd: np.ndarray
    n: int
    source: str


def load_normal_ogtt() -> CohortCurve:
    """Glucose during a 75-g OGTT in 3,446 adults with normal glucose tolerance (Abdul-Ghani et
    al., Diabetes Care 2010, Table 3, its nine subgroups pooled): the curve of people the lessons
    set the model's healthy person against.

    Examples
    --------
    >>> c = load_normal_ogtt()
    >>> c.time.tolist(), c.mean.tolist(), c.n
    ([0.0, 60.0, 120.0], [93.4, 129.2, 100.1], 3446)
    """
    cols, source = read_table("normal_glucose_tolerance_ogtt.csv")
    return CohortCurve(cols["time_min"], cols["glucose_mean_mg_dl"], cols["glucose_sd_mg_dl"],
                       int(cols["n"][0]), " ".join(source[2:4]))


@dataclass(frozen=True)
class InsulinLimits:
    """Upper limits of normal for plasma insulin at OGTT draws.

    Attributes
    ----------
    time : numpy.ndarray
        Draw times, min.
    upper : numpy.ndarray
        Proposed upper limit of normal, µU/mL.
    p75 : numpy.ndarray
        75th percentile in the cohort, µU/mL.
    n : int
        Tests behind the numbers.
    source : str
        Where the numbers come from.
    """

    time: np.ndarray
    upper: np.ndarray
    p75: np.ndarray
    n: int
    source: str


def load_normal_insulin_limits() -> InsulinLimits:
    """Upper limits of normal insulin at 60 and 120 min of a 75-g OGTT (Arancibia et al., Rev Med
    Chile 2014; 1,815 tests in non-diabetic adults): the measured ceiling the healthy person's
    insulin is checked against.

    Examples
    --------
    >>> lim = load_normal_insulin_limits()
    >>> lim.time.tolist(), lim.upper.tolist(), lim.n
    ([60.0, 120.0], [130.0, 80.0], 1815)
    """
    cols, source = read_table("normal_ogtt_insulin_limits.csv")
    return InsulinLimits(cols["time_min"], cols["insulin_upper_uU_ml"], cols["insulin_p75_uU_ml"],
                         int(cols["n"][0]), source[2])

