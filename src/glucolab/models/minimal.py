"""Bergman's minimal model of glucose disappearance and its fit to an FSIGT.

Model (Bergman et al. 1979; Bergman, Phillips & Cobelli 1981)::

    dG/dt = -(S_G + X) G + S_G G_b          G(0) = G_0
    dX/dt = -p2 X + p3 (I(t) - I_b)         X(0) = 0

G is plasma glucose (mg/dL), X the action of insulin in a compartment remote from plasma
(1/min), I(t) the measured plasma insulin (µU/mL, linearly interpolated between samples)
and G_b, I_b the basal values. S_G (1/min) is glucose effectiveness, p2 (1/min) the rate at
which insulin action rises and decays, and S_I = p3/p2 (min⁻¹ per µU/mL) insulin sensitivity.

Because I(t) has a kink at every sample, the integrator is told where they are (``tcrit``)
and runs at tight tolerances: with default tolerances the fitted S_I moves by several per
cent. Samples in the first minutes after the bolus, while the glucose mixes, are left out
of the fit as in MINMOD (Pacini & Bergman 1986).

:func:`simulate` runs the model for a :class:`MinimalParams` and an insulin profile, by default
the Pacini & Bergman (1986) FSIGT (:func:`glucolab.data.load_fsigt`) with the parameters fitted
to it, and returns an :class:`IVGTTRun`; :func:`fit_ivgtt` estimates the parameters from data.
``simulate_ivgtt`` is the deprecated old name (output times first, a (glucose, X) tuple back).

References
----------
Bergman RN, Ider YZ, Bowden CR, Cobelli C. Quantitative estimation of insulin sensitivity.
    Am J Physiol 1979;236:E667-77.
Bergman RN, Phillips LS, Cobelli C. Physiologic evaluation of factors controlling glucose
    tolerance in man. J Clin Invest 1981;68:1456-67.
Pacini G, Bergman RN. MINMOD. Comput Methods Programs Biomed 1986;23:113-22.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint
from scipy.optimize import least_squares

from ..data import load_fsigt
from ..deprecation import renamed
from ..validation import as_float_array, in_range, increasing, positive, same_length
from .feedback import P2, REF_GLUCOSE, REF_INSULIN, REF_SG_FSIGT, REF_SI
from .timecourse import Parameters, Range, TimeCourse

PARAM_NAMES = ("G0", "SG", "SI", "p2")
PARAM_UNITS = {"G0": "mg/dL", "SG": "1/min", "SI": "1/min per uU/mL", "p2": "1/min"}
REF_G0 = 261.0  # glucose extrapolated to t = 0 in the fit of the Pacini & Bergman FSIGT, mg/dL

# Starting points for the multi-start fit: typical, low and high values from FSIGT studies
# (S_G 0.01-0.04 /min, S_I 1e-4-2e-3 per µU/mL, p2 0.005-0.1 /min).
_STARTS = ((0.025, 5e-4, 0.03), (0.01, 2e-4, 0.01), (0.04, 1.5e-3, 0.08), (0.015, 1e-3, 0.005))
# Search box (log scale) wide enough for any human FSIGT; it keeps the integrator away from
# parameter values where the equations become needlessly stiff.
_LOWER = {"SG": 1e-4, "SI": 1e-6, "p2": 1e-4}
_UPPER = {"SG": 0.3, "SI": 1e-2, "p2": 1.0}

# Values simulate() accepts: the fit's search box for S_G, S_I and p2, human glucose and insulin.
RANGES = {
    "G0": Range(20.0, 1500.0, "mg/dL"),
    **{k: Range(_LOWER[k], _UPPER[k], PARAM_UNITS[k]) for k in ("SG", "SI", "p2")},
    "Gb": Range(20.0, 400.0, "mg/dL"),
    "Ib": Range(0.0, 300.0, "uU/mL"),
    "duration": Range(1.0, 1440.0, "min"),
}


@dataclass(frozen=True)
class MinimalParams(Parameters):
    """Parameters of the minimal model; defaults are the fit of the Pacini & Bergman (1986) FSIGT.

    Attributes
    ----------
    G0 : float
        Glucose just after the bolus has mixed, extrapolated to t = 0, mg/dL (default 261).
    SG : float
        Glucose effectiveness, 1/min (default 0.0189).
    SI : float
        Insulin sensitivity, 1/min per µU/mL (default 8.1e-4).
    p2 : float
        Rate constant of remote insulin action, 1/min (default 0.0214).
    Gb, Ib : float
        Basal glucose, mg/dL, and insulin, µU/mL (default 92 and 11).
    """

    G0: float = REF_G0
    SG: float = REF_SG_FSIGT
    SI: float = REF_SI
    p2: float = P2
    Gb: float = REF_GLUCOSE
    Ib: float = REF_INSULIN

    def __post_init__(self):
        self.check_ranges(RANGES)


PARAMS = MinimalParams()  # the Pacini & Bergman (1986) subject as fitted here
PRESETS = {"Pacini & Bergman 1986 subject": PARAMS}


def _rhs(y, t, SG, SI, p2, Gb, Ib, t_knots, i_knots):
    G, X = y
    insulin = np.interp(t, t_knots, i_knots)
    return (-(SG + X) * G + SG * Gb, -p2 * X + p2 * SI * (insulin - Ib))


def _integrate(times, insulin_times, insulin, *, G0, SG, SI, p2, Gb, Ib, rtol=1e-9, atol=1e-9):
    """Glucose and remote insulin action at ``times`` for a measured insulin profile (unchecked).

    Parameters
    ----------
    times : array_like
        Output times, min, increasing, starting at or after 0 (the bolus).
    insulin_times, insulin : array_like
        Measured plasma insulin (µU/mL) at its sample times (min); it is interpolated linearly.
    G0 : float
        Glucose just after the bolus has mixed, extrapolated to t = 0, mg/dL.
    SG : float
        Glucose effectiveness, 1/min.
    SI : float
        Insulin sensitivity, 1/min per µU/mL.
    p2 : float
        Rate constant of remote insulin action, 1/min.
    Gb, Ib : float
        Basal glucose (mg/dL) and insulin (µU/mL).
    rtol, atol : float
        Integrator tolerances (LSODA).

    Returns
    -------
    glucose : numpy.ndarray
        Plasma glucose at ``times``, mg/dL.
    remote_insulin : numpy.ndarray
        Remote insulin action X at ``times``, 1/min.
    """
    times = np.asarray(times, dtype=float)
    t_knots = np.asarray(insulin_times, dtype=float)
    # LSODA stops exactly on each kink only if every kink is also an output time.
    knots = t_knots[(t_knots > 0) & (t_knots <= times[-1])]
    grid = np.union1d(np.union1d([0.0], times), knots)
    sol = odeint(_rhs, (G0, 0.0), grid, args=(SG, SI, p2, Gb, Ib, t_knots, np.asarray(insulin, float)),
                 tcrit=knots, rtol=rtol, atol=atol)
    idx = np.searchsorted(grid, times)
    return sol[idx, 0], sol[idx, 1]


@dataclass(frozen=True)
class IVGTTRun(TimeCourse):
    """One run of the minimal model, time in min since the glucose bolus.

    Attributes
    ----------
    time : numpy.ndarray
        Minutes since the bolus.
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    remote_insulin : numpy.ndarray
        Remote insulin action X, 1/min.
    insulin : numpy.ndarray
        The plasma insulin that drives the run (the profile interpolated linearly), µU/mL.
    params : MinimalParams
        The parameters used.
    """

    time: np.ndarray
    glucose: np.ndarray
    remote_insulin: np.ndarray
    insulin: np.ndarray
    params: MinimalParams = field(repr=False)

    TIME_UNIT = "min"
    SERIES = {"glucose": "mg/dL", "remote_insulin": "1/min", "insulin": "µU/mL"}


def _check_insulin(insulin_times, insulin):
    """The insulin profile as float arrays: 1-D, one value per increasing time from t <= 0."""
    insulin_times = as_float_array(insulin_times, "insulin_times", "min")
    insulin = positive(insulin, "insulin", "uU/mL", allow_zero=True)
    if np.ndim(insulin_times) != 1 or np.ndim(insulin) != 1:
        raise ValueError("insulin_times, insulin: expected 1-D arrays, one value per sample")
    same_length(insulin_times=insulin_times, insulin=insulin)
    increasing(insulin_times, "insulin_times")
    if insulin_times[0] > 0:
        raise ValueError(f"insulin_times[0]={insulin_times[0]:g}: expected a sample at or before t = 0 min "
                         "(the glucose bolus)")
    return insulin_times, insulin


def simulate(duration: float = 182.0, *, params: MinimalParams | None = None, insulin_times=None,
             insulin=None, step: float = 1.0, rtol: float = 1e-9, **overrides) -> IVGTTRun:
    """Glucose after an intravenous glucose bolus at t = 0, driven by a plasma insulin profile.

    Parameters
    ----------
    duration : float, default 182
        Length of the run, min (1-1440, and within the insulin profile; 182 min is the length
        of the reference FSIGT).
    params : MinimalParams, optional
        Default :data:`PARAMS`, the fit of the Pacini & Bergman (1986) FSIGT.
    insulin_times, insulin : array_like, optional
        Plasma insulin (µU/mL) at its sample times (min, increasing, the first at or before 0),
        interpolated linearly. Give both or neither; default the measured insulin of the
        Pacini & Bergman FSIGT (:func:`glucolab.data.load_fsigt`, 0-182 min).
    step : float, default 1
        Spacing of the output samples, min.
    rtol : float, default 1e-9
        Relative and absolute tolerance of the integrator (LSODA), 1e-12 to 1e-6.
    **overrides
        Single fields of :class:`MinimalParams` to change: ``G0``, ``SG``, ``SI``, ``p2``,
        ``Gb``, ``Ib``.

    Returns
    -------
    IVGTTRun

    Examples
    --------
    >>> run = simulate()                         # the reference FSIGT
    >>> round(run.at(20).glucose), round(run.at(60).glucose), round(run.at(180).glucose)
    (182, 95, 89)
    >>> round(simulate(SI=4e-4).at(60).glucose)  # half the insulin sensitivity
    118
    >>> round(run.first_time("glucose", 150, above=False), 1)
    29.8
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    if (insulin_times is None) != (insulin is None):
        raise ValueError("insulin_times, insulin: expected both (a profile) or neither (the reference FSIGT)")
    if insulin is None:
        fsigt = load_fsigt()
        insulin_times, insulin = fsigt.time, fsigt.insulin
    insulin_times, insulin = _check_insulin(insulin_times, insulin)
    duration = RANGES["duration"].check(duration, "duration")
    if duration > insulin_times[-1]:
        raise ValueError(f"duration={duration:g}: expected at most {insulin_times[-1]:g} min, the last "
                         "insulin sample (the model needs insulin throughout)")
    step = in_range(step, "step", 0.05, duration, "min")
    rtol = in_range(rtol, "rtol", 1e-12, 1e-6)
    t = np.arange(0.0, duration + 0.5 * step, step)
    glucose, action = _integrate(t, insulin_times, insulin, G0=p.G0, SG=p.SG, SI=p.SI, p2=p.p2, Gb=p.Gb,
                                 Ib=p.Ib, rtol=rtol, atol=rtol)
    return IVGTTRun(t, glucose, action, np.interp(t, insulin_times, insulin), p)


