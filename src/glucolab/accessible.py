"""Accessible names for the controls of the lessons' widgets.

A screen reader announces a slider by its accessible name. ipywidgets draws a slider's
description as a separate label that is not tied to the handle a learner moves, so the handle
has no name (axe-core rule ``aria-input-field-name``, WCAG 2.1 success criterion 4.1.2).
:class:`ControlNames` is an invisible widget that, wherever it is shown, gives every slider
handle on the page the text of its own label (which names the unit), and keeps doing so for
sliders drawn later. One is placed in every panel; extra copies do no harm.
"""

from __future__ import annotations

import anywidget

_NAME_SLIDERS = """
function nameSliders(root) {
  for (const slider of root.querySelectorAll('.widget-slider')) {
    const label = slider.querySelector('.widget-label');
    const text = label ? label.textContent.trim() : '';
    for (const handle of slider.querySelectorAll('[role="slider"]')) {
      if (text && handle.getAttribute('aria-label') !== text) handle.setAttribute('aria-label', text);
    }
  }
}

// One watcher for the page, however many of these widgets are shown.
let watcher = null;
let users = 0;

export default {
  render({ el }) {
    el.style.display = 'none';
    nameSliders(document.body);
    if (users++ === 0) {
      // Sliders appear as cells run and as locked results open: name them as they come.
      watcher = new MutationObserver(() => nameSliders(document.body));
      watcher.observe(document.body, { childList: true, subtree: true });
    }
    return () => { if (--users === 0) watcher.disconnect(); };
  },
};
"""


class ControlNames(anywidget.AnyWidget):
    """An invisible widget that gives every slider handle its label as accessible name.

    Examples
    --------
    >>> ControlNames().layout.display
    'none'
    """

    _esm = _NAME_SLIDERS

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"  # takes no room in the panel's layout
