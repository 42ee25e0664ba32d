import numpy as np
import pytest

from glucolab import data
from glucolab.data import load_fsigt, read_table


def test_fsigt_matches_the_published_table():
    d = load_fsigt()
    assert len(d.time) == len(d.glucose) == len(d.insulin) == 24
    np.testing.assert_array_equal(d.time[[0, 1, 9, -1]], [0, 2, 19, 182])
    np.testing.assert_array_equal(d.glucose[[0, 1, 2, -1]], [92, 350, 287, 90])
    np.testing.assert_array_equal(d.insulin[[0, 2, 3, -1]], [11, 130, 85, 7])
    assert "Pacini" in d.source and "1986" in d.source


def test_malformed_rows_are_reported_by_line(tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_text("# source line\na,b\n1,2\n3\n", encoding="utf-8")
    monkeypatch.setattr(data, "_REPO_DATA", tmp_path)
    monkeypatch.setattr(data.resources, "files", lambda _: tmp_path / "nowhere")
    with pytest.raises(ValueError, match=r"bad.csv, line 4: expected 2 values, found 1"):
        read_table("bad.csv")


def test_missing_file_names_itself():
    with pytest.raises(FileNotFoundError, match="no_such.csv"):
        data.data_path("no_such.csv")
