"""Everything about the selected election, read-only: steps, meeting, votes, the committee it made."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from gui.elections.election_round import ERROR_COLOUR, MUTED_COLOUR, WARNING_COLOUR, _escape
from gui.paper.ballot_dialog import recorded_check_text
from models import codes
from models.elections import records as er
from models.elections import representatives as reps
from models.i18n import _, format_date, in_brackets, join_list
from models.strokes import sort_by_surname_strokes

POSITION_ORDER = {code: i for i, code in enumerate(codes.COMMITTEE_POSTS)}


def _muted(text: str) -> str:
    return f'<span style="color:{MUTED_COLOUR}">{_escape(text)}</span>'


class ElectionDetail(QTextBrowser):
    """The detail pane of the elections page: one read-only document that wraps and scrolls."""

    SECTIONS = ("steps", "representatives", "meeting", "rounds", "committee")
    REPRESENTATIVES_LINK = "fulian:representatives"

    def __init__(self, parent: QWidget | None = None, context=None):
        super().__init__(parent)
        self.context = context  # needed to open the list of representatives from the pane
        self.election_uuid: str | None = None
        self.setFrameShape(QFrame.NoFrame)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link_clicked)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        self.parts: dict[str, str] = {}
        self.show_election(None)

    def section(self, name: str) -> str:
        """The HTML of one part ("title", "subtitle", "steps", "meeting", "rounds", "committee")."""
        return self.parts.get(name, "")

    # The list of representatives was saved from the pane (应到 may have changed): the page refreshes.
    representatives_saved = Signal(str)

    def show_election(self, election: er.Election | None) -> None:
        self.election_uuid = election.uuid if election is not None else None
        if election is None:
            self.parts = {}
            self.setHtml(
                f'<p align="center" style="color:{MUTED_COLOUR}"><br><br>'
                + _escape(_("Select an election to see its steps, votes and committee."))
                + "</p>"
            )
            return
        status = _(er.STATUSES.get(election.status, election.status))
        if election.term_start:
            status += " · " + _("term {start} – {end}").format(
                start=format_date(election.term_start), end=format_date(election.term_end)
            )
        self.parts = {
            "title": _escape(election.title()),
            "subtitle": _escape(status),
            "steps": self._steps(election),
            "representatives": self._representatives(election),
            "meeting": self._meeting(election),
            "rounds": self._rounds(election),
            "committee": self._committee(election),
        }
        titles = {
            "steps": _("Steps"),
            "representatives": _("Women's representatives"),
            "meeting": _("Meeting"),
            "rounds": _("Votes"),
            "committee": _("The committee elected"),
        }
        html = [
            f'<h2 style="margin-bottom:2px">{self.parts["title"]}</h2>',
            f'<p style="margin-top:0">{self.parts["subtitle"]}</p>',
        ]
        for name in self.SECTIONS:
            html.append(f'<h4 style="margin-bottom:2px">{_escape(titles[name])}</h4>')
            html.append(f'<p style="margin-top:0; line-height:130%">{self.parts[name]}</p>')
        self.setHtml("".join(html))

    def open_representatives(self) -> bool:
        """The list of representatives of the election shown (the button 妇女代表名册…); True when saved."""
        from gui.elections.representatives_dialog import open_representatives

        if self.election_uuid is None:
            return False
        uuid = self.election_uuid
        if not open_representatives(self.window(), self._context(), uuid):
            return False
        self.show_election(er.get_election(uuid))
        self.representatives_saved.emit(uuid)
        return True

    def _context(self):
        """The application context: given, or the page's that holds this pane (the page builds it
        without one, and the list's dialog needs it)."""
        widget = self.parentWidget()
        while self.context is None and widget is not None:
            self.context = getattr(widget, "context", None)
            widget = widget.parentWidget()
        return self.context

    def _link_clicked(self, url: QUrl) -> None:
        if url.toString() == self.REPRESENTATIVES_LINK:
            self.open_representatives()

    def _representatives(self, election: er.Election) -> str:
        count = er.representative_count(election)
        entitled = reps.entitled_of(election)
        if count:
            text = _escape(_("{n} listed; entitled to attend: {entitled}").format(n=count, entitled=entitled))
            if election.entitled_reason:
                text += _muted(in_brackets(election.entitled_reason))
        else:
            text = _muted(_("No list of representatives yet."))
        button = _escape(_("List of women's representatives…"))
        return f'{text}<br><a href="{self.REPRESENTATIVES_LINK}">{button}</a>'

    @staticmethod
    def _steps(election: er.Election) -> str:
        done = {s.step: s for s in election.steps()}
        lines = []
        for key, label in er.STEPS.items():
            step = done.get(key)
            if step is not None and step.date:
                text = f"✔ {_escape(format_date(step.date))} {_escape(_(label))}"
                if step.document_number:
                    text += _muted(in_brackets(step.document_number))
            elif step is not None and step.document_number:
                text = f"✔ {_escape(_(label))}" + _muted(in_brackets(step.document_number))
            else:
                text = _muted("○ " + _(label) + " — " + _("not yet"))
            lines.append(text)
        return "<br>".join(lines)

    @staticmethod
    def _meeting(election: er.Election) -> str:
        if not election.meeting_date and not election.entitled:
            return _muted(_("Not held yet."))
        lines = [
            _escape(
                " · ".join(
                    p
                    for p in (
                        _(er.CONGRESS_KINDS.get(election.congress_kind, "")),
                        format_date(election.meeting_date),
                        election.meeting_place,
                    )
                    if p
                )
            )
        ]
        lines.append(
            _escape(
                _("Entitled {entitled}, present {present}, excused {excused}").format(
                    entitled=election.entitled, present=election.present, excused=election.excused
                )
            )
        )
        lines.append(_escape(_("Elected with {rule}").format(rule=_(er.BASE_LABELS.get(election.counting_base, "")))))
        watchers = [
            (_("Chief scrutineer"), election.chief_scrutineer),
            (_("Scrutineers"), election.scrutineers),
            (_("Counters"), election.counters),
        ]
        lines += [_escape(_("{label}: {names}").format(label=label, names=value)) for label, value in watchers if value]
        return "<br>".join(lines)

    @staticmethod
    def _rounds(election: er.Election) -> str:
        lines = []
        for round_ in election.rounds():
            check = er.check_round(election, round_)
            result = check.result
            label = er.round_name(round_.kind)
            count = len(result.ranking)
            head = _("{round}: {seats} seats, {n} candidates").format(round=label, seats=round_.seats, n=count)
            if result.void:
                tail = (
                    f'<span style="color:{ERROR_COLOUR}">'
                    + _escape(_("void: {problems}").format(problems=" ".join(result.message(c) for c in result.errors)))
                    + "</span>"
                )
            else:
                tail = _escape(_("elected: {names}").format(names=join_list(result.elected) or "—"))
                notes = [result.message(c) for c in result.warnings]
                if result.runoff:
                    notes.append(_("run-off needed among {names}").format(names=join_list(result.runoff)))
                if result.vacant:
                    notes.append(_("{n} seats vacant").format(n=result.vacant))
                if check.scrutineer_conflicts:
                    notes.append(
                        _("{names}: a candidate may not count or watch the vote.").format(
                            names=join_list(check.scrutineer_conflicts)
                        )
                    )
                if notes:
                    tail += f'<br><span style="color:{WARNING_COLOUR}">⚠ ' + _escape(" ".join(notes)) + "</span>"
            checked, holds = recorded_check_text(round_)
            if checked and holds:
                tail += "<br>" + _muted(checked)
            elif checked:
                tail += f'<br><span style="color:{WARNING_COLOUR}">⚠ ' + _escape(checked) + "</span>"
            lines.append(f"<b>{_escape(head)}</b><br>{tail}")
        return "<br>".join(lines) if lines else _muted(_("No vote entered yet."))

    @staticmethod
    def _committee(election: er.Election) -> str:
        members = list(election.members())
        if not members:
            return _muted(_("Not finalised yet: finalise the election on its Result page to make the committee."))
        members = sort_by_surname_strokes(members, key=lambda m: m.person.name)
        members.sort(key=lambda m: POSITION_ORDER.get(m.position, 99))
        lines = []
        for member in members:
            notes = [_("full-time") if member.full_time else _("part-time")]
            if member.two_committees_post:
                notes.append(member.two_committees_post)
            notes.append(_("re-elected") if member.reelected else _("newly elected"))
            lines.append(
                f"{_escape(codes.POST.label(member.position))} <b>{_escape(member.person.name)}</b>"
                + _muted(in_brackets(join_list(notes)))
            )
        text = "<br>".join(lines)
        if election.confirmed_warnings:
            text += (
                "<br><br>"
                + _muted(_("Warnings confirmed when finalising:"))
                + "<br>"
                + _muted(election.confirmed_warnings).replace("\n", "<br>")
            )
        return text
