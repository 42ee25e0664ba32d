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
