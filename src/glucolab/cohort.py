"""A virtual cohort: people whose true insulin sensitivity is known, and what a fasting test
would report about them.

Each person gets an insulin sensitivity S_I, a glucose effectiveness S_G and a beta-cell
responsiveness beta; their fasting glucose and insulin are the steady state of the Lesson 1
feedback model (:func:`glucolab.models.feedback.fasting_state`, solved for everyone at once),
and their HOMA-IR and QUICKI follow from those. A second set of values adds the
day-to-day variation of a single fasting blood test.

Where the numbers come from
---------------------------
S_I
    Log-normal. The median is the healthy reference person of Lesson 1 (8.1e-4 per µU/mL
    per min, the fit of the Pacini & Bergman 1986 FSIGT), so the typical virtual person is
    that person. The spread, a log-SD of 0.5 (a between-person CV of about 53 %), matches
    the CV of about 45-50 % of minimal-model S_I among healthy adults: 6.9 ± 3.4 (mean ±
    SD) × 10⁻⁴ in 10 non-diabetic men (Beard et al. 1986) and 7.1 ± 0.8 (mean ± SE, so
    SD ≈ 3.2) × 10⁻⁴ in 16 normal subjects (Pacini et al. 1998).
beta
    Beta cells compensate for low sensitivity: across healthy people secretion rises as
    S_I falls (the hyperbolic relation of Kahn et al. 1993). Here
    beta = (S_I / median)^(-0.3) × a log-normal factor with log-SD 0.3. The exponent and the
    spread are illustrative: they give mostly normal fasting glucose with a minority in the
    impaired range, not the prevalence of any real population.
S_G
    Log-normal around the Lesson 1 value (0.010 per min at zero insulin) with log-SD 0.25;
    illustrative.
Single-test variation
    Within-person coefficients of variation over about six weeks in the ARIC study (Poon
    et al. 2018, 102 adults aged 68-88 without diabetes): fasting insulin 28.8 %, fasting
    glucose 5.6 %, HOMA-IR 30.4 %. Each single measurement is the true value times an
    independent log-normal factor whose median is 1 (so the true value is the median of
    many readings).

The cohort teaches how well a fasting index can rank people; its absolute prevalences belong
to the model, not to any real population.

References
----------
Beard JC, Bergman RN, Ward WK, Porte D Jr. The insulin sensitivity index in nondiabetic man:
    correlation between clamp-derived and IVGTT-derived values. Diabetes 1986;35:362-369.
Pacini G, Tonolo G, Sambataro M, et al. Insulin sensitivity and glucose effectiveness:
    minimal model analysis of regular and insulin-modified FSIGT. Am J Physiol
    1998;274:E592-E599.
Kahn SE, Prigeon RL, McCulloch DK, et al. Quantification of the relationship between insulin
    sensitivity and beta-cell function in human subjects: evidence for a hyperbolic function.
    Diabetes 1993;42:1663-1672.
Poon AK, Meyer ML, Reaven G, et al. Short-term repeatability of insulin resistance indexes in
    older adults: the Atherosclerosis Risk in Communities Study. J Clin Endocrinol Metab
    2018;103:2175-2181.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr
from scipy.stats import spearmanr

from .indices import homa_ir, quicki
from .models.feedback import RANGES, REF_SG, REF_SI, fasting_state
from .validation import in_range, positive

# Within-person CVs of one fasting test (Poon et al. 2018), as fractions.
CV_INSULIN = 0.288
CV_GLUCOSE = 0.056
CV_HOMA_IR = 0.304

SI_MEDIAN = REF_SI  # 1/min per µU/mL
SI_LOG_SD = 0.5
BETA_EXPONENT = -0.3  # illustrative compensation: beta ∝ (S_I/median)^-0.3
BETA_LOG_SD = 0.3  # illustrative
SG_MEDIAN = REF_SG  # 1/min
SG_LOG_SD = 0.25  # illustrative
MAX_PEOPLE = 1_000_000


def log_sd(cv):
    """Log-scale SD of a log-normal variable with coefficient of variation ``cv`` (fraction)."""
    return np.sqrt(np.log1p(np.square(cv)))


@dataclass(frozen=True)
class Cohort:
    """A virtual cohort. Arrays have one entry per person.

    Attributes
    ----------
    SI : numpy.ndarray
        True insulin sensitivity, 1/min per µU/mL.
    SG : numpy.ndarray
        Glucose effectiveness at zero insulin, 1/min.
    beta : numpy.ndarray
        Beta-cell responsiveness (1 = the Lesson 1 reference).
    glucose, insulin : numpy.ndarray
        True fasting glucose (mg/dL) and insulin (µU/mL): the model's steady state.
    homa_ir, quicki : numpy.ndarray
        HOMA-IR and QUICKI from the true fasting values.
    measured_glucose, measured_insulin : numpy.ndarray
        One fasting blood test per person, with within-person variation (mg/dL, µU/mL).
    measured_homa_ir, measured_quicki : numpy.ndarray
        The indices computed from that single test.
    seed : int or None
        The seed that reproduces this cohort.
    """

    SI: np.ndarray
    SG: np.ndarray
    beta: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    homa_ir: np.ndarray
    quicki: np.ndarray
    measured_glucose: np.ndarray
    measured_insulin: np.ndarray
    measured_homa_ir: np.ndarray
    measured_quicki: np.ndarray
    seed: int | None = None

    def __len__(self) -> int:
        return self.SI.size

    def rank_correlation(self, a: str, b: str = "SI") -> float:
        """Spearman rank correlation between two attributes, e.g. ``("measured_homa_ir", "SI")``."""
        for name in (a, b):
            if not isinstance(getattr(self, name, None), np.ndarray):
                raise ValueError(f"{name!r}: expected the name of a cohort array, such as 'SI', "
                                 "'homa_ir' or 'measured_homa_ir'")
        return float(spearmanr(getattr(self, a), getattr(self, b))[0])

    def share_above(self, cutoff, measured: bool = True):
        """Fraction of people whose HOMA-IR is above ``cutoff`` (one value or an array).

        Parameters
        ----------
        cutoff : float or array_like
            HOMA-IR cut-off(s), dimensionless, > 0.
        measured : bool, default True
            Use the single-test HOMA-IR (True) or the true one (False).
        """
        cutoff = positive(cutoff, "cutoff", "(HOMA-IR)")
        values = self.measured_homa_ir if measured else self.homa_ir
        share = np.mean(values[:, None] > np.atleast_1d(cutoff)[None, :], axis=0)
        return float(share[0]) if np.ndim(cutoff) == 0 else share


def generate(n: int = 1000, seed: int | None = 0, *, noise: bool = True) -> Cohort:
    """Draw ``n`` virtual people and compute their fasting state and indices.

    Parameters
    ----------
    n : int, default 1000
        Number of people (1 to 1,000,000).
    seed : int or None, default 0
        Seed of the random generator; the same seed gives the same cohort. None draws a new one.
    noise : bool, default True
        Add within-person variation to the ``measured_*`` values (Poon et al. 2018); with
        False they equal the true values.

    Returns
    -------
    Cohort

    Examples
    --------
    >>> c = generate(500, seed=1)
    >>> len(c), bool(c.rank_correlation("homa_ir") < -0.8)
    (500, True)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n={n!r}: expected a whole number of people between 1 and {MAX_PEOPLE:,}")
    in_range(n, "n", 1, MAX_PEOPLE, "people")
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((5, int(n)))
    si = np.clip(SI_MEDIAN * np.exp(SI_LOG_SD * z[0]), *RANGES["SI"][:2])
    beta = np.clip((si / SI_MEDIAN) ** BETA_EXPONENT * np.exp(BETA_LOG_SD * z[1]), *RANGES["beta"][:2])
    sg = np.clip(SG_MEDIAN * np.exp(SG_LOG_SD * z[2]), *RANGES["SG"][:2])
    glucose, insulin = fasting_state(si, sg, beta)
    if noise:
        g_meas = glucose * np.exp(log_sd(CV_GLUCOSE) * z[3])
        i_meas = insulin * np.exp(log_sd(CV_INSULIN) * z[4])
    else:
        g_meas, i_meas = glucose.copy(), insulin.copy()
    units = {"glucose_unit": "mg/dL", "insulin_unit": "uU/mL"}
    return Cohort(si, sg, beta, glucose, insulin, homa_ir(glucose, insulin, **units),
                  quicki(glucose, insulin, **units), g_meas, i_meas,
                  homa_ir(g_meas, i_meas, **units), quicki(g_meas, i_meas, **units), seed)


