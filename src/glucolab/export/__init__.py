"""The package's models in formats other tools read.

- :mod:`.spec`    a model as named quantities with units and sources (no SBML library needed)
- :mod:`.models`  the published models of :mod:`glucolab.models` described that way, with the
  lessons' scenarios (:data:`~glucolab.export.models.EXPORTS`)
- :mod:`.sbml`    those descriptions written as SBML files (``glucolab export-sbml``)
"""
