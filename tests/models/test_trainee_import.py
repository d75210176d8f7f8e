"""Attendee lists from spreadsheets: previews with every problem, all-or-nothing writes, matching to people."""

from __future__ import annotations

import datetime as dt

import pytest

from models import people, training
from models.i18n import _
from models.importing import detect_kind
from models.people import PersonInput
from models.spreadsheets import ImportFileError, ImportRefused
from models.trainee_import import apply_trainees, read_trainees
from models.training import TraineeInput, TrainingInput

UNIT = "430121100201"
HEADER = ["序号", "姓名", "村(社区)/单位", "职务", "联系电话", "性别", "身份证号"]


def make_training():
    return training.save_training(
        TrainingInput(
            name="村级妇联执委能力提升培训",
            organiser="长沙县妇联",
            organiser_level="county",
            start_date=dt.date(2026, 4, 14),
            end_date=dt.date(2026, 4, 15),
            place="县委党校",
        ),
        UNIT,
    )


def write_xlsx(path, rows, title="2026年执委培训参训人员名单"):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def names_on(t) -> list[str]:
    return sorted(x.name for x in t.trainees())


def test_a_clean_list_previews_then_imports_and_links_people(database, tmp_path):
    t = make_training()
    wang = people.save_person(PersonInput(name="王芳", phone="13812345678"), UNIT)
    path = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            HEADER,
            [1, "王芳", "石门村", "主席", "138 1234 5678", "女", "430121197805120026"],
            [2, "李娟", "桃花村", "执委", 13907311234.0, "女", None],  # a phone stored as a number
            [3, "赵敏", "桃花村", "执委", "0731-84261234", None, None],
            [None, None, None, None, None, None, None],
            ["合计", "3人", None, None, None, None, None],
        ],
    )
    preview = read_trainees(path, t)
    assert training.Trainee.select().count() == 0  # reading writes nothing
    assert preview.problems == []
    assert [r.row for r in preview.good_rows] == [4, 5, 6]
    assert [(n, why) for n, why in preview.skipped] == [(7, _("blank row")), (8, _("total row"))]
    assert preview.rows[1].trainee.phone == "13907311234"
    assert preview.columns["unit_name"] == "村(社区)/单位"
    assert apply_trainees(preview, t) == 3
    assert names_on(t) == ["李娟", "王芳", "赵敏"]
    linked = training.Trainee.get(training.Trainee.name == "王芳")
    assert linked.person_id == wang.uuid and preview.linked == 1
    assert linked.phone == "13812345678" and linked.post == "主席" and linked.unit_name == "石门村"


def test_every_bad_row_is_listed_with_row_and_column_and_nothing_is_written(database, tmp_path):
    t = make_training()
    training.add_trainee(t, TraineeInput(name="陈静", unit_name="石门村"))
    path = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            HEADER,
            [1, "王芳", "石门村", "主席", "13812345678", None, None],
            [2, None, "桃花村", "执委", "13912345678", None, None],  # no name
            [3, "李娟", "桃花村", "执委", "12345", None, None],  # bad phone
            [4, "王芳", "石门村", "执委", None, None, None],  # twice in the file
            [5, "陈静", "石门村", "执委", None, None, None],  # already on the training's list
            [6, "王芳", "桃花村", "执委", None, None, None],  # same name, other village: someone else
            [7, "刘13807311111", "桃花村", None, None, None, None],  # a phone typed into the name
        ],
    )
    preview = read_trainees(path, t)
    found = {(p.row, p.column) for p in preview.problems}
    assert found == {(5, "姓名"), (6, "联系电话"), (7, "姓名"), (8, "姓名"), (10, "姓名")}
    messages = {p.row: p.message for p in preview.problems}
    assert messages[5] == _("The name is required.")
    assert messages[7] == _("{name} is already on row {rows} of this file.").format(name="王芳", rows="4")
    assert messages[8] == _("{name} is already on the list of this training.").format(name="陈静")
    assert [r.row for r in preview.good_rows] == [4, 9]
    with pytest.raises(ImportRefused) as refused:
        apply_trainees(preview, t)
    assert "5" in str(refused.value) and path.name in str(refused.value)
    assert names_on(t) == ["陈静"]
    assert apply_trainees(preview, t, skip_bad_rows=True) == 2
    assert names_on(t) == ["王芳", "王芳", "陈静"]


def test_a_gb18030_csv_with_other_header_words(database, tmp_path):
    t = make_training()
    path = tmp_path / "参训名单.csv"
    path.write_bytes(
        (
            "培训名单\n姓名,所在村,职务,手机\n王芳,石门村,主席,13812345678\n"
            "欧阳娜娜,桃花村,执委,\n阿依古丽·买买提,石门村,妇女骨干,+86 139-0731-1234\n"
        ).encode("gb18030")
    )
    preview = read_trainees(path, t)
    assert preview.problems == [] and preview.columns["unit_name"] == "所在村"
    assert apply_trainees(preview, t) == 3
    by_name = {x.name: x for x in t.trainees()}
    assert by_name["阿依古丽·买买提"].phone == "13907311234"
    assert by_name["欧阳娜娜"].unit_name == "桃花村"


def test_a_row_added_by_hand_since_the_preview_refuses_the_whole_file(database, tmp_path):
    t = make_training()
    path = write_xlsx(
        tmp_path / "名单.xlsx", [["姓名", "单位", "职务"], ["王芳", "石门村", "主席"], ["李娟", "石门村", "执委"]]
    )
    preview = read_trainees(path, t)
    training.add_trainee(t, TraineeInput(name="李娟", unit_name="石门村"))
    with pytest.raises(ImportRefused):
        apply_trainees(preview, t)
    assert names_on(t) == ["李娟"]  # 王芳 of the same file was not kept either
    assert [p.row for p in preview.problems] == [5]  # under the title and a blank row


def test_cancelling_through_progress_writes_nothing(database, tmp_path):
    t = make_training()
    path = write_xlsx(tmp_path / "名单.xlsx", [["姓名", "单位"], ["王芳", "石门村"], ["李娟", "石门村"]])
    preview = read_trainees(path, t)

    def cancel(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_trainees(preview, t, progress=cancel)
    assert names_on(t) == []


def test_a_file_without_an_attendee_header_is_refused(database, tmp_path):
    t = make_training()
    path = write_xlsx(tmp_path / "其他.xlsx", [["甲", "乙"], [1, 2]])
    with pytest.raises(ImportFileError) as caught:
        read_trainees(path, t)
    assert str(path) in str(caught.value)


def test_attendee_lists_are_told_apart_from_rosters(tmp_path, samples):
    attendees = write_xlsx(tmp_path / "a.xlsx", [HEADER[:5], [1, "王芳", "石门村", "主席", "13812345678"]])
    assert detect_kind(attendees) == "trainees"
    with_sex = write_xlsx(tmp_path / "b.xlsx", [HEADER, [1, "王芳", "石门村", "主席", "13812345678", "女", ""]])
    assert detect_kind(with_sex) == "trainees"
    roster_like = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["姓名", "性别", "出生年月", "职务", "联系电话", "工作单位"],
            ["王芳", "女", "1978.05", "主席", "13812345678", "石门村"],
        ],
    )
    assert detect_kind(roster_like) == "roster"
    assert detect_kind(samples / "roster_clean.xlsx") == "roster"
    assert detect_kind(samples / "roster_messy.xlsx") == "roster"
    assert detect_kind(samples / "units_under_county.csv") == "units"
