"""One plot style for every lesson: colour-blind-safe colours that also differ in line
style, sizes that read on a projector, and labelled reference bands.

Colours are the Okabe-Ito palette (Okabe M, Ito K. Color Universal Design, 2008), which
stays distinguishable for the common forms of colour blindness. Because colour must never
be the only carrier of meaning, the line styles cycle too and reference bands carry text.
"""

from __future__ import annotations

from cycler import cycler
import matplotlib as mpl

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    # Okabe & Ito's orange and sky blue, darkened just enough for lines to reach the 3:1
    # contrast with a white background that WCAG 2.1 asks of graphics (1.4.11); hue unchanged.
    "orange": "#B97F00",
    "sky": "#2F8FCF",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORS = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "purple", "orange", "sky", "black")]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1))]
REFERENCE_GREY = "#777777"
BAND_COLOR = "#009E73"  # normal ranges
ALERT_COLOR = "#D55E00"  # diagnostic thresholds

RC = {
    "axes.prop_cycle": cycler(color=COLORS) + cycler(linestyle=LINESTYLES),
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "legend.fontsize": 10,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.2,
    "lines.markersize": 6,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 96,
    "savefig.dpi": 150,
    "legend.frameon": False,
}


def apply() -> None:
    """Make the project style the default for every new figure."""
    mpl.rcParams.update(RC)


def shade_band(ax, low: float, high: float, label: str, color: str = BAND_COLOR):
    """Shade a horizontal reference band and write its label inside it.

    Returns the patch, so a panel can move the band later with ``set_y``/``set_height``.
    """
    patch = ax.axhspan(low, high, color=color, alpha=0.12, lw=0, zorder=0)
    ax.text(0.995, high, f" {label}", transform=ax.get_yaxis_transform(), ha="right", va="top",
            fontsize=9, color=color)
    return patch


def threshold_line(ax, value: float, label: str, color: str = ALERT_COLOR):
    """Draw a labelled horizontal threshold (dotted, so it reads without colour)."""
    line = ax.axhline(value, color=color, lw=1.2, ls=":", zorder=1)
    ax.text(0.005, value, f"{label} ", transform=ax.get_yaxis_transform(), ha="left", va="bottom",
            fontsize=9, color=color)
    return line
