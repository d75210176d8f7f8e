"""A village's register of people helped, for the care tests."""

from __future__ import annotations

import datetime as dt

from models.care import ActInput, ParentContactInput, TargetInput, save_act, save_parent_contact, save_target

UNIT = "430121100201"
TODAY = dt.date(2026, 11, 28)


def target(name: str, category: str = "left_behind_child", birth: str = "2015.06", **kw):
    data = TargetInput(category=category, name=name, birth_month=birth, **kw)
    return save_target(data, UNIT, today=TODAY)


def act(person, day: dt.date, kind: str = "visit", what: str = "走访慰问", **kw):
    return save_act(ActInput(target=person.uuid, date=day, kind=kind, what=what, **kw), UNIT, today=TODAY)


def parent_contact(child, day: dt.date, way: str = "phone", **kw):
    data = ParentContactInput(target=child.uuid, date=day, way=way, parent=kw.pop("parent", "父亲"), **kw)
    return save_parent_contact(data, UNIT, today=TODAY)
