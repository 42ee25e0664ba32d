"""Published physiological models: pure functions that take parameters with units and
return named arrays. No widgets and no plotting here, so every model is testable alone.

Every model module has the same shape (see :mod:`.timecourse`): ``PARAMS`` (its parameters, a
frozen dataclass changed with ``PARAMS.replace(**changes)``), ``PRESETS`` (named people),
``RANGES`` (each input's :class:`~.timecourse.Range` with its unit), and
``simulate(duration, *, params=None, **overrides)`` for a run over time and/or
``steady_state(...)`` for a state at rest. A run is a :class:`~.timecourse.TimeCourse`:
``run.at(t).glucose``, ``run.first_time("glucose", 126)``, ``print(run.table(every=30))``.

- :mod:`.timecourse`        the shapes every model shares: Range, Parameters and the TimeCourse result
- :mod:`.minimal`           Bergman's minimal model driven by measured insulin, and its FSIGT fit
- :mod:`.feedback`          the closed glucose-insulin loop used for meals and fasting states
- :mod:`.roots`             vectorised bisection shared by the steady-state solvers
- :mod:`.gut`               oral glucose absorption (Dalla Man, Rizza & Cobelli 2007)
- :mod:`.ogtt`              a virtual oral glucose tolerance test: the gut inside the loop
- :mod:`.topp`              beta-cell mass, insulin and glucose over years (Topp et al. 2000)
- :mod:`.signaling`         the insulin-signalling cascade from receptor to GLUT4
- :mod:`.counterregulatory` cortisol, sleep loss and thyroid hormone as parameter changes
- :mod:`.growth_hormone`    growth hormone's delayed antagonism of insulin action
- :mod:`.hpg`               the GnRH → LH → testosterone loop in men
- :mod:`.vicious_circle`    an illustrative circle between visceral fat and low testosterone
- :mod:`.ha2016`            prevention and reversal of type 2 diabetes (Ha, Satin & Sherman 2016)
- :mod:`.ha2016_map`        many Ha 2016 runs at once: the "point of no return" map
- :mod:`.interventions`     lifestyle and drug mechanisms as Ha 2016 parameter changes
- :mod:`.twin_cycle`        liver and pancreas fat on the fasting loop (Taylor's twin cycles)
- :mod:`.life_stages`       insulin sensitivity and compensation in pregnancy and menopause

Symbols, one meaning each (units as each model uses them):

==========  =====================================================================  ==========================
symbol      meaning                                                                units
==========  =====================================================================  ==========================
G           plasma glucose                                                         mg/dL
I           plasma insulin                                                         µU/mL (= mU/L)
X           remote insulin action (minimal model)                                  1/min
S_I         insulin sensitivity: minutes (minimal model, feedback loop)            1/min per µU/mL
S_I         insulin sensitivity: days (Topp 2000, Ha 2016)                         mL/µU/day
S_G         glucose effectiveness (at zero insulin in the loop, at basal in FSIGT)  1/min
beta        beta-cell responsiveness relative to the healthy reference (loop)      × healthy
β           beta-cell mass (Topp 2000, Ha 2016)                                    mg
sigma       maximal secretion per unit beta-cell mass (Ha 2016)                    µU/mg/day
R0          glucose production at zero glucose                                     mg/dL/min or mg/dL/day
Ra          rate of appearance of ingested glucose                                 mg/kg/min
c           incretin strength relative to the healthy reference                    × healthy
==========  =====================================================================  ==========================

S_I per day is S_I per minute × 1440 (:func:`glucolab.units.convert_insulin_sensitivity`); the two are
never mixed in one model.
"""
