import numpy as np
import pytest
from hypothesis import given, strategies as st

from glucolab.units import (MGDL_PER_MMOLL, PMOLL_PER_UUML, check_glucose, convert_glucose,
                            convert_insulin, glucose_unit, insulin_unit)


def test_glucose_factor_comes_from_molar_mass():
    assert MGDL_PER_MMOLL == pytest.approx(18.016)
    assert convert_glucose(5.0, "mmol/L", "mg/dL") == pytest.approx(90.08)
    assert convert_glucose(126.0, "mg/dL", "mmol/L") == pytest.approx(6.994, abs=1e-3)


def test_insulin_default_factor_and_the_older_one():
    assert PMOLL_PER_UUML == 6.0
    assert convert_insulin(10.0, "uU/mL", "pmol/L") == pytest.approx(60.0)
    assert convert_insulin(10.0, "uU/mL", "pmol/L", factor=6.945) == pytest.approx(69.45)
    assert convert_insulin(60.0, "pmol/L", "µIU/mL") == pytest.approx(10.0)


@given(st.floats(1.0, 80.0))
def test_glucose_round_trip(mmol):
    there = convert_glucose(mmol, "mmol/L", "mg/dL")
    assert convert_glucose(there, "mg/dL", "mmol/L") == pytest.approx(mmol, rel=1e-12)


@given(st.floats(0.1, 2000.0), st.floats(5.0, 8.0))
def test_insulin_round_trip(uu, factor):
    there = convert_insulin(uu, "uU/mL", "pmol/L", factor=factor)
    assert convert_insulin(there, "pmol/L", "uU/mL", factor=factor) == pytest.approx(uu, rel=1e-12)


def test_arrays_convert_element_wise():
    out = convert_glucose(np.array([4.0, 5.5, 7.0]), "mmol/L", "mg/dL")
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [72.064, 99.088, 126.112])


@pytest.mark.parametrize("value, unit, suggestion", [(5.4, "mg/dL", "mmol/L"), (95.0, "mmol/L", "mg/dL")])
def test_guard_catches_the_classic_mix_up(value, unit, suggestion):
    with pytest.raises(ValueError) as err:
        convert_glucose(value, unit, "mg/dL")
    message = str(err.value)
    assert str(value) in message and unit in message and f"did you mean {suggestion}" in message


def test_guard_names_the_argument_in_checks():
    with pytest.raises(ValueError, match="fasting_glucose=5.4"):
        check_glucose(5.4, "mg/dL", "fasting_glucose")


@pytest.mark.parametrize("bad", [0.0, -3.0, float("nan"), float("inf"), "five"])
def test_non_positive_or_non_numbers_are_refused(bad):
    with pytest.raises(ValueError, match="value="):
        convert_glucose(bad, "mmol/L", "mg/dL")
    with pytest.raises(ValueError, match="value="):
        convert_insulin(bad, "uU/mL", "pmol/L")


def test_unit_spellings():
    assert glucose_unit("MG/DL") == "mg/dL" and glucose_unit("mmol/l") == "mmol/L"
    for spelling in ("µU/mL", "μU/mL", "uIU/mL", "mU/L", "mIU/L"):
        assert insulin_unit(spelling) == "uU/mL"
    with pytest.raises(ValueError, match="from_unit='mg/dl2'.*expected 'mg/dL' or 'mmol/L'"):
        convert_glucose(5.0, "mg/dl2", "mmol/L")
    with pytest.raises(ValueError, match="to_unit='nmol/L'"):
        convert_insulin(5.0, "uU/mL", "nmol/L")
    with pytest.raises(ValueError, match="factor=-6"):
        convert_insulin(5.0, "uU/mL", "pmol/L", factor=-6)


def test_an_insulin_value_no_person_has_is_refused_with_its_unit():
    from glucolab.units import check_insulin
    assert check_insulin(350.0, "µU/mL") == 350.0
    with pytest.raises(ValueError, match=r"insulin=66000.0 pmol/L is above anything measured .*30000 pmol/L"):
        check_insulin(66000.0, "pmol/L")


