"""Modules renamed in 0.2.0 keep their old names for one release, with a deprecation warning."""

import importlib

import pytest


@pytest.mark.parametrize("old, new, name", [("glucolab.indices_dynamic", "glucolab.ogtt_indices", "matsuda"),
                                            ("glucolab.hormones", "glucolab.testosterone", "free_testosterone")])
def test_an_old_module_name_still_works_and_says_its_new_name(old, new, name):
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=new):
        module = importlib.reload(module)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
