"""执委会会议记录: the minutes of the committee's meetings, one meeting a sheet.

One meeting (``FormOptions.record_id``), or every meeting of a year one after
another, each starting on a page of its own. The facts of the meeting in a
ruled table (date, place, chair, minutes-taker, who came and who did not,
with the reasons), then the topics, the minutes, the decisions and the records
they decided as numbered parts (long minutes run over pages), and the lines
for the chair's and the minutes-taker's signatures.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from models import meetings
from models.i18n import N_, _, format_date, in_brackets, join_list

from .layout import PORTRAIT, FormDocument, FormError, FormResult, federation, labelled, section_title

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Minutes of the committee meeting")


def choose(options: FormOptions, unit_code: str, today: _dt.date) -> tuple[list[meetings.Meeting], int | None]:
    """The meeting asked for, or the meetings of the year asked for (by default the latest year with any)."""
    if options.record_id:
        meeting = (
            meetings.Meeting.live()
            .where((meetings.Meeting.uuid == options.record_id) & (meetings.Meeting.unit == unit_code))
            .first()
        )
        if meeting is None:
            raise FormError(_("There is no meeting {id} of this unit in this database.").format(id=options.record_id))
        return [meeting], None
    year = options.year
    if not year:
        years = meetings.meeting_years(meetings.Scope(unit_code))
        year = years[0] if years else today.year
    return list(meetings.meetings(unit_code, year)), year


def paragraphs(doc: FormDocument, text: str, empty: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines or [empty]:
        doc.paragraph(line, "body")


def add_meeting(doc: FormDocument, unit_name: str, meeting: meetings.Meeting) -> None:
    listed = meetings.attendees(meeting)
    present = [a.name for a in listed if a.present]
    absent = [f"{a.name}{in_brackets(a.absence_reason)}" for a in listed if not a.present]
    title = (
        _(TITLE)
        if meeting.kind == "committee"
        else _("Minutes of the {kind}").format(kind=meetings.KIND.label(meeting.kind))
    )
    doc.paragraph(title, "title")
    doc.paragraph(federation(unit_name), "subtitle")
    doc.continued_title, doc.continued_unit = title, unit_name
    facts = [
        common.Fact(_("Date"), format_date(meeting.date)),
        common.Fact(_("Place"), meeting.place),
        common.Fact(_("Chaired by"), meeting.chair),
        common.Fact(_("Minutes taken by"), meeting.minutes_taker),
        common.Fact(_("Expected"), _("{n} people").format(n=len(listed))),
        common.Fact(_("Present"), _("{n} people").format(n=len(present))),
        common.Fact(_("Attended by"), join_list(present), wide=True),
        common.Fact(_("Absent, and why"), join_list(absent) if absent else _("None"), wide=True),
    ]
    common.facts_table(doc, facts)
    doc.spacer(3)
    decided = meetings.describe_links([(link.kind, link.record_uuid) for link in meetings.links(meeting)])
    parts = [
        (_("Topics"), meeting.topics),
        (_("Minutes"), meeting.minutes),
        (_("Decisions"), meeting.decisions),
    ]
    for number, (heading, text) in enumerate(parts, start=1):
        doc.paragraph(section_title(number, heading), "heading")
        paragraphs(doc, text, _("(not recorded)"))
    if decided:
        doc.paragraph(section_title(len(parts) + 1, _("What the meeting decided")), "heading")
        for item in decided:
            doc.paragraph(labelled(meetings.LINK_KIND.label(item.kind), item.text), "body")
    doc.signatures([_("Chair (signature)"), _("Minutes-taker (signature)")], seal=False)


def build(out_path: Path, options: FormOptions) -> FormResult:
    from reportlab.platypus import PageBreak

    today = options.today or _dt.date.today()
    unit = common.unit_of(options.unit_code)
    chosen, year = choose(options, unit.code, today)
    doc = FormDocument(_(TITLE), author=federation(unit.name), orientation=PORTRAIT)
    if not chosen:
        raise FormError(
            _(
                "{unit} has no committee meeting recorded in {year}; record one on the Meetings and plans page first."
            ).format(unit=unit.name, year=year)
        )
    for index, meeting in enumerate(chosen):
        if index:
            doc.add(PageBreak())
        add_meeting(doc, unit.name, meeting)
    return doc.save(out_path, options.report_missing)