# -- the unit registry ------------------------------------------------------------------------------
import ast  # noqa: E402
import itertools  # noqa: E402
from pathlib import Path  # noqa: E402

from glucolab import thresholds  # noqa: E402
from glucolab.units import ANALYTES, Analyte, analyte, check_plausible, convert  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src" / "glucolab"
# One ordinary value of each analyte, in its canonical unit.
TYPICAL = {"glucose": 5.5, "insulin": 10.0, "HbA1c": 5.5, "triglycerides": 1.5, "HDL": 1.3,
           "testosterone": 15.0, "cortisol": 14.0, "GH": 2.0}


def test_every_analyte_the_issue_names_is_registered():
    assert set(ANALYTES) == set(TYPICAL)
    for name, a in ANALYTES.items():
        assert isinstance(a, Analyte) and a.name == name
        assert a.units[0] == a.canonical and a.factors[a.canonical] == 1.0
        low, high = a.plausible
        assert low < TYPICAL[name] < high and a.plausible_source and a.source


@pytest.mark.parametrize("name, src, dst", [(n, s, d) for n, a in ANALYTES.items()
                                            for s, d in itertools.permutations(a.units, 2)])
def test_round_trip_for_every_pair_of_units(name, src, dst):
    value = convert(TYPICAL[name], name, ANALYTES[name].canonical, src)
    there = convert(value, name, src, dst)
    assert convert(there, name, dst, src) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("name, value, src, dst, expected", [
    ("glucose", 5.0, "mmol/L", "mg/dL", 90.08),  # 180.16 g/mol
    ("insulin", 10.0, "uU/mL", "pmol/L", 60.0),  # Vølund 1993
    ("HbA1c", 6.5, "%", "mmol/mol", 47.5),  # Hoelzel et al. 2004: the ADA's 6.5 % is 48 mmol/mol
    ("HbA1c", 5.7, "%", "mmol/mol", 38.8),  # and 5.7 % is 39 mmol/mol
    ("triglycerides", 150.0, "mg/dL", "mmol/L", 1.694),  # triolein, 885.7 g/mol
    ("HDL", 50.0, "mg/dL", "mmol/L", 1.293),  # cholesterol, 386.65 g/mol
    ("testosterone", 15.0, "nmol/L", "ng/dL", 432.6),  # 288.42 g/mol
    ("testosterone", 531.0, "ng/dL", "nmol/L", 18.41),  # Travison et al. 2017 median
    ("cortisol", 37.0, "ug/dL", "nmol/L", 1020.8),  # Rizza et al. 1982 cortisol arm; 362.46 g/mol
    ("GH", 102.0, "mU/L", "ug/L", 34.0),  # Fowelin et al. 1991 peak; WHO 98/574, 3 IU per mg
])
def test_published_factors(name, value, src, dst, expected):
    assert convert(value, name, src, dst) == pytest.approx(expected, abs=0.05 if expected > 30 else 1e-3)


def test_the_ada_hba1c_thresholds_match_their_ifcc_figures():
    for pct, ifcc in zip(*(thresholds.ADA_THRESHOLDS["HbA1c"][u] for u in ("%", "mmol/mol"))):
        assert round(convert(pct, "HbA1c", "%", "mmol/mol")) == ifcc


@pytest.mark.parametrize("spelling", ["uU/mL", "µU/mL", "μU/mL", "µIU/mL", "uIU/mL", "mU/L", "mIU/L", " MU/L "])
def test_insulin_aliases_are_one_unit(spelling):
    assert analyte("insulin").unit(spelling) == "uU/mL"
    assert convert(11.0, "insulin", spelling, "pmol/L") == 66.0


def test_analyte_names_are_looked_up_loosely():
    assert analyte("Growth Hormone") is ANALYTES["GH"] and analyte("a1c") is ANALYTES["HbA1c"]
    assert analyte(ANALYTES["HDL"]) is ANALYTES["HDL"]


