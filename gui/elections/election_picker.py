"""A name field that finds the unit's people by name, pinyin or initials; Enter adds the one meant."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from models.elections.records import people_matching
from models.i18n import _
from models.people import Person, normalize_name

NAME_ROLE = Qt.UserRole + 1
UUID_ROLE = Qt.UserRole + 2
MAX_MATCHES = 12


class PersonPicker(QLineEdit):
    """Type 张晓红, zhangxiaohong or zxh; the matches drop down; Enter picks one or takes the typed name.

    ``chosen(name, person_uuid)`` is emitted with "" for a name that is no
    one's record yet; ``problem(text)`` when the typed letters are ambiguous
    or match nobody (letters alone are never taken as a name).
    """

    chosen = Signal(str, str)
    problem = Signal(str)

    def __init__(self, unit_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit_code = unit_code
        self.setMaxLength(50)
        self.setPlaceholderText(_("Name, pinyin or initials — Enter adds"))
        self.matches = QStandardItemModel(self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(NAME_ROLE)
        self.completer_.setMaxVisibleItems(MAX_MATCHES)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self.textEdited.connect(self._update_matches)
        self.returnPressed.connect(self._return_pressed)

    def people(self, text: str) -> list[Person]:
        return people_matching(self.unit_code, text, MAX_MATCHES)

    def _update_matches(self, text: str) -> None:
        self.matches.clear()
        if not normalize_name(text):
            return
        for person in self.people(text):
            item = QStandardItem(f"{person.name}  {person.name_pinyin}" if person.name_pinyin else person.name)
            item.setData(person.name, NAME_ROLE)
            item.setData(person.uuid, UUID_ROLE)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer_.complete()

    def inputMethodEvent(self, event) -> None:
        # Text committed by an input method does not emit textEdited with every IME; search anyway.
        super().inputMethodEvent(event)
        if event.commitString():
            self._update_matches(self.text())

    def _activated(self, index: QModelIndex) -> None:
        self._choose(index.data(NAME_ROLE), index.data(UUID_ROLE))

    def _return_pressed(self) -> None:
        popup = self.completer_.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer's own activation follows and picks the highlighted person
        self.take_typed()

    def take_typed(self) -> None:
        """Resolve the typed text: an exact name, a single match of letters, or a new name."""
        text = normalize_name(self.text())
        if not text:
            return
        exact = [p for p in self.people(text) if p.name == text]
        if len(exact) == 1:
            self._choose(exact[0].name, exact[0].uuid)
            return
        if len(exact) > 1:
            self.problem.emit(
                _("Several people are called {name}; choose one from the list with ↓ and Enter.").format(name=text)
            )
            self._update_matches(self.text())
            return
        if re.fullmatch(r"[A-Za-z]+", text):
            found = self.people(text)
            if len(found) == 1:
                self._choose(found[0].name, found[0].uuid)
            elif found:
                self.problem.emit(
                    _("Several people match “{text}”; choose one from the list with ↓ and Enter.").format(text=text)
                )
                self._update_matches(self.text())
            else:
                self.problem.emit(
                    _("Nobody’s name matches “{text}”; type the name in Chinese characters.").format(text=text)
                )
            return
        self._choose(text, "")

    def _choose(self, name: str, uuid: str) -> None:
        self.completer_.popup().hide()
        self.clear()
        self.matches.clear()
        self.chosen.emit(name, uuid or "")
