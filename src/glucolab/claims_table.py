"""The graded claims as a filterable table, and their grades as a chart (Lesson 9).

:func:`claims_panel` shows the claims of ``data/claims.csv`` in an HTML table under three menus
(article, topic, grade). Each claim links to the lesson notebook that examines it, by a link
relative to the ``notebooks/`` folder, so the link opens the lesson in JupyterLab, Voilà or a
static export. A combination of filters that matches nothing shows a message instead of an
empty table. The table is a widget of its own, not a :class:`~glucolab.panels.base.Panel`: it
has no figure and no sliders.

``claims_panel(hide={"C27": "9.1"})`` keeps the evidence kind, grade and verdict of claim C27 out of
sight until the learner's record holds an answer to exercise 9.1, so the table does not answer an
exercise before the learner has. Until then the claim is listed only when the grade menu is at
"all grades" (listed under its own grade it would give the grade away, and listed under every
grade it would clutter each one), and the count above the table says how many claims are hidden.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from . import style
from .claims import DOCUMENTS, GRADE_DEFINITIONS, GRADES, TOPICS, ClaimTable, lesson_number, load_claims
from .display import static_mode
from .teaching import record

NO_MATCH = ("No claims match this combination of filters. Set one of the menus back to "
            "\u201call\u201d to see more.")
HIDDEN = "hidden until you grade it (exercise {item})"
HIDDEN_SHORT = "hidden"

#: Colour and hatch of each grade in the table's badges and in :func:`grades_figure`; the grade is
#: always written out as well, so colour never carries the meaning alone.
GRADE_STYLE = {
    "established physiology": ("#0072B2", ""),
    "supported by randomised trials": ("#009E73", "//"),
    "association only": ("#56B4E9", ".."),
    "mixed or conflicting": ("#E69F00", "xx"),
    "mechanism or surrogate only": ("#CC79A7", "\\\\"),
    "unsupported or contradicted": ("#D55E00", "--"),
}


def _lesson_link(lesson: str, prefix: str) -> str:
    number = lesson_number(lesson)
    href = html.escape(prefix + lesson, quote=True)
    return f'<a href="{href}" title="{html.escape(lesson)}">Lesson {number}</a>'


def render_table(claims, link_prefix: str = "", hidden: dict | None = None) -> str:
    """HTML of a table of ``claims`` (a list of :class:`~glucolab.claims.Claim`).

    An empty list gives the "no claims match" message instead of a table. ``hidden`` maps claim
    ids to exercise ids: those claims show :data:`HIDDEN` instead of their grade, and "hidden"
    instead of their evidence kind and verdict.
    """
    hidden = hidden or {}
    if not claims:
        return f'<div role="status" style="padding:8px;border:1px dashed #777">{html.escape(NO_MATCH)}</div>'
    head = "".join(f'<th scope="col" style="text-align:left;padding:4px">{h}</th>'
                   for h in ("id", "claim (article)", "evidence", "grade", "verdict", "references", "lesson"))
    body = []
    for c in claims:
        color, _ = GRADE_STYLE[c.grade]
        evidence, grade, verdict = html.escape(c.evidence_kind), html.escape(c.grade), html.escape(c.verdict)
        if c.id in hidden:
            color, grade = "#777", f"<i>{html.escape(HIDDEN.format(item=hidden[c.id]))}</i>"
            evidence = verdict = f"<i>{HIDDEN_SHORT}</i>"
        refs = "".join(f"<li>{html.escape(r)}</li>" for r in c.references)
        body.append(
            "<tr style='border-top:1px solid #ccc;vertical-align:top'>"
            f"<td style='padding:4px'><b>{c.id}</b></td>"
            f"<td style='padding:4px;max-width:22em'>{html.escape(c.claim)} <i>({c.document[:3]})</i></td>"
            f"<td style='padding:4px;max-width:9em'>{evidence}</td>"
            f"<td style='padding:4px;max-width:9em'><span style='border-left:6px solid {color};"
            f"padding-left:4px'>{grade}</span></td>"
            f"<td style='padding:4px;max-width:26em'>{verdict}</td>"
            f"<td style='padding:4px;max-width:18em;font-size:85%'>"
            f"<ul style='margin:0;padding-left:1.2em'>{refs}</ul></td>"
            f"<td style='padding:4px'>{_lesson_link(c.lesson, link_prefix)}</td></tr>")
    return ("<div style='max-height:34em;overflow:auto'><table style='border-collapse:collapse;font-size:90%'>"
            "<caption style='text-align:left;caption-side:top'>Claims of the source articles, each with the kind "
            "of evidence behind it, a grade, a one-sentence verdict, references and the lesson that examines it."
            f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


class ClaimsTable:
    """The claims under three menus (article, topic, grade), updated in place.

    Attributes
    ----------
    table : ClaimTable
        All claims.
    controls : dict of str to ipywidgets.Dropdown
        ``"document"``, ``"topic"`` and ``"grade"``; setting ``.value`` filters the table.
    rows : list of Claim
        The claims now shown.
    html : ipywidgets.HTML
        The table, or the "no claims match" message.
    count : ipywidgets.HTML
        How many claims are shown, as text.
    hide : dict of str to str
        Claim id -> exercise id: the claim's evidence kind, grade and verdict stay hidden until the
        learner's record holds an answer to that exercise; until then the claim is listed only
        under "all grades".
    """

    title = "The articles' claims, graded"
    description = ("Choose an article, a topic or a grade. Each row gives the claim in our words, the kind "
                   "of evidence, the grade, a one-sentence verdict, the references and a link to the lesson "
                   "that examines it.")

    def __init__(self, table: ClaimTable | None = None, document: str = "all", topic: str = "all",
                 grade: str = "all", link_prefix: str = "", hide: dict | None = None):
        self.table = load_claims() if table is None else table
        self.link_prefix = link_prefix
        self.hide = dict(hide or {})
        unknown = sorted(set(self.hide) - {c.id for c in self.table})
        if unknown:
            raise KeyError(f"hide={self.hide!r}: no claim(s) {unknown} in the table")
        self.table.filter(document=document, topic=topic, grade=grade)  # refuses unknown values clearly
        if self.hide:  # show a hidden grade as soon as the learner has answered its exercise
            record.on_append(self._on_answer)
        layout = widgets.Layout(width="30em")
        menu_style = {"description_width": "5em"}
        self.controls = {
            "document": widgets.Dropdown(options=[("all articles", "all")] + [(v, k) for k, v in DOCUMENTS.items()],
                                         value=document, description="article", layout=layout, style=menu_style),
            "topic": widgets.Dropdown(options=[("all topics", "all")] + [(t, t) for t in TOPICS], value=topic,
                                      description="topic", layout=layout, style=menu_style),
            "grade": widgets.Dropdown(options=[("all grades", "all")] + [(g, g) for g in GRADES], value=grade,
                                      description="grade", layout=layout, style=menu_style),
        }
        self._defaults = {"document": "all", "topic": "all", "grade": "all"}
        self.count = widgets.HTML()
        self.html = widgets.HTML()
        self.grade_note = widgets.HTML()
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="Show all claims")
        self.reset_button.on_click(lambda _: self.reset())
        self._holding = 0
        for w in self.controls.values():
            w.observe(lambda _change: self.update(), names="value")
        self.rows = []
        self.update()

    @property
    def values(self) -> dict:
        """The menus' current values."""
        return {name: w.value for name, w in self.controls.items()}

    def hidden(self) -> dict:
        """The claims of ``hide`` whose exercise the learner has not answered yet."""
        return {c: item for c, item in self.hide.items() if record.previous(item) is None}

    def _on_answer(self, event: dict) -> None:
        if event["item"] in self.hide.values():
            self.update()

    def update(self) -> None:
        """Filter the claims by the menus and redraw the table."""
        if self._holding:
            return
        hidden, grade = self.hidden(), self.values["grade"]
        # A claim whose grade is hidden is listed only under "all grades": under its own grade it
        # would give the grade away.
        self.rows = [c for c in self.table.filter(**self.values) if grade == "all" or c.id not in hidden]
        self.count.value = f"<b>{len(self.rows)}</b> of {len(self.table)} claims shown" + _hidden_note(hidden, grade)
        self.grade_note.value = ("" if grade == "all" else
                                 f"<i>{html.escape(grade)}</i>: {html.escape(GRADE_DEFINITIONS[grade])}")
        self.html.value = render_table(self.rows, self.link_prefix, hidden)

    def set(self, **values) -> None:
        """Set several menus at once (one update); unknown menu names raise KeyError."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"unknown menu(s) {sorted(unknown)}; this table has {sorted(self.controls)}")
        self.table.filter(**values)  # an unknown value raises here, before any menu moves
        self._holding += 1
        for name, value in values.items():
            self.controls[name].value = value
        self._holding -= 1
        self.update()

    def reset(self) -> None:
        """Show all claims again."""
        self.set(**self._defaults)

    @property
    def widget(self) -> widgets.Widget:
        """Title, menus, count, grade definition and table."""
        if not hasattr(self, "_widget"):
            header = widgets.HTML(f"<h4 style='margin:4px 0'>{html.escape(self.title)}</h4>"
                                  f"<div style='max-width:60em'>{html.escape(self.description)}</div>")
            menus = widgets.HBox(list(self.controls.values()) + [self.reset_button],
                                 layout=widgets.Layout(flex_flow="row wrap"))
            self._widget = widgets.VBox([header, menus, self.count, self.grade_note, self.html])
            self._widget.add_class("glucolab-claims")
        return self._widget

    def _ipython_display_(self):
        from IPython.display import HTML, display
        if static_mode():
            display(HTML(f"<h4>{html.escape(self.title)}</h4><p>{self.count.value}. Run the notebook to "
                         f"filter the table.</p>{self.html.value}"))
            return
        display(self.widget)


def _hidden_note(hidden: dict, grade: str) -> str:
    """The part of the count that says how many claims are hidden, and where they are listed."""
    if not hidden:
        return ""
    one = len(hidden) == 1
    what = f"{len(hidden)} {'claim' if one else 'claims'} ({', '.join(sorted(hidden))})"
    them, they = ("it", "it is") if one else ("them", "they are")
    where = (f"{they} listed only under \u201call grades\u201d" if grade == "all" else
             f"under a single grade {they} left out; choose \u201call grades\u201d to see {them}")
    return (f". The evidence, grade and verdict of {what} stay hidden until you grade {them} in the "
            f"exercises; {where}.")


def claims_panel(document: str = "all", topic: str = "all", grade: str = "all",
                 hide: dict | None = None) -> ClaimsTable:
    """Lesson 9: the articles' claims in a table filtered by article, topic and grade.

    Each value is ``"all"`` or one of :data:`~glucolab.claims.DOCUMENTS` (a file name),
    :data:`~glucolab.claims.TOPICS` or :data:`~glucolab.claims.GRADES`. ``hide`` maps claim ids
    to exercise ids (``{"C27": "9.1"}``): each claim's evidence kind, grade and verdict stay hidden,
    and the claim is listed only under "all grades", until the learner has answered that exercise.
    """
    return ClaimsTable(document=document, topic=topic, grade=grade, hide=hide)


def grades_figure(table: ClaimTable | None = None):
    """A horizontal stacked bar per source article: how many of its claims have each grade.

    Each grade has its own colour *and* hatch, and every segment is labelled with its count.
    """
    table = load_claims() if table is None else table
    style.apply()
    counts = table.crosstab("document", "grade")
    articles = list(DOCUMENTS)
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(9.0, 4.2), layout="constrained")
    left = [0] * len(articles)
    for grade in GRADES:
        color, hatch = GRADE_STYLE[grade]
        widths = [counts[a][grade] for a in articles]
        bars = ax.barh(range(len(articles)), widths, left=left, color=color, hatch=hatch,
                       edgecolor="white", label=grade)
        for bar, n in zip(bars, widths):
            if n:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(n),
                        ha="center", va="center", fontsize=10, color="black",
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
        left = [x + w for x, w in zip(left, widths)]
    ax.set_yticks(range(len(articles)), [a[:3] for a in articles])
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("number of claims")
    ax.set_ylabel("source article")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=9)
    totals = "; ".join(f"{a[:3]}: " + ", ".join(f"{counts[a][g]} {g}" for g in GRADES if counts[a][g])
                       for a in articles)
    fig.set_label(f"Stacked bars, one per source article, counting its claims by grade. {totals}.")
    return fig
