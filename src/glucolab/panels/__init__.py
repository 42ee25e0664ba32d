"""Interactive panels: one function per figure, all listed in one registry.

``all_panels()`` returns ``{name: factory}`` for every panel in the project; each factory
returns a :class:`~glucolab.panels.base.Panel` with ``.controls``, ``.figure``, ``.state`` and
``.reset()``. Tests and the benchmark iterate this registry, so a new panel is covered as
soon as it is registered with :func:`register`.

The machinery:

- :mod:`.base`          the Panel pattern: controls, one figure updated in place, errors shown
- :mod:`.static_layer`  the unchanging parts of a figure drawn from cached images
- :mod:`.settings`      saved and shared settings: state, text, links, the settings box

One module per figure, by lesson: :mod:`.feedback`, :mod:`.fsigt` (1); :mod:`.homa_calculator`,
:mod:`.homa_plane`, :mod:`.homa_variability` (2); :mod:`.progression`, :mod:`.hyperbola` (3);
:mod:`.ogtt`, :mod:`.gastric_emptying` (4); :mod:`.signaling`, :mod:`.dose_response` (5);
:mod:`.cortisol`, :mod:`.growth_hormone`, :mod:`.hormone_effects` (6); :mod:`.hpg`,
:mod:`.free_testosterone`, :mod:`.vicious_circle` (7); :mod:`.reversal`, :mod:`.no_return` (8);
:mod:`.liver_fat`, :mod:`.lipid_markers` (10); :mod:`.pregnancy`, :mod:`.menopause` (11).
"""

from __future__ import annotations

import functools
from typing import Callable

_REGISTRY: dict[str, Callable] = {}


def register(name: str):
    """Function decorator that adds a panel factory to the registry under ``name``; each panel it
    makes carries that name (``panel.name``), which its saved settings use."""
    def decorate(factory):
        if name in _REGISTRY:
            raise ValueError(f"panel name {name!r} is registered twice")

        @functools.wraps(factory)
        def make(*args, **kwargs):
            panel = factory(*args, **kwargs)
            panel.name = name
            return panel
        _REGISTRY[name] = make
        return make
    return decorate


def all_panels() -> dict[str, Callable]:
    """Every registered panel factory, by name."""
    return dict(_REGISTRY)


# Importing the modules registers their panels.
from .feedback import feedback_panel  # noqa: E402
from .fsigt import fsigt_panel  # noqa: E402
from .homa_calculator import homa_calculator_panel  # noqa: E402
from .homa_plane import homa_plane_panel  # noqa: E402
from .homa_variability import homa_variability_panel  # noqa: E402
from .progression import progression_panel  # noqa: E402
from .hyperbola import hyperbola_panel  # noqa: E402
from .ogtt import ogtt_panel  # noqa: E402
from .gastric_emptying import gastric_emptying_panel  # noqa: E402
from .signaling import signaling_panel  # noqa: E402
from .dose_response import dose_response_panel  # noqa: E402
from .cortisol import cortisol_panel  # noqa: E402
from .growth_hormone import growth_hormone_panel  # noqa: E402
from .hormone_effects import hormone_effects_panel  # noqa: E402
from .hpg import hpg_panel  # noqa: E402
from .free_testosterone import free_testosterone_panel  # noqa: E402
from .vicious_circle import vicious_circle_panel  # noqa: E402
from .reversal import reversal_panel  # noqa: E402
from .no_return import no_return_panel  # noqa: E402
from .pregnancy import pregnancy_panel  # noqa: E402
from .menopause import menopause_panel  # noqa: E402
from .liver_fat import liver_fat_panel  # noqa: E402
from .lipid_markers import lipid_markers_panel  # noqa: E402

__all__ = ["all_panels", "register", "feedback_panel", "fsigt_panel", "homa_calculator_panel", "homa_plane_panel",
           "homa_variability_panel", "progression_panel", "hyperbola_panel",
           "ogtt_panel", "gastric_emptying_panel",
           "signaling_panel", "dose_response_panel",
           "cortisol_panel", "growth_hormone_panel", "hormone_effects_panel", "hpg_panel",
           "free_testosterone_panel", "vicious_circle_panel",
           "reversal_panel", "no_return_panel", "pregnancy_panel", "menopause_panel",
           "liver_fat_panel", "lipid_markers_panel"]
