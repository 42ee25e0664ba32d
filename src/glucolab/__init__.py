"""glucolab: models, lab indices and interactive panels for lessons on glucose and insulin.

The package is organised by job:

- :mod:`glucolab.units`   -- unit conversion with a guard against mislabelled values
- :mod:`glucolab.models`  -- published physiological models (pure functions, no plotting)
- :mod:`glucolab.data`    -- the small data sets the lessons use, with their sources
- :mod:`glucolab.panels`  -- interactive figures (ipywidgets + matplotlib), one per figure
- :mod:`glucolab.style`   -- the project's plot style
- :mod:`glucolab.quiz`    -- questions with immediate feedback
- :mod:`glucolab.lesson`  -- the one import a lesson notebook needs
- :mod:`glucolab.teaching` -- predictions, answer keys, the learner's record and the gradebook
- :mod:`glucolab.export`  -- the published models as SBML files for other tools

Nothing here is medical advice: the lessons teach physiology and how to read evidence.
"""

__version__ = "0.2.0"
