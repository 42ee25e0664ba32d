"""Panel: sleep loss, stress, cortisol and thyroid hormone as parameter changes of the Lesson 1
loop, side by side, with measured and illustrative sizes told apart (filled and open symbols)."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator

from .. import style
from ..indices import homa_ir
from ..models import counterregulatory as cr
from ..models import feedback
from . import register
from .base import CONTROL_WIDTH, Panel, slider

EFFECT_NAMES = tuple(cr.EFFECTS)
PEOPLE = ("healthy", "insulin resistant, compensating")
FACTORS = ("R0", "SI", "SG", "beta")
FACTOR_LABELS = ("R0", "S_I", "S_G", "β")


def _homa(effect, person, strength=1.0) -> tuple[float, float, float]:
    """Fasting glucose (mg/dL), insulin (µU/mL) and HOMA-IR of ``person`` under ``effect``."""
    g, i = cr.steady_state(effect, params=person, strength=strength)
    return g, i, homa_ir(g, i, glucose_unit="mg/dL")


@lru_cache(maxsize=8)
def person_at_full_strength(person: str) -> tuple[tuple[float, float, float], list[float]]:
    """For a person of :data:`PEOPLE`: the fasting state without any effect, and the HOMA-IR
    under each effect at full strength (the bars; the strength slider does not move them)."""
    who = feedback.PRESETS[person]
    return _homa(None, who), [_homa(cr.EFFECTS[name], who)[2] for name in EFFECT_NAMES]


class HormoneEffectsPanel(Panel):
    """HOMA-IR under every effect, and the parameter factors of the chosen one."""

    title = "Hormones and sleep as changes to the feedback loop"
    description = ("Left: one horizontal bar per effect giving the model's fasting HOMA-IR at full "
                   "strength for the chosen person; solid bars are sizes a study measured, hatched "
                   "bars illustrative sizes; the vertical line is the person without any effect and "
                   "the large dot the chosen effect at the chosen strength. Right: dots give the "
                   "factor by which the chosen effect multiplies each model parameter (liver glucose "
                   "release R0, insulin sensitivity S_I, glucose effectiveness S_G, beta-cell response) "
                   "at that strength; the horizontal line at 1 means unchanged.")
    figsize = (8.6, 4.0)

    def __init__(self, effect: str = EFFECT_NAMES[0], strength: float = 100.0, person: str = "healthy"):
        for name, value, options in (("effect", effect, EFFECT_NAMES), ("person", person, PEOPLE)):
            if value not in options:
                raise ValueError(f"{name}={value!r}: expected one of {list(options)}")
        self._start = (effect, strength, person)
        super().__init__()

    def _build(self):
        effect, strength, person = self._start
        self.controls["strength"] = slider("strength (% of documented change)", strength, 0.0, 100.0, 5.0, ".0f")
        self.controls["effect"] = widgets.Dropdown(options=EFFECT_NAMES, value=effect, description="effect",
                                                   layout=widgets.Layout(width=CONTROL_WIDTH))
        self.controls["person"] = widgets.Dropdown(options=PEOPLE, value=person, description="person",
                                                   layout=widgets.Layout(width=CONTROL_WIDTH))
        ax_h, ax_f = self.figure.subplots(1, 2, width_ratios=[1.5, 1])
        self.axes = {"homa": ax_h, "factors": ax_f}
        c = style.OKABE_ITO
        rows = np.arange(len(EFFECT_NAMES))
        self.bars = ax_h.barh(rows, np.zeros(len(rows)), left=0.0, color=c["sky"], edgecolor=c["blue"])
        for bar, name in zip(self.bars, EFFECT_NAMES):
            if cr.EFFECTS[name].evidence != "measured":
                bar.set_hatch("//")
                bar.set_facecolor("white")
        self.lines = {
            "baseline": ax_h.plot([], [], color="black", lw=1.2, ls="-")[0],
            "now": ax_h.plot([], [], color=c["vermillion"], marker="o", ms=10, ls="none")[0],
            "factors": ax_f.plot([], [], color=c["blue"], marker="o", ms=9, ls="none")[0],
        }
        ax_h.set_yticks(rows, EFFECT_NAMES, fontsize=8)
        ax_h.set_ylim(len(rows) - 0.5, -0.5)
        ax_h.set_xlabel("fasting HOMA-IR in the model")
        ax_h.xaxis.set_major_locator(MaxNLocator(4))
        ax_h.grid(axis="y", visible=False)
        ax_f.axhline(1.0, color="black", lw=1)
        ax_f.set_xticks(np.arange(len(FACTORS)), FACTOR_LABELS, fontsize=9)
        ax_f.set_xlim(-0.5, len(FACTORS) - 0.5)
        ax_f.set_ylim(0.5, 1.5)
        ax_f.yaxis.set_major_locator(FixedLocator([0.6, 0.8, 1.0, 1.2, 1.4]))
        ax_f.set_ylabel("factor (× unchanged)")
        ax_f.grid(axis="x", visible=False)

    def _moving_artists(self):
        return self.lines.values()

    def _redraw(self):
        v = self.values
        person = feedback.PRESETS[v["person"]]
        effect = cr.EFFECTS[v["effect"]]
        s = v["strength"] / 100.0
        f = effect.scaled(s)
        self.lines["factors"].set_data(np.arange(len(FACTORS)), [float(getattr(f, k)) for k in FACTORS])
        (g0, i0, h0), full = person_at_full_strength(v["person"])
        for bar, value in zip(self.bars, full):
            bar.set_width(value)
        g, i, h = _homa(effect, person, s)
        row = EFFECT_NAMES.index(v["effect"])
        self.lines["now"].set_data([h], [row])
        self.lines["baseline"].set_data([h0, h0], [-0.5, len(EFFECT_NAMES) - 0.5])
        self.axes["homa"].set_xlim(0, 1.15 * max(full))
        label = "measured" if effect.evidence == "measured" else "<b>illustrative</b> (no study gives this size)"
        self.readout.value = (
            f"{v['effect']} at {v['strength']:.0f} % in the {v['person']} person: R0 × {f.R0:.3f}, "
            f"S_I × {f.SI:.3f}, S_G × {f.SG:.3f}. Fasting glucose <b>{g:.0f} mg/dL</b> (from {g0:.0f}), "
            f"insulin <b>{i:.1f} µU/mL</b> (from {i0:.1f}), HOMA-IR <b>{h:.2f}</b> (from {h0:.2f}). "
            f"Size: {label}. Source: {effect.source}.")


@register("hormone_effects")
def hormone_effects_panel(effect: str = EFFECT_NAMES[0], strength: float = 100.0,
                          person: str = "healthy") -> HormoneEffectsPanel:
    """Lesson 6, panel C: one of the documented hormone and sleep effects (``effect``) at a
    strength from 0 to 100 % of its documented size, in a healthy or an insulin-resistant person
    of Lesson 1, next to all the others."""
    return HormoneEffectsPanel(effect, strength, person)
