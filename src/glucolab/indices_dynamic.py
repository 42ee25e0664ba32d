"""Deprecated: the OGTT indices are in :mod:`glucolab.ogtt_indices` (this name goes in 0.3.0)."""

import warnings

from .ogtt_indices import *  # noqa: F403
from .ogtt_indices import (ADA_DOSE_G, DI_SENSITIVITY, IGI_UNITS, MATSUDA_MEANS, MATSUDA_SCALE,  # noqa: F401
                           TEST_END_MIN, classify_ogtt, insulinogenic_index, matsuda, oral_disposition_index)

warnings.warn("glucolab.indices_dynamic is now glucolab.ogtt_indices; the old name goes in 0.3.0",
              DeprecationWarning, stacklevel=2)
