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


def test_the_normal_cohort_is_pooled_from_its_nine_published_subgroups():
    # Abdul-Ghani et al. Diabetes Care 2010;33:557-561, Table 3: n, fasting, 1-h and 2-h glucose (mean, SD)
    import math
    from glucolab.data import load_normal_ogtt
    rows = [(894, 81, 1, 95, 26, 87, 11), (286, 82, 6, 135, 10, 100, 22), (219, 83, 6, 175, 19, 109, 21),
            (489, 95, 3, 99, 14, 94, 18), (255, 95, 3, 136, 10, 105, 19), (265, 96, 3, 180, 18, 111, 20),
            (329, 106, 5, 102, 12, 101, 17), (277, 107, 5, 137, 10, 108, 19), (432, 109, 6, 188, 27, 114, 18)]
    n = sum(r[0] for r in rows)
    c = load_normal_ogtt()
    assert c.n == n == 3446
    for k, column in enumerate((1, 3, 5)):
        mean = sum(r[0] * r[column] for r in rows) / n
        sd = math.sqrt(sum(r[0] * (r[column + 1] ** 2 + (r[column] - mean) ** 2) for r in rows) / n)
        assert c.mean[k] == pytest.approx(mean, abs=0.05) and c.sd[k] == pytest.approx(sd, abs=0.05)
