"""How lessons show themselves: live widgets in JupyterLab and Voilà, or static figures and
text when a lesson is exported to HTML for reading without a kernel.

Static mode is switched on with the environment variable ``GLUCOLAB_STATIC=1`` (the
``make html`` command does this). Panels then display their figure as an image with the
control values and the readout as text, and quizzes list their questions.
"""

from __future__ import annotations

import base64
import html
import io
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
    display(FigureImage(panel.figure, alt=panel.description))
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


class FigureImage:
    """A matplotlib figure shown as a still image with alt text.

    JupyterLab, Voilà, nbviewer and GitHub show the ``text/html`` form, an ``<img>`` whose alt
    text lets a screen reader say what the figure shows; a viewer without HTML falls back to the
    PNG. The alt text is the figure's label (``fig.set_label``), else ``alt``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with plt.ioff():
    ...     fig = plt.figure(figsize=(1, 1), label="An empty square.")
    >>> bundle = FigureImage(fig)._repr_mimebundle_()
    >>> sorted(bundle), 'alt="An empty square."' in bundle["text/html"]
    (['image/png', 'text/html', 'text/plain'], True)
    """

    def __init__(self, figure, alt: str = "", dpi: float | None = None):
        self.figure = figure
        self.alt = figure.get_label() or alt or "A figure."
        self.dpi = dpi

    def _repr_mimebundle_(self, include=None, exclude=None):
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.dpi or "figure")
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        tag = f'<img alt="{html.escape(self.alt)}" src="data:image/png;base64,{png}"/>'
        return {"text/html": tag, "image/png": png, "text/plain": self.alt}
