"""Published physiological models: pure functions that take parameters with units and
return named arrays. No widgets and no plotting here, so every model is testable alone.

- :mod:`.minimal`     Bergman's minimal model driven by measured insulin, and its FSIGT fit
- :mod:`.feedback`    the closed glucose-insulin loop used for meals and fasting states
- :mod:`.roots`       vectorised bisection shared by the steady-state solvers
- :mod:`.gut`         oral glucose absorption (Dalla Man, Rizza & Cobelli 2007)
- :mod:`.ogtt`        a virtual oral glucose tolerance test: the gut inside the loop
"""