simulate_ivgtt = renamed(_integrate, "simulate_ivgtt",
                         new_name="simulate(duration, insulin_times=..., insulin=..., params=...)",
                         note="it returns an IVGTTRun, not a (glucose, remote_insulin) tuple")


@dataclass(frozen=True)
class IVGTTFit:
    """The result of :func:`fit_ivgtt`.

    Attributes
    ----------
    G0, SG, SI, p2 : float
        Fitted parameters (mg/dL, 1/min, 1/min per µU/mL, 1/min).
    stderr : dict
        Asymptotic standard error of each fitted parameter, same units.
    Gb, Ib : float
        Basal glucose (mg/dL) and insulin (µU/mL) used.
    t_min : float
        Samples before this time (min) were left out of the fit.
    times, glucose, insulin : numpy.ndarray
        The data (min, mg/dL, µU/mL).
    used : numpy.ndarray of bool
        Which samples entered the fit.
    residuals : numpy.ndarray
        Data minus model at the used samples, mg/dL.
    starts_agree : float
        Largest relative difference in S_I between the optima found from the different
        starting points (0 means they all found the same one).
    """

    G0: float
    SG: float
    SI: float
    p2: float
    stderr: dict
    Gb: float
    Ib: float
    t_min: float
    times: np.ndarray = field(repr=False)
    glucose: np.ndarray = field(repr=False)
    insulin: np.ndarray = field(repr=False)
    used: np.ndarray = field(repr=False)
    residuals: np.ndarray = field(repr=False)
    starts_agree: float = 0.0

    @property
    def p3(self) -> float:
        """Insulin action gain p3 = S_I·p2, 1/min² per µU/mL."""
        return self.SI * self.p2

    @property
    def rmse(self) -> float:
        """Root mean square of the residuals, mg/dL."""
        return float(np.sqrt(np.mean(self.residuals ** 2)))

    @property
    def params(self) -> dict:
        """The fitted parameters as a dict."""
        return {k: getattr(self, k) for k in PARAM_NAMES}

    def predict(self, times, **override):
        """Model glucose (mg/dL) at ``times`` (min) with the fitted parameters, any of which
        (``G0``, ``SG``, ``SI``, ``p2``) may be overridden by keyword."""
        unknown = set(override) - set(PARAM_NAMES)
        if unknown:
            raise TypeError(f"unknown parameter(s) {sorted(unknown)}; expected some of {PARAM_NAMES}")
        p = {**self.params, **override}
        return _integrate(times, self.times, self.insulin, Gb=self.Gb, Ib=self.Ib, **p)[0]

    def summary(self) -> str:
        """A short table of the estimates with standard errors and coefficients of variation."""
        rows = [f"{'parameter':<10}{'estimate':>12}{'std. error':>13}{'CV %':>7}  unit"]
        for k in PARAM_NAMES:
            v, se = getattr(self, k), self.stderr[k]
            rows.append(f"{k:<10}{v:>12.3g}{se:>13.2g}{100 * se / v:>7.0f}  {PARAM_UNITS[k]}")
        rows.append(f"fitted {int(self.used.sum())} samples from t >= {self.t_min:g} min; "
                    f"RMSE {self.rmse:.1f} mg/dL")
        return "\n".join(rows)


