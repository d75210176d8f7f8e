"""The training forms: sign-in sheets, the attendance summary and the yearly table, read back."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from forms import attendance, signin
from forms.layout import MM
from forms.registry import FORMS, FormError, FormOptions, build_form
from models import db as dbmod
from models import people, training, units
from models.base import database as db_proxy
from models.i18n import _, format_date, format_list_date, format_percent
from models.people import PersonInput
from models.training import TraineeInput, TrainingInput

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

COUNTY = "430121000000"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"  # 30
GIVEN = ["秀兰", "桂英", "红梅", "丽华", "海燕", "春花", "美玲", "晓红", "金凤", "淑珍", "雪梅", "冬梅"]
VILLAGES = ["黄花村", "回龙湾村", "双杏村", "新桥村", "北山村", "石塘铺村", "花园村", "梅塘村", "金鼎山村", "杨梓冲村"]


def options(unit=VILLAGE_CODE, **kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(unit, **kwargs)


def save_training(unit, name="村级妇联执委能力提升培训", start=dt.date(2026, 4, 14), days=1, sessions=None, **changes):
    data = TrainingInput(
        name=name,
        organiser="长沙县妇联",
        organiser_level="county",
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        place="县委党校报告厅",
        planned=40,
        sessions=sessions or [],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return training.save_training(data, unit)


@pytest.fixture
def county(db_path):
    """A county installation with three townships of ten villages each on record."""
    dbmod.open_database(db_path)
    units.set_own_unit(COUNTY, "长沙县")
    with db_proxy.atomic():
        for town in range(3):
            units.upsert_unit(f"430121{101 + town:03d}000", f"第{town + 1}镇", owner=COUNTY)
            for village in range(10):
                units.upsert_unit(
                    f"430121{101 + town:03d}{201 + village:03d}", f"{VILLAGES[village][:-1]}{town + 1}村", owner=COUNTY
                )
    yield COUNTY
    dbmod.close_database()


def county_training(count=300):
    """A two-day county training (four sessions) of ``count`` typed-in attendees from thirty villages."""
    t = save_training(COUNTY, name="2026年村（社区）妇联主席、执委履职能力提升培训班", days=2, planned=count)
    village_names = [u.name for u in units.Unit.live().where(units.Unit.level == units.VILLAGE)]
    with db_proxy.atomic():
        for i in range(count):
            name = SURNAMES[i % 30] + GIVEN[i // 30 % 12]
            training.add_trainee(
                t,
                TraineeInput(
                    name=name,
                    unit_name=village_names[(i * 7) % 30],
                    post="执委" if i % 10 else "村妇联主席",
                    phone=f"139{i:08d}" if i % 5 else f"0731-84{i:06d}",
                ),
            )
    return t


# --- sign-in sheets ------------------------------------------------------------------------------


def test_the_training_forms_are_registered():
    assert FORMS["signin"].formats == ("pdf",)
    assert FORMS["attendance"].formats == ("pdf", "xlsx")
    assert FORMS["training-year"].formats == ("pdf", "xlsx")
    assert _(FORMS["signin"].title) == _("Sign-in sheet")


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13812345678", "138****5678"),
        ("0731-84123456", "0731-****3456"),
        ("010-62345678-123", "010-****5678"),
        ("", ""),
        ("12345", "*2345"),
    ],
)
def test_phone_numbers_are_masked_in_the_middle(phone, masked):
    assert signin.mask_phone(phone) == masked


def test_a_county_training_of_300_gets_sane_sign_in_sheets(county, tmp_path, read_pdf):
    import pdfplumber

    t = county_training(300)
    # Attendance recorded for everyone: the signature cells must stay blank all the same.
    for session in t.sessions():
        for trainee in t.trainees():
            training.mark(session, trainee, "present")
    result = build_form("signin", tmp_path / "signin.pdf", options(COUNTY, record_id=t.uuid))
    pdf = read_pdf(result.path)
    assert result.pages == len(pdf.texts) and result.missing_characters == []
    trainees = list(t.trainees())
    title = _("{training}: sign-in sheet").format(training=t.name)
    days = [format_date(d, "full") for d in (dt.date(2026, 4, 14), dt.date(2026, 4, 15))]
    signature_headers = [_("Sign-in ({half})").format(half=_(h)) for h in (_("Morning"), _("Afternoon"))]
    per_day = result.pages // 2
    assert result.pages == 2 * per_day and per_day >= 300 // 30  # at most 30 rows a page
    for number, text in enumerate(pdf.texts, start=1):
        flat = squeeze(text)
        assert squeeze(title) in flat, f"page {number} lacks the title"
        assert squeeze(days[(number - 1) // per_day]) in flat, f"page {number} lacks its day"
        assert squeeze(_("Please sign in person; a signature made for someone else is void.")) in flat
        for header in (
            _("No."),
            _("Name"),
            _("Village (community) / unit"),
            _("Phone"),
            _("Notes"),
            *signature_headers,
        ):
            assert squeeze(header) in flat, f"page {number} lacks the header {header}"
        # Each day's stack is numbered on its own: it is handed out, signed and filed apart.
        page_of_day = (number - 1) % per_day + 1
        assert _("Page {page} of {pages}").format(page=page_of_day, pages=per_day) in text, number
    # Every name once per day, phones masked, never in full.
    for trainee in trainees:
        assert pdf.text.count(trainee.name) == 2, trainee.name
        assert trainee.phone not in pdf.text
        assert signin.mask_phone(trainee.phone) in pdf.text
    # Grouped by village, in the order of the villages' codes.
    codes = {u.name: u.code for u in units.Unit.live()}
    with pdfplumber.open(str(result.path)) as document:
        listed, spare = [], []
        for page_number, page in enumerate(document.pages):
            [table] = page.find_tables()
            header = table.rows[0].cells
            assert len(header) == 8
            for row in table.rows:
                height = row.bbox[3] - row.bbox[1]
                assert height >= 9 * MM - 0.5, "rows too low to sign in"
            for column in (5, 6):  # 签到(上午), 签到(下午): nothing but the header, ever
                x0, _top, x1, _bottom = header[column]
                words = page.crop((x0, table.bbox[1], x1, table.bbox[3])).extract_words()
                assert squeeze("".join(w["text"] for w in words)) == squeeze(signature_headers[column - 5])
            cells = table.extract()
            for row in cells[1:]:
                if page_number < per_day:
                    if row[1]:
                        listed.append(row[2])
                    else:
                        spare.append(int(row[0]))
    assert len(listed) == 300
    assert [codes[name] for name in listed] == sorted(codes[name] for name in listed)
    assert 8 <= len(spare) <= 10 and spare == list(range(301, 301 + len(spare)))


def test_a_single_session_prints_one_signature_column(county, tmp_path, read_pdf):
    t = county_training(12)
    afternoon = list(t.sessions())[1]
    result = build_form("signin", tmp_path / "pm.pdf", options(COUNTY, record_id=afternoon.uuid))
    pdf = read_pdf(result.path)
    assert result.pages == 1
    assert squeeze(_("Sign-in ({half})").format(half=_("Afternoon"))) in squeeze(pdf.text)
    assert squeeze(_("Sign-in ({half})").format(half=_("Morning"))) not in squeeze(pdf.text)
    assert squeeze(format_date(afternoon.date, "full")) in squeeze(pdf.text)


def test_a_training_without_a_list_prints_a_page_of_blank_rows(database, tmp_path):
    import pdfplumber

    save_training(
        VILLAGE_CODE, name="巧手编织技能培训", sessions=[(dt.date(2026, 4, 14), "pm", 3.0, "湘绣针法", "李桂英")]
    )
    result = build_form("signin", tmp_path / "blank.pdf", options())
    assert result.pages == 1
    with pdfplumber.open(str(result.path)) as document:
        rows = document.pages[0].extract_tables()[0][1:]
    assert len(rows) >= 20 and all(not any(cell for cell in row[1:]) for row in rows)


def test_a_long_unit_name_stays_inside_its_row(database, tmp_path):
    import pdfplumber

    t = save_training(VILLAGE_CODE)
    long_unit = "金井镇石门村茶叶种植专业合作社妇女小组第二十一组"
    training.add_trainee(
        t, TraineeInput(name="阿依古丽·买买提", unit_name=long_unit, post="妇女小组长兼会计", phone="13812345678")
    )
    result = build_form("signin", tmp_path / "signin.pdf", options())
    assert result.pages == 1
    with pdfplumber.open(str(result.path)) as document:
        page = document.pages[0]
        [table] = page.find_tables()
        first = table.rows[1].cells
        assert squeeze(page.crop(first[2]).extract_text()) == long_unit
        assert squeeze(page.crop(first[1]).extract_text()) == "阿依古丽·买买提"
        heights = {round(row.bbox[3] - row.bbox[1], 1) for row in table.rows[1:]}
        assert len(heights) == 1  # the long row did not grow


# --- the attendance summary -------------------------------------------------------------------------


def marked_training():
    """A one-day training of four (the pattern of models/test_training): a ✓✓ / ✓× / 假假 / unmarked."""
    t = save_training(VILLAGE_CODE)
    am, pm = list(t.sessions())
    a, b, c, d = [
        training.add_trainee(t, TraineeInput(name=n, unit_name="石门村", post="执委"))
        for n in ("王芳", "李娟", "赵敏", "陈静")
    ]
    training.mark(am, a, "present")
    training.mark(pm, a, "late")
    training.mark(am, b, "present")
    training.mark(pm, b, "absent")
    training.mark(am, c, "excused", "生病住院")
    training.mark(pm, c, "excused", "生病住院")
    return t, (a, b, c, d)


def test_the_attendance_summary_matches_the_models_numbers(database, tmp_path, read_pdf):
    t, (a, b, c, d) = marked_training()
    result = build_form("attendance", tmp_path / "attendance.pdf", options())
    pdf = read_pdf(result.path)
    rows = table_rows(result.path)
    summary = training.summary(t)
    for session_summary in summary.sessions:
        s = session_summary.session
        wanted = [
            squeeze(format_list_date(s.date)),
            _(training.HALVES[s.half]),
            "3",
            str(session_summary.expected),
            str(session_summary.attended),
            str(session_summary.late),
            str(session_summary.excused),
            str(session_summary.absent),
            format_percent(session_summary.rate),
        ]
        assert wanted in rows, wanted
    total = [squeeze(_("Total (person-sessions)")), "", "6", "8", "3", "1", "2", "3", format_percent(3 / 8)]
    assert total in rows
    marks = {row[1]: row[4:7] for row in rows if len(row) == 7 and row[1] in ("王芳", "李娟", "赵敏", "陈静")}
    late, leave = attendance.mark_text("late"), attendance.mark_text("excused")
    assert marks == {
        "王芳": ["✓", late, "6"],
        "李娟": ["✓", "×", "3"],
        "赵敏": [leave, leave, "0"],
        "陈静": ["×", "×", "0"],
    }
    text = squeeze(pdf.text)
    assert "生病住院" in text and squeeze(t.name) in text and "县委党校报告厅" in text
    assert squeeze(attendance.organiser_text(t)) in text
    assert _("(unit seal)") in pdf.text
    for font in pdf.fonts().values():
        assert "/FontFile2" in font["/FontDescriptor"]


def test_a_session_nobody_was_marked_for_is_left_blank_and_named(database, tmp_path, read_pdf):
    t = save_training(VILLAGE_CODE)
    trainee = training.add_trainee(t, TraineeInput(name="王芳", unit_name="石门村"))
    training.mark(list(t.sessions())[0], trainee, "present")
    result = build_form("attendance", tmp_path / "attendance.pdf", options())
    [row] = [r for r in table_rows(result.path) if "王芳" in r]
    assert row[4:7] == ["✓", "", "3"]
    afternoon = list(t.sessions())[1]
    assert squeeze(attendance.session_label(afternoon, "")) in squeeze(read_pdf(result.path).text)


def test_the_attendance_workbook_has_sessions_and_attendees(database, tmp_path):
    import openpyxl

    t, _people = marked_training()
    result = build_form("attendance", tmp_path / "attendance.xlsx", options())
    assert result.pages is None
    workbook = openpyxl.load_workbook(result.path)
    sessions, attendees = workbook.worksheets
    values = [list(row) for row in sessions.iter_rows(min_row=4, values_only=True)]
    assert values[0][3:9] == [4, 2, 0, 1, 1, 0.5]
    assert values[-1][0] == _("Total (person-sessions)") and values[-1][3:9] == [8, 3, 1, 2, 3, 3 / 8]
    rows = {row[1]: row for row in attendees.iter_rows(min_row=4, values_only=True) if row[1]}
    assert rows["王芳"][6] == 6 and rows["赵敏"][7] == "生病住院"


def test_many_sessions_print_counts_instead_of_columns(database, tmp_path, read_pdf):
    t = save_training(VILLAGE_CODE, days=10)
    assert len(list(t.sessions())) == 20
    trainee = training.add_trainee(t, TraineeInput(name="王芳", unit_name="石门村"))
    for session in list(t.sessions())[:15]:
        training.mark(session, trainee, "present")
    result = build_form("attendance", tmp_path / "long.pdf", options())
    [row] = [r for r in table_rows(result.path) if "王芳" in r]
    assert row[4:9] == ["15", "0", "0", "5", "45"]  # present, late, leave, absent, hours


# --- the yearly table ----------------------------------------------------------------------------------


def test_the_yearly_table_lists_the_trainings_with_a_total(database, tmp_path, read_pdf):
    t1, _people = marked_training()  # 4 expected, 2 came, 3 of 8 person-sessions
    t2 = save_training(
        VILLAGE_CODE,
        name="农村电商直播带货培训",
        start=dt.date(2026, 9, 8),
        sessions=[(dt.date(2026, 9, 8), "am", 2.5, "", "")],
    )
    x = training.add_trainee(t2, TraineeInput(name="王芳", unit_name="石门村"))
    training.add_trainee(t2, TraineeInput(name="何丹", unit_name="石门村"))
    training.mark(list(t2.sessions())[0], x, "present")
    save_training(VILLAGE_CODE, name="2025年培训", start=dt.date(2025, 5, 1))
    result = build_form("training-year", tmp_path / "year.pdf", options())
    rows = table_rows(result.path)
    s1, s2 = training.summary(t1), training.summary(t2)
    assert (s1.person_sessions, s1.attended, s2.person_sessions, s2.attended) == (8, 3, 2, 1)
    assert [
        "1",
        squeeze(t1.name),
        squeeze(attendance.dates_text(t1, short=True)),
        "长沙县妇联",
        "6",
        "4",
        "2",
        "8",
        "3",
        str(s1.excused),
        str(s1.absent),
        format_percent(3 / 8),
    ] in rows
    assert [
        "2",
        squeeze(t2.name),
        squeeze(attendance.dates_text(t2, short=True)),
        "长沙县妇联",
        "2.5",
        "2",
        "1",
        "2",
        "1",
        "0",
        "1",
        format_percent(1 / 2),
    ] in rows
    assert [
        "",
        squeeze(_("Total ({n} trainings)").format(n=2)),
        "",
        "",
        "8.5",
        "6",
        "3",
        "10",
        "4",
        str(s1.excused),
        str(s1.absent + 1),
        format_percent(4 / 10),
    ] in rows
    text = squeeze(read_pdf(result.path).text)
    assert "2025年培训" not in text and squeeze(_("Trainings of {year}").format(year=2026)) in text
    assert squeeze(_("Share of chairs trained")) not in text  # a village has no coverage table
    older = build_form("training-year", tmp_path / "2025.pdf", options(year=2025))
    assert "2025年培训" in squeeze(read_pdf(older.path).text)
    empty = build_form("training-year", tmp_path / "2024.pdf", options(year=2024))
    assert squeeze(_("No training was held in {year}.").format(year=2024)) in squeeze(read_pdf(empty.path).text)


def test_a_county_sees_the_coverage_of_its_villages(county, tmp_path, read_pdf):
    import openpyxl

    dbmod.close_database()
    dbmod.open_database(tmp_path / "two.sqlite3")
    units.set_own_unit(COUNTY, "长沙县")
    units.upsert_unit("430121101201", "黄花村", owner=COUNTY)
    units.upsert_unit("430121101202", "回龙湾村", owner=COUNTY)
    chair1 = people.save_person(PersonInput(name="王芳", post="chair"), "430121101201")
    member1 = people.save_person(PersonInput(name="李娟", post="executive"), "430121101201")
    people.save_person(PersonInput(name="赵敏", post="executive"), "430121101201")
    people.save_person(PersonInput(name="陈静", post="chair"), "430121101202")
    member2 = people.save_person(PersonInput(name="何丹", post="vice_chair"), "430121101202")
    t = save_training(COUNTY)
    for person, status in ((chair1, "present"), (member1, "late"), (member2, "excused")):
        trainee = training.add_trainee(t, TraineeInput(person=person.uuid))
        training.mark(list(t.sessions())[0], trainee, status, "家中有事" if status == "excused" else "")
    result = build_form("training-year", tmp_path / "county.pdf", options(COUNTY))
    rows = table_rows(result.path)
    assert ["1", "黄花村", "1", "1", format_percent(1), "3", "2", format_percent(2 / 3)] in rows
    assert ["2", "回龙湾村", "1", "0", format_percent(0), "2", "0", format_percent(0)] in rows
    assert [
        "",
        squeeze(_("Total ({n} units)").format(n=2)),
        "2",
        "1",
        format_percent(0.5),
        "5",
        "2",
        format_percent(0.4),
    ] in rows
    # Two parts, numbered as the other forms number theirs.
    text = squeeze(read_pdf(result.path).text)
    first, second = squeeze(_("{n}. {title}").format(n="一", title=_("Trainings held"))), "二、"
    assert first in text and text.index(first) < text.index(second, text.index(first))
    workbook = openpyxl.load_workbook(build_form("training-year", tmp_path / "county.xlsx", options(COUNTY)).path)
    trainings, coverage = workbook.worksheets
    [total] = [
        row for row in coverage.iter_rows(min_row=4, values_only=True) if row[1] == _("Total ({n} units)").format(n=2)
    ]
    assert list(total[2:8]) == [2, 1, 0.5, 5, 2, 0.4]
    assert coverage.cell(4, 5).number_format == "0.0%"


def test_a_persons_yearly_record_totals_her_hours(database, tmp_path, read_pdf):
    wang = people.save_person(PersonInput(name="王芳", post="chair"), VILLAGE_CODE)
    t1 = save_training(VILLAGE_CODE, days=2)  # 4 sessions of 3 hours
    t2 = save_training(
        VILLAGE_CODE,
        name="家庭教育指导培训",
        start=dt.date(2026, 6, 2),
        sessions=[(dt.date(2026, 6, 2), "am", 2.0, "", "")],
    )
    a = training.add_trainee(t1, TraineeInput(person=wang.uuid))
    b = training.add_trainee(t2, TraineeInput(person=wang.uuid))
    s1 = list(t1.sessions())
    training.mark(s1[0], a, "present")
    training.mark(s1[1], a, "late")
    training.mark(s1[2], a, "excused", "生病")
    training.mark(list(t2.sessions())[0], b, "present")
    result = build_form("training-year", tmp_path / "person.pdf", options(record_id=wang.uuid))
    rows = table_rows(result.path)
    assert training.person_year(wang, 2026).hours == 8
    assert [
        "1",
        squeeze(t1.name),
        squeeze(attendance.dates_text(t1, short=True)),
        "长沙县妇联",
        _("{attended} of {sessions}").format(attended=2, sessions=4),
        "6",
    ] in rows
    assert ["", _("Total"), "", "", "3", "8"] in rows
    assert "王芳" in read_pdf(result.path).text
    sheet = build_form("training-year", tmp_path / "person.xlsx", options(record_id=wang.uuid))
    assert sheet.pages is None


# --- refusals ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["signin", "attendance", "training-year"])
def test_without_a_training_each_form_says_so(database, tmp_path, form):
    with pytest.raises(FormError) as caught:
        build_form(form, tmp_path / "x.pdf", options())
    assert "石门村" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("form", ["signin", "attendance", "training-year"])
def test_an_unknown_record_is_refused(database, tmp_path, form):
    save_training(VILLAGE_CODE)
    with pytest.raises(FormError) as caught:
        build_form(form, tmp_path / "x.pdf", options(record_id="no-such-uuid"))
    assert "no-such-uuid" in str(caught.value)


def test_by_default_the_latest_training_is_printed(database, tmp_path, read_pdf):
    save_training(VILLAGE_CODE, name="春季培训", start=dt.date(2026, 3, 1))
    save_training(VILLAGE_CODE, name="秋季培训", start=dt.date(2026, 10, 1))
    text = squeeze(read_pdf(build_form("signin", tmp_path / "s.pdf", options()).path).text)
    assert "秋季培训" in text and "春季培训" not in text


def test_labels_and_marks_fit_their_cells_in_english(database, tmp_path, read_pdf):
    from models.i18n import set_language

    set_language("en")
    t, _people = marked_training()
    for form in ("signin", "attendance", "training-year"):
        result = build_form(form, tmp_path / f"{form}.pdf", options())
        assert result.pages >= 1
    assert "late" in read_pdf(tmp_path / "attendance.pdf").text
    assert re.search(r"Page 1 of \d", read_pdf(tmp_path / "signin.pdf").text)


def test_the_yearly_table_shows_the_person_sessions_behind_its_attendance_rate(database, tmp_path, read_pdf):
    from forms import training_year

    t, _people = marked_training()
    result = build_form("training-year", tmp_path / "year.pdf", options())
    header_row = next(r for r in table_rows(result.path) if r and r[0] == squeeze(_("No.")))
    for header in (
        "Expected (person-sessions)",
        "Present (person-sessions)",
        "On leave",
        "Absent (person-sessions)",
        "Attendance rate",
    ):
        assert squeeze(_(header)) in header_row
    headers = [c.header for c in training_year.training_columns()]
    assert headers[training_year.RATE_COLUMN] == _("Attendance rate")
    body = [r for r in table_rows(result.path) if len(r) == len(headers) and r[0] != squeeze(_("No."))]
    assert body, "no training rows read back"
    for row in body:
        expected, present, leave, absent = (int(row[i]) for i in range(7, 11))
        assert expected == present + leave + absent, row
        assert row[training_year.RATE_COLUMN] == format_percent(present / expected)
    summary = training.summary(t)
    assert [int(v) for v in body[0][7:11]] == [summary.person_sessions, summary.attended, 2, 3]


def test_a_countys_long_yearly_table_keeps_its_total_row_and_signatures_with_rows(county, tmp_path, read_pdf):
    from forms import layout

    for i in range(1, 60):
        save_training(COUNTY, name=f"第{i}期巾帼技能培训", start=dt.date(2026, 1, 1) + dt.timedelta(days=3 * i))
    result = build_form("training-year", tmp_path / "year.pdf", options(COUNTY))
    pdf = read_pdf(result.path)
    assert result.pages >= 2
    total = squeeze(_("Total ({n} trainings)").format(n=59))
    page = next(squeeze(text) for text in pdf.texts if total in squeeze(text))
    assert len(re.findall(r"第\d+期巾帼技能培训", page)) >= layout.KEEP_LAST_ROWS - 1
    last = pdf.texts[-1]
    assert layout.labelled(_("Head of unit")) in last and _("(unit seal)") in last
    assert re.search(r"第\d+期巾帼技能培训|\d+村", last), "the signatures stand alone on the last page"
    head = _("{title} (continued)").format(title=_(training_year_title()))
    assert all(
        head in text.strip().splitlines()[0] and "长沙县" in text.strip().splitlines()[0] for text in pdf.texts[1:]
    )


def training_year_title() -> str:
    from forms import training_year

    return training_year.TITLE


def test_a_long_attendance_summary_ends_with_rows_above_its_signatures(county, tmp_path, read_pdf):
    from forms import layout

    t = county_training(70)
    result = build_form("attendance", tmp_path / "attendance.pdf", options(COUNTY, record_id=t.uuid))
    pdf = read_pdf(result.path)
    assert result.pages >= 2
    last = pdf.texts[-1]
    assert layout.labelled(_("Head of unit")) in last and _("(unit seal)") in last
    names = {SURNAMES[i % 30] + GIVEN[i // 30 % 12] for i in range(70)}
    assert sum(name in last for name in names) >= layout.KEEP_LAST_ROWS
    head = _("{title} (continued)").format(title=_(attendance.TITLE))
    for text in pdf.texts[1:]:
        assert head in text.strip().splitlines()[0]