def test_unknown_unit_names_it_and_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"from_unit='mg/L' is not a unit of insulin; known units: uU/mL, pmol/L"):
        convert(10.0, "insulin", "mg/L", "pmol/L")
    with pytest.raises(ValueError, match=r"to_unit='ng/mL' is not a unit of cortisol; known units: ug/dL, nmol/L"):
        convert(10.0, "cortisol", "ug/dL", "ng/mL")


def test_unknown_analyte_names_it_and_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"analyte='ferritin' is not in the unit registry; known analytes: glucose, "):
        convert(10.0, "ferritin", "ng/mL", "pmol/L")


@pytest.mark.parametrize("name, value, unit", [("glucose", 5.4, "mg/dL"), ("glucose", 95.0, "mmol/L"),
                                               ("testosterone", 450.0, "nmol/L"), ("HDL", 1.2, "mg/dL"),
                                               ("cortisol", 690.0, "ug/dL"), ("HbA1c", 48.0, "%")])
def test_plausibility_guard_names_value_unit_and_bounds(name, value, unit):
    with pytest.raises(ValueError) as err:
        convert(value, name, unit, ANALYTES[name].canonical)
    message = str(err.value)
    assert message.startswith(f"value={value} {unit} is outside the range a living person can have (")
    convert(value, name, unit, ANALYTES[name].canonical, check=False)  # the check can be turned off


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), "high"])
def test_non_numbers_and_non_positive_concentrations_are_refused(bad):
    with pytest.raises(ValueError, match="value="):
        convert(bad, "GH", "ug/L", "mU/L")


def test_plausible_bounds_in_each_unit():
    assert analyte("glucose").plausible_in("mg/dL") == (15.0, 1500.0)
    assert analyte("testosterone").plausible_in("pmol/L") == pytest.approx((20.0, 175000.0))
    assert check_plausible(4.0, "cortisol", "nmol/L", "cortisol") == 4.0


def test_convert_is_numpy_aware():
    out = convert(np.array([[4.0, 5.5], [7.0, 11.1]]), "glucose", "mmol/L", "mg/dL")
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    assert isinstance(convert(5.0, "glucose", "mmol/L", "mmol/L"), float)


def test_the_old_converters_give_exactly_what_convert_gives():
    from glucolab.testosterone import convert_testosterone
    from glucolab.indices import convert_hba1c, convert_lipid
    g = np.array([3.9, 5.5, 7.0, 11.1])
    assert np.array_equal(convert_glucose(g, "mmol/L", "mg/dL"), g * MGDL_PER_MMOLL)
    assert np.array_equal(convert_glucose(g * 18, "mg/dL", "mmol/L"), g * 18 / MGDL_PER_MMOLL)
    assert convert_insulin(66.0, "pmol/L", "uU/mL") == convert(66.0, "insulin", "pmol/L", "uU/mL") == 11.0
    assert convert_hba1c(6.5, "%", "mmol/mol") == convert(6.5, "HbA1c", "%", "mmol/mol")
    assert convert_lipid(150, "triglycerides", "mg/dL", "mmol/L") == convert(150, "TG", "mg/dL", "mmol/L")
    assert convert_testosterone(15.0, "nmol/L", "ng/dL") == convert(15.0, "testosterone", "nmol/L", "ng/dL")


def test_the_registry_is_read_only():
    with pytest.raises((AttributeError, TypeError)):
        ANALYTES["glucose"].factors["mg/dL"] = 18.0
    with pytest.raises(TypeError):
        ANALYTES["ferritin"] = ANALYTES["glucose"]


# -- no factor or ADA threshold typed twice ---------------------------------------------------------
FACTORS = {18.016, 180.16, 6.945, 88.57, 885.7, 38.67, 386.65, 28.84, 28.842, 288.42, 362.46, 27.59}
ADA_LITERALS = {100.0, 126.0, 140.0, 200.0, 5.7, 6.5, 5.6, 7.0, 7.8, 11.1, 39.0, 48.0, 110.0, 70.0, 99.0}
# Each exemption says why it is still there.
FACTOR_EXEMPT: set = set()  # (file, factor) pairs allowed to type a factor, with a reason each


