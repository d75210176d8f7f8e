"""妇女代表名册 and 候选人名单公示, built and read back."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.registry import FORMS, FormError, FormOptions, build_form, forms_for
from models import codes
from models.elections import records as er
from models.elections import representatives as reps
from models.elections.representatives import RepresentativeInput as Row
from models.i18n import _, format_date, format_date_range
from models.people import PersonInput, save_person
from models.units import set_own_unit

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

UNIT = VILLAGE_CODE


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(UNIT, **kwargs)


@pytest.fixture
def election(database):
    return er.Election.create(unit=UNIT, term_number=3, kind="regular", status="preparing")


def test_both_forms_are_registered_per_election_at_every_level(database):
    for name in ("representatives", "candidates"):
        assert name in FORMS and FORMS[name].formats == ("pdf",)
        assert name in forms_for(UNIT) and name in forms_for("430121100000") and name in forms_for("430121000000")


def test_the_list_prints_by_group_then_strokes_with_count_and_review(election, tmp_path, read_pdf):
    reps.save_representatives(
        election,
        [
            Row("王芳", "二组", "1975-04", "volunteer"),
            Row("李秀英", "一组", "1980-03", "villager_rep"),
            Row("丁兰", "二组", "1990-12", "", "新选"),
            Row("孙琴", "", "", "teacher"),
        ],
        today=TODAY,
    )
    out = build_form("representatives", tmp_path / "reps.pdf", options())
    text = squeeze(read_pdf(out.path).text)
    assert squeeze(_("List of women's representatives")) in text
    assert squeeze(_("List of women's representatives (public notice)")) not in text  # the step has no date
    body = [r for r in table_rows(out.path) if r and r[0].isdigit()]
    assert [r[1] for r in body] == ["李秀英", "丁兰", "王芳", "孙琴"]
    assert body[0][2:5] == ["一组", "1980.03", squeeze(codes.IDENTITY.label("villager_rep"))]
    assert body[1][5] == "新选"
    assert squeeze(_("{n} representatives in all.").format(n=4)) in text
    assert squeeze(_("Opinion of the township (subdistrict) women's federation:")) in text
    assert squeeze(_("Head of unit")) in text


def test_the_published_list_says_so_with_its_period_and_the_reason(election, tmp_path, read_pdf):
    reps.save_representatives(
        election, [Row("李秀英"), Row("王芳")], entitled=3, reason="一名代表外出务工", today=TODAY
    )
    er.ElectionStep.create(unit=UNIT, election=election, step="representatives", date=dt.date(2026, 2, 10))
    out = build_form("representatives", tmp_path / "reps.pdf", options(record_id=election.uuid))
    text = squeeze(read_pdf(out.path).text)
    assert squeeze(_("List of women's representatives (public notice)")) in text
    assert squeeze(format_date_range(dt.date(2026, 2, 10), dt.date(2026, 2, 14))) in text
    assert "一名代表外出务工" in text
    assert (
        squeeze(
            _("{n} representatives in all; entitled to attend: {entitled}{reason}.").format(
                n=2, entitled=3, reason="（一名代表外出务工）"
            )
        )
        in text
    )


def test_an_empty_list_says_so(election, tmp_path, read_pdf):
    out = build_form("representatives", tmp_path / "reps.pdf", options())
    text = squeeze(read_pdf(out.path).text)
    assert squeeze(_("No women's representatives have been listed for this election yet.")) in text


def add_candidates(election, names, seats=3):
    round_ = er.ElectionRound.create(unit=UNIT, election=election, kind="committee", seats=seats, position=0)
    for name in names:
        person = save_person(
            PersonInput(name=name, birth="1982-07", education="30", political="01", workplace="石门村村委会"), UNIT
        )
        er.ElectionCandidate.create(unit=UNIT, round=round_, name=name, person=person)
    er.ElectionCandidate.create(unit=UNIT, round=round_, name="孟春", write_in=True)
    return round_


def test_the_candidates_notice_lists_them_in_stroke_order_with_period_and_who_to_tell(election, tmp_path, read_pdf):
    add_candidates(election, ["赵敏", "李秀英", "王芳", "刘娟"])
    er.ElectionStep.create(unit=UNIT, election=election, step="candidates_published", date=dt.date(2026, 3, 1))
    out = build_form("candidates", tmp_path / "notice.pdf", options())
    text = squeeze(read_pdf(out.path).text)
    body = [r for r in table_rows(out.path) if r and r[0].isdigit()]
    assert [r[1] for r in body] == ["王芳", "刘娟", "李秀英", "赵敏"]
    assert body[0][2:5] == ["1982.07", squeeze(codes.EDUCATION.label("30")), squeeze(codes.POLITICAL.label("01"))]
    assert "孟春" not in text  # a written-in name is no candidate
    assert squeeze(format_date_range(dt.date(2026, 3, 1), dt.date(2026, 3, 5))) in text
    assert squeeze(format_date(dt.date(2026, 3, 1))) in text
    assert squeeze(_("the township (subdistrict) women's federation")) in text
    assert squeeze(_("{unit} Women's Federation").format(unit="石门村")) in text


def test_without_the_step_the_period_is_left_to_write_in(election, tmp_path, read_pdf):
    add_candidates(election, ["李秀英"], seats=1)
    out = build_form("candidates", tmp_path / "notice.pdf", options())
    text = squeeze(read_pdf(out.path).text)
    assert squeeze(format_date(TODAY)) in text
    assert squeeze(_("Notice period")) in text


def test_a_notice_without_candidates_is_refused(election, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("candidates", tmp_path / "notice.pdf", options())
    assert election.title() in str(caught.value)
    assert not (tmp_path / "notice.pdf").exists()


def test_a_township_prints_its_own_with_the_county_asked(database, tmp_path, read_pdf):
    township = "430121100000"
    set_own_unit(township, "金井镇")
    election = er.Election.create(unit=township, term_number=2)
    reps.save_representatives(election, [Row("李秀英")], today=TODAY)
    out = build_form("representatives", tmp_path / "reps.pdf", FormOptions(township, today=TODAY))
    text = squeeze(read_pdf(out.path).text)
    assert squeeze(_("Opinion of the county women's federation:")) in text
