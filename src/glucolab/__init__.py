"""glucolab: models, lab indices and interactive panels for lessons on glucose and insulin.

The package is organised by job. Packages:

- :mod:`glucolab.models`   -- published physiological models (pure functions, no plotting)
- :mod:`glucolab.panels`   -- interactive figures (ipywidgets + matplotlib), one module per figure
- :mod:`glucolab.teaching` -- predictions, answer keys, the learner's record and the gradebook
- :mod:`glucolab.export`   -- the published models as SBML files for other tools

Measures and units:

- :mod:`glucolab.units`           -- unit conversion with a guard against mislabelled values
- :mod:`glucolab.thresholds`      -- clinical thresholds and cut-offs, with their sources
- :mod:`glucolab.indices`         -- indices from fasting blood (HOMA, QUICKI, TyG, TG/HDL, HbA1c)
- :mod:`glucolab.ogtt_indices`    -- indices from the five draws of an OGTT (Matsuda and others)
- :mod:`glucolab.testosterone`    -- testosterone on a lab report: free and bioavailable
- :mod:`glucolab.cohort`          -- a virtual cohort for how far one fasting test can be trusted
- :mod:`glucolab.claims`          -- the graded claims of the source articles (data/claims.csv)
- :mod:`glucolab.data`            -- the small data sets the lessons use, with their sources

Showing a lesson:

- :mod:`glucolab.lesson`       -- the one import a lesson notebook needs
- :mod:`glucolab.display`      -- live widgets, or still figures with alt text without a kernel
- :mod:`glucolab.claims_table` -- the claims as a filterable table and a chart
- :mod:`glucolab.accessible`   -- accessible names for the sliders
- :mod:`glucolab.style`        -- the project's plot style
- :mod:`glucolab.quiz`         -- the first question widgets, kept for older notebooks
- :mod:`glucolab.envcheck`     -- checks that a learner's set-up can run the lessons
- :mod:`glucolab.validation`   -- the argument checks every public function shares
- :mod:`glucolab.deprecation`  -- old names kept for one release, each warning what replaced it
- :mod:`glucolab.cli`          -- the ``glucolab`` command

Old names kept for one release, with a deprecation warning: :mod:`glucolab.indices_dynamic`
(now ``ogtt_indices``) and :mod:`glucolab.hormones` (now ``testosterone``).

Nothing here is medical advice: the lessons teach physiology and how to read evidence.
"""

__version__ = "0.2.0"
