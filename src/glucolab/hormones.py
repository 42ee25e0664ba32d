"""Deprecated: testosterone on a lab report is in :mod:`glucolab.testosterone` (this name goes in 0.3.0)."""

import warnings

from .testosterone import *  # noqa: F403
from .testosterone import (ALBUMIN_DEFAULT_GDL, ALBUMIN_MOLAR_MASS, ALBUMIN_RANGE_GDL, K_ALBUMIN,  # noqa: F401
                           K_SHBG, SHBG_RANGE_NMOLL, FreeTestosterone, canonical_result_unit, check_testosterone,
                           NGDL_PER_NMOLL, convert_testosterone, free_testosterone, testosterone_unit)

warnings.warn("glucolab.hormones is now glucolab.testosterone; the old name goes in 0.3.0",
              DeprecationWarning, stacklevel=2)