def _check_ivgtt(times, glucose, insulin):
    times = as_float_array(times, "times", "min")
    glucose = positive(glucose, "glucose", "mg/dL")
    insulin = positive(insulin, "insulin", "uU/mL", allow_zero=True)
    if np.ndim(times) != 1 or np.ndim(glucose) != 1 or np.ndim(insulin) != 1:
        raise ValueError("times, glucose and insulin: expected 1-D arrays, one value per sample")
    same_length(times=times, glucose=glucose, insulin=insulin)
    increasing(times)
    if times[0] > 0:
        raise ValueError(f"times[0]={times[0]:g}: expected a basal sample at or before t = 0 min "
                         "(the glucose bolus)")
    return times, glucose, insulin


class PoorlyDeterminedFit(UserWarning):
    """The starting points of a fit landed on different optima: the data leave some parameters
    poorly determined."""


def fit_ivgtt(times, glucose, insulin, *, t_min: float = 8.0, Gb: float | None = None,
              Ib: float | None = None, rtol: float = 1e-9) -> IVGTTFit:
    """Fit the minimal model to a frequently sampled IV glucose tolerance test.

    Parameters
    ----------
    times : array_like
        Sample times, min; the first is the basal sample (t <= 0), the bolus is at t = 0.
    glucose : array_like
        Plasma glucose, mg/dL.
    insulin : array_like
        Plasma insulin, µU/mL.
    t_min : float, default 8
        Samples before this time (min) are left out: glucose is still mixing.
    Gb, Ib : float, optional
        Basal glucose (mg/dL) and insulin (µU/mL); default the first sample.
    rtol : float, default 1e-9
        Integrator tolerance, between 1e-12 and 1e-7. Looser tolerances make the
        finite-difference Jacobian noisy and the fit lands on different S_I from different
        starts (at 1e-6 by tens of per cent on the Pacini-Bergman data).

    Returns
    -------
    IVGTTFit
        Estimates of G0, S_G, S_I and p2 with standard errors and residuals.

    Notes
    -----
    Least squares on the logarithms of the parameters (which keeps them positive), started
    from four points spread over the physiological range; the best optimum is returned and
    ``starts_agree`` records how far the others landed from it. When fewer than two starts reach
    the best optimum, or their S_I differ by more than 1 %, a :class:`PoorlyDeterminedFit`
    warning says so. Standard errors come from
    the Jacobian at the optimum (s²(JᵀJ)⁻¹, delta method).
    """
    times, glucose, insulin = _check_ivgtt(times, glucose, insulin)
    Gb = float(glucose[0]) if Gb is None else positive(Gb, "Gb", "mg/dL")
    Ib = float(insulin[0]) if Ib is None else positive(Ib, "Ib", "uU/mL")
    t_min = positive(t_min, "t_min", "min", allow_zero=True)
    rtol = in_range(rtol, "rtol", 1e-12, 1e-7)
    used = times >= t_min
    if used.sum() < len(PARAM_NAMES) + 2:
        raise ValueError(f"times: {int(used.sum())} samples at or after t_min={t_min:g} min; expected "
                         f"at least {len(PARAM_NAMES) + 2} to estimate {len(PARAM_NAMES)} parameters")
    peak = glucose[times > 0].max(initial=0.0)
    if peak < 1.2 * Gb:
        raise ValueError(f"glucose: peak {peak:g} mg/dL after the bolus is less than 20% above basal "
                         f"Gb={Gb:g} mg/dL; expected an IV glucose tolerance test, where glucose rises sharply")
    t_fit, g_fit = times[used], glucose[used]

    def residuals(theta):
        G0, SG, SI, p2 = np.exp(theta)
        return _integrate(t_fit, times, insulin, G0=G0, SG=SG, SI=SI, p2=p2, Gb=Gb, Ib=Ib,
                              rtol=rtol, atol=rtol)[0] - g_fit

    g0_start = float(g_fit[0])
    lower = np.log([Gb, _LOWER["SG"], _LOWER["SI"], _LOWER["p2"]])
    upper = np.log([10 * peak, _UPPER["SG"], _UPPER["SI"], _UPPER["p2"]])
    results = []
    for sg, si, p2 in _STARTS:
        x0 = np.clip(np.log([g0_start, sg, si, p2]), lower + 1e-9, upper - 1e-9)
        results.append(least_squares(residuals, x0, bounds=(lower, upper), method="trf",
                                     xtol=1e-10, ftol=1e-10, gtol=1e-10))
    best = min(results, key=lambda r: r.cost)
    near = [r for r in results if r.cost <= best.cost * 1.001 + 1e-9]
    si_values = np.array([np.exp(r.x[2]) for r in near])
    spread = float(np.max(np.abs(si_values / np.exp(best.x[2]) - 1.0)))
    if len(near) < 2:
        spread = float("inf")

    if spread > 0.01:
        warnings.warn(PoorlyDeterminedFit(
            f"fit_ivgtt: only {len(near)} of {len(results)} starting points reached the best fit"
            + (f" (their S_I differ by up to {100 * spread:.1f} %)" if np.isfinite(spread) else "")
            + f" with samples from t_min={t_min:g} min; these samples do not pin the parameters down, "
            "so read S_G and p2 (and their standard errors) with caution"), stacklevel=2)
    values = np.exp(best.x)
    dof = used.sum() - len(values)
    s2 = 2 * best.cost / dof
    J = best.jac
    try:
        cov_log = s2 * np.linalg.inv(J.T @ J)
        se = values * np.sqrt(np.clip(np.diag(cov_log), 0, None))
    except np.linalg.LinAlgError:
        se = np.full_like(values, np.inf)
    return IVGTTFit(*values, stderr=dict(zip(PARAM_NAMES, map(float, se))), Gb=Gb, Ib=Ib,
                    t_min=t_min, times=times, glucose=glucose, insulin=insulin, used=used,
                    residuals=-best.fun, starts_agree=spread)
