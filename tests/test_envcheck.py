from glucolab import envcheck


def test_everything_needed_is_installed_in_the_test_environment(capsys):
    assert envcheck.report() is True
    out = capsys.readouterr().out
    for name in envcheck.REQUIRED:
        assert name in out


def test_a_missing_package_is_reported(monkeypatch, capsys):
    monkeypatch.setitem(envcheck.REQUIRED, "no_such_package_xyz", ("1.0", "testing"))
    assert envcheck.report() is False
    assert "MISSING  no_such_package_xyz" in capsys.readouterr().out


def test_widget_probe_reacts():
    probe = envcheck.widget_probe()
    slider, label = probe.widget.children
    slider.value = 7
    assert "7" in label.value
    assert probe._repr_mimebundle_()["text/plain"] == "[run this cell to see a slider]"


def test_missing_widget_front_end_is_reported(tmp_path):
    checks = envcheck.front_end_checks([tmp_path])
    assert [c.ok for c in checks] == [False, False]
    assert "reinstall ipywidgets" in checks[0].detail
    (tmp_path / "jupyter-matplotlib").mkdir()
    (tmp_path / "jupyter-matplotlib" / "package.json").write_text("{}")
    assert [c.ok for c in envcheck.front_end_checks([tmp_path])] == [False, True]
