"""The rules a person's fields obey, and saving people."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import people
from models.base import ValidationError
from models.people import PersonInput

TODAY = dt.date(2026, 11, 28)
VALID_ID = "11010519491231002X"  # the standard's own example


def make_id(birth: str, sequence: str = "002") -> str:
    first17 = "430121" + birth + sequence
    return first17 + people.id_number_check_digit(first17)


def test_the_check_digit_of_gb11643_is_computed():
    assert people.id_number_check_digit(VALID_ID[:17]) == "X"
    info, problem = people.parse_id_number(VALID_ID.lower(), TODAY)
    assert problem is None
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex == "F"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY), st.integers(0, 999))
def test_every_generated_id_number_reads_back_its_birth_date_and_sex(birth, sequence):
    number = make_id(birth.strftime("%Y%m%d"), f"{sequence:03d}")
    info, problem = people.parse_id_number(number, TODAY)
    assert problem is None and info.birth_date == birth
    assert info.sex == ("M" if sequence % 2 else "F")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("110105194912310021", "check digit"),
        ("11010519491231002", "18 characters"),
        ("4.30121198005E+17", "lost digits"),
        ("430121198005121234.0", "lost digits"),
        ("430121198002301234", "does not exist"),
        ("43012120990101123X", "impossible"),
        ("43012119800512123Y", "17 digits"),
    ],
)
def test_bad_id_numbers_are_refused_with_the_reason(text, fragment):
    from models import i18n

    i18n.set_language("en")
    info, problem = people.parse_id_number(text, TODAY)
    assert info is None and fragment in problem


def test_id_numbers_are_masked_for_display():
    assert people.mask_id_number("430121198005121234") == "430121********1234"
    assert people.mask_id_number("") == ""


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0731-84123456", "0731-84123456"),
        ("(0731)84123456", "0731-84123456"),
        ("010 62345678", "010-62345678"),
        ("0731-84123456转802", "0731-84123456-802"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert people.normalize_phone(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["1234", "12812345678", "138123456789", "abc", "84123456"])
def test_impossible_phone_numbers_are_refused(typed):
    assert people.normalize_phone(typed)[1]


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("1978.05", "1978-05"),
        ("1978.5", "1978-05"),
        ("1992.1", "1992-01"),
        ("1985年3月", "1985-03"),
        ("1985-03", "1985-03"),
        ("1985/3/12", "1985-03"),
        ("198503", "1985-03"),
        (dt.datetime(1980, 7, 1), "1980-07"),
        ("1985年3月12日", "1985-03"),
    ],
)
def test_birth_months_are_read_as_cadres_write_them(typed, stored):
    assert people.parse_year_month(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["1985.13", "85.3", "三月", "1850.01"])
def test_unreadable_birth_months_are_refused(typed):
    assert people.parse_year_month(typed)[1]


def test_the_name_is_required_and_trimmed():
    clean, errors = people.check_person(PersonInput(name="  张 晓红 "), TODAY)
    assert clean.name == "张晓红" and not errors
    _clean, errors = people.check_person(PersonInput(name="   "), TODAY)
    assert [e.field for e in errors] == ["name"]


def test_birth_and_sex_are_checked_against_the_id_number():
    number = make_id("19800512", "003")  # odd: male
    _clean, errors = people.check_person(PersonInput(name="王芳", sex="F", birth="1981-05", id_number=number), TODAY)
    assert {e.field for e in errors} == {"birth", "sex"}
    clean, errors = people.check_person(PersonInput(name="王芳", sex="F", id_number=make_id("19800512")), TODAY)
    assert not errors and clean.birth == "1980-05"


def test_a_future_birth_month_is_refused():
    _clean, errors = people.check_person(PersonInput(name="王芳", birth="2027-01"), TODAY)
    assert [e.field for e in errors] == ["birth"]


def test_saving_stores_pinyin_keys_and_search_finds_by_initials_and_full_pinyin(database):
    people.save_person(PersonInput(name="张晓红"), "430121100201")
    people.save_person(PersonInput(name="欧阳娜娜"), "430121100201")
    found = lambda text: [p.name for p in people.search(people.Person.live(), text)]  # noqa: E731
    assert found("zxh") == ["张晓红"]
    assert found("zhangxiao") == ["张晓红"]
    assert found("晓红") == ["张晓红"]
    assert found("oyn") == ["欧阳娜娜"]
    assert found("nobody") == []


def test_a_refused_save_writes_nothing_and_lists_every_problem(database):
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name="", phone="12", id_number="110105194912310021"), "430121100201")
    assert {e.field for e in caught.value.errors} == {"name", "phone", "id_number"}
    assert people.Person.select().count() == 0


def test_duplicate_id_numbers_within_a_unit_are_refused(database):
    first = people.save_person(PersonInput(name="王芳", id_number=VALID_ID), "430121100201")
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name="李娟", id_number=VALID_ID.lower()), "430121100201")
    assert "王芳" in caught.value.errors[0].message
    # Editing the owner herself is not a duplicate.
    people.save_person(people.person_input(first), "430121100201", person=first)


def test_delete_goes_to_the_recycle_bin_and_can_be_restored(database):
    person = people.save_person(PersonInput(name="王芳"), "430121100201")
    person.move_to_recycle_bin()
    assert people.Person.live().count() == 0 and people.Person.select().count() == 1
    person.restore()
    assert people.Person.live().count() == 1


def test_the_committee_lists_the_chair_first(database):
    for name, post in (("王芳", "executive"), ("李娟", "chair"), ("赵敏", "backbone"), ("陈静", "vice_chair")):
        people.save_person(PersonInput(name=name, post=post), "430121100201")
    assert [p.name for p in people.committee("430121100201")] == ["李娟", "陈静", "王芳"]


def test_a_birth_month_is_read_as_typed_and_an_unreadable_one_is_listed_with_the_rest(database):
    clean, errors = people.check_person(PersonInput(name="王芳", birth="1978年5月"), TODAY)
    assert not errors and clean.birth == "1978-05"
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name="", birth="1978.13", phone="12"), "430121100201", today=TODAY)
    assert {e.field for e in caught.value.errors} == {"name", "birth", "phone"}
    assert people.Person.select().count() == 0


def test_an_unreadable_birth_month_with_an_id_number_is_reported_once():
    _clean, errors = people.check_person(PersonInput(name="王芳", birth="三月", id_number=VALID_ID), TODAY)
    assert [e.field for e in errors] == ["birth"]


def test_stored_birth_months_and_id_numbers_give_a_year_and_month():
    assert people.split_year_month("1978-05") == (1978, 5)
    assert people.split_year_month(None) is None and people.split_year_month("1978.05") is None
    assert people.id_number_birth_month(VALID_ID) == (1949, 12)
    assert people.id_number_birth_month("123") is None


def test_a_person_is_fetched_as_stored_now(database):
    person = people.save_person(PersonInput(name="王芳"), "430121100201")
    people.save_person(PersonInput(name="王芳芳"), "430121100201", person=people.get_person(person.uuid))
    assert people.get_person(person.uuid).name == "王芳芳"
    assert people.get_person("no-such-uuid") is None