def probability_above(true_value, cutoff, *, cv: float = CV_HOMA_IR, n_tests: int = 1):
    """Probability that a test reads above ``cutoff`` when the person's true value is ``true_value``.

    Readings are log-normal around the true value (its median) with coefficient of variation
    ``cv``; the result of ``n_tests`` tests is their geometric mean, whose log-SD is
    log_sd(cv)/sqrt(n_tests). The default CV is the within-person CV of HOMA-IR in ARIC
    (30.4 %, Poon et al. 2018).

    Parameters
    ----------
    true_value : float or array_like
        The person's true value (for example HOMA-IR), > 0.
    cutoff : float or array_like
        The cut-off, same unit, > 0.
    cv : float, default 0.304
        Within-person coefficient of variation of one test, as a fraction (0.01 to 2).
    n_tests : int, default 1
        Number of tests averaged (1 to 100).

    Returns
    -------
    float or numpy.ndarray
        Probability, 0 to 1.

    Examples
    --------
    >>> round(probability_above(2.0, 2.5), 3)
    0.226
    """
    true_value = positive(true_value, "true_value")
    cutoff = positive(cutoff, "cutoff")
    cv = in_range(cv, "cv", 0.01, 2.0, "(fraction, e.g. 0.3 for 30 %)")
    if isinstance(n_tests, bool) or not float(n_tests).is_integer():
        raise ValueError(f"n_tests={n_tests!r}: expected a whole number of tests between 1 and 100")
    n_tests = in_range(n_tests, "n_tests", 1, 100, "tests")
    sigma = log_sd(cv) / np.sqrt(n_tests)
    p = ndtr((np.log(true_value) - np.log(cutoff)) / sigma)
    return float(p) if np.ndim(p) == 0 else p
