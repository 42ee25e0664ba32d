"""How lessons show themselves: live widgets in JupyterLab and Voilà, or static figures and
text when a lesson is exported to HTML for reading without a kernel.

Static mode is switched on with the environment variable ``GLUCOLAB_STATIC=1`` (the
``make html`` command does this). Panels then display their figure as an image with the
control values and the readout as text, and quizzes list their questions.
"""

from __future__ import annotations

import html
import os


def static_mode() -> bool:
    """True when lessons should render as static HTML (``GLUCOLAB_STATIC=1``)."""
    return os.environ.get("GLUCOLAB_STATIC", "") == "1"


def show_static_panel(panel) -> None:
    """Display a panel as heading, description, control values, figure and readout."""
    from IPython.display import HTML, display
    values = ", ".join(f"{name} = {w.value}" for name, w in panel.controls.items())
    display(HTML(f"<h4>{html.escape(panel.title)}</h4><p>{html.escape(panel.description)}</p>"
                 f"<p><i>Start-up settings: {html.escape(values)}. Run the notebook to move the "
                 f"controls.</i></p>"))
    display(panel.figure)
    display(HTML(panel.readout.value))


def show_static_questions(questions) -> None:
    """Display quiz questions as a numbered list without their answers."""
    from IPython.display import HTML, display
    items = []
    for q in questions:
        options = getattr(q, "options", None)
        choices = "".join(f"<li>{html.escape(o)}</li>" for o in options) if options else ""
        items.append(f"<li>{html.escape(q.question)}<ol type='a'>{choices}</ol></li>")
    display(HTML(f"<ol>{''.join(items)}</ol><p><i>Run the notebook to check your answers.</i></p>"))
