"""What a page code stands for in the open database: the sheet as it was printed, or why it cannot be read.

The maps come from the forms themselves (``forms.signin.sheet_maps``,
``forms.ballot.sheet_maps``), laid out again from today's records: a list of
names changed since printing gives another digest, and the page is refused
with words to print it again rather than read against the wrong rows. A
day's stack is laid out once a batch (``Sheets`` keeps what it made).

A ballot may have been printed 1, 2 or 4 to a sheet: its code is the same
(it names the round, never the copy), so every layout is offered and the
reader keeps the one whose corner marks lie where the code says.
"""

from __future__ import annotations

import datetime as _dt

from forms import ballot, signin
from forms import election_common as common
from forms.layout import FormError
from models import training as tr
from models.elections import records as er
from models.i18n import _, format_date
from models.paper.code import BALLOT, SIGN_IN, PageCode
from models.paper.sheet_map import SheetMap
from models.units import Unit


def code_day(code: PageCode) -> _dt.date:
    """The training day a sign-in page's code names."""
    return _dt.datetime.strptime(code.part, "%Y%m%d").date()


class Sheets:
    """``sheet_for_code`` for ``paper.read.read_files``, for the records of ``unit`` (this installation's)."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self._made: dict[tuple[str, str], list[list[SheetMap]] | str] = {}
        # The sessions of a day with several, whose single-session sheets are laid out only when a page is
        # not one of the whole day's (most pages are: laying a stack out costs time).
        self._single_sessions: dict[tuple[str, str], tuple[tr.Training, list[tr.TrainingSession]]] = {}

    def __call__(self, code: PageCode) -> list[SheetMap] | str:
        key = (code.record, code.part)
        if key not in self._made:
            self._made[key] = self._sign_in_stacks(code) if code.kind == SIGN_IN else self._ballot_layouts(code)
        made = self._made[key]
        if isinstance(made, str):
            return made
        text = code.text()
        if code.kind == BALLOT:
            found = [sheet for layout in made for sheet in layout if sheet.code == text]
        else:
            found = self._pages_of(made, code)
            if not found and key in self._single_sessions:
                # Not a page of the whole day's sheet: perhaps of a sheet printed for one of its sessions.
                training, sessions = self._single_sessions.pop(key)
                made += [signin.sheet_maps(training, code_day(code), session) for session in sessions]
                found = self._pages_of(made, code)
        return found or self._changed(code)

    @staticmethod
    def _pages_of(stacks: list[list[SheetMap]], code: PageCode) -> list[SheetMap]:
        text = code.text()
        found = [stack[code.page - 1] for stack in stacks if len(stack) >= code.page]
        return [sheet for sheet in found if sheet.code == text]

    # --- sign-in sheets -------------------------------------------------------------------

    def _sign_in_stacks(self, code: PageCode) -> list[list[SheetMap]] | str:
        training = tr.find_training(code.record)
        if training is None:
            return _(
                "This sign-in sheet belongs to a training that is not in this database (or was deleted): "
                "read it on the computer that printed it."
            )
        if training.unit != self.unit.code:
            refusal = _("This sign-in sheet is of another unit's training ({name}); only {own}'s can be read here.")
            return refusal.format(name=training.name, own=self.unit.name)
        day = code_day(code)
        sessions = [s for s in training.sessions() if s.date == day]
        if not sessions:
            return _("The training {name} has no session on {day} any more; this sheet cannot be read.").format(
                name=training.name, day=format_date(day)
            )
        # The whole day's sheet, or (laid out when needed) a sheet printed for one of its sessions.
        if len(sessions) > 1:
            self._single_sessions[(code.record, code.part)] = (training, sessions)
        return [signin.sheet_maps(training, day)]

    # --- ballots --------------------------------------------------------------------------

    def _ballot_layouts(self, code: PageCode) -> list[list[SheetMap]] | str:
        round_ = er.ElectionRound.live().where(er.ElectionRound.uuid == code.record).first()
        election = None if round_ is None else er.get_election(round_.election_id)
        if round_ is None or election is None:
            return _(
                "This ballot belongs to a vote that is not in this database (or was deleted): "
                "read it on the computer that printed it."
            )
        if round_.unit != self.unit.code:
            return _("This ballot is of another unit's election; only {own}'s can be read here.").format(
                own=self.unit.name
            )
        chosen = common.Chosen(self.unit, election, round_)
        layouts: list[list[SheetMap]] = []
        refusal = ""
        for per_page in (None, *ballot.PER_PAGE_CHOICES):
            try:
                maps = ballot.sheet_maps(chosen, per_page)
            except FormError as error:
                refusal = refusal or str(error)  # no candidates any more, say
                continue
            if maps not in layouts:
                layouts.append(maps)
        return layouts or refusal

    def _changed(self, code: PageCode) -> str:
        if code.kind == BALLOT:
            return _(
                "The candidates, the title or the seats of this vote were changed after this ballot was "
                "printed (or it was printed with the program in another language); it cannot be read against "
                "them."
            )
        return _(
            "Page {page} does not match the training as it is today: names were added, removed or moved, "
            "or its name, place or times changed, after it was printed (or it was printed with the program in "
            "another language). Read it with the "
            "program as it was then, or enter this page's attendance by hand; print the sheet again for "
            "the next session."
        ).format(page=code.page)