def _number(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    return None


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel not in ("units.py", "thresholds.py"):
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _insulin_factor_six(node):
    """6.0 assigned to a name about pmol or µU, or passed beside a string that names pmol."""
    if isinstance(node, ast.Assign) and _number(node.value) == 6.0:
        return any("PMOL" in ast.unparse(t).upper() or "UU" in ast.unparse(t).upper() for t in node.targets)
    if isinstance(node, ast.Call):
        args = node.args
        return any(_number(a) == 6.0 for a in args) and any(
            isinstance(a, ast.Constant) and isinstance(a.value, str) and "pmol" in a.value.lower() for a in args)
    return False


def test_no_module_types_a_conversion_factor_the_registry_holds():
    found = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            value = _number(node)
            if value in FACTORS and (rel, value) not in FACTOR_EXEMPT:
                found.append(f"{rel}:{node.lineno}: {value}")
            if _insulin_factor_six(node) and (rel, 6.0) not in FACTOR_EXEMPT:
                found.append(f"{rel}:{node.lineno}: 6.0 as pmol/L per µU/mL")
    assert not found, "use glucolab.units instead of: " + "; ".join(found)


def test_no_module_compares_with_or_names_an_ada_threshold_typed_as_a_number():
    named = ("FASTING", "DIABETES", "THRESHOLD", "OGTT", "HBA1C", "ADA", "IFG", "HYPO", "LOW_GLUCOSE", "IADPSG")
    found = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                hits = [v for v in map(_number, [node.left, *node.comparators]) if v in ADA_LITERALS]
                found += [f"{rel}:{node.lineno}: compares with {v}" for v in hits]
            if isinstance(node, ast.Assign) and any(any(w in ast.unparse(t).upper() for w in named)
                                                   for t in node.targets):
                hits = [v for v in map(_number, ast.walk(node.value)) if v in ADA_LITERALS | {92.0, 180.0, 153.0}]
                found += [f"{rel}:{node.lineno}: {ast.unparse(node.targets[0])} = {v}" for v in hits]
    assert not found, "import these from glucolab.thresholds: " + "; ".join(found)


def test_thresholds_are_the_ada_2024_figures():
    t = thresholds
    assert t.ADA_THRESHOLDS["fasting glucose"] == {"mg/dL": (100.0, 126.0), "mmol/L": (5.6, 7.0)}
    assert t.ADA_THRESHOLDS["2-h OGTT glucose"] == {"mg/dL": (140.0, 200.0), "mmol/L": (7.8, 11.1)}
    assert t.ADA_THRESHOLDS["HbA1c"] == {"%": (5.7, 6.5), "mmol/mol": (39.0, 48.0)}
    assert t.OUTCOME_EDGES_MGDL == (0.0, 110.0, 126.0, 200.0, 2000.0)
    for criterion in ("fasting glucose", "2-h OGTT glucose"):  # the ADA's mmol/L are its own roundings
        mg, mmol = t.ADA_THRESHOLDS[criterion]["mg/dL"], t.ADA_THRESHOLDS[criterion]["mmol/L"]
        assert [round(convert(x, "glucose", "mg/dL", "mmol/L"), 1) for x in mg] == pytest.approx(mmol, abs=0.11)


def test_insulin_sensitivity_moves_between_the_minute_and_the_day_clock():
    from glucolab.models import feedback, topp
    from glucolab.units import convert_insulin_sensitivity

    per_day = convert_insulin_sensitivity(feedback.REF_SI, "1/min per uU/mL", "mL/uU/day")
    assert per_day == pytest.approx(feedback.REF_SI * 1440)
    assert convert_insulin_sensitivity(per_day, "per day", "per minute") == pytest.approx(feedback.REF_SI)
    assert topp.RANGES["SI"].unit == "mL/uU/day" and feedback.RANGES["SI"].unit == "1/min per uU/mL"
    with pytest.raises(ValueError, match="from_unit='1/h'"):
        convert_insulin_sensitivity(1.0, "1/h", "per day")
    with pytest.raises(ValueError, match="value=-1"):
        convert_insulin_sensitivity(-1.0, "per day", "per minute")
