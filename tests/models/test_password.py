"""The start-up password: stored as scrypt only, checked, changed and removed with the current one."""

from __future__ import annotations

import pytest

from models import meta
from models import password as pw
from models.base import ValidationError


def test_no_password_by_default_lets_everyone_in(database):
    assert not pw.has_password() and pw.check_password("")


def test_a_password_is_stored_as_an_scrypt_hash_with_a_random_salt(database):
    pw.set_password("geheim-123", "geheim-123")
    stored = meta.get(pw.PASSWORD)
    assert stored.startswith("scrypt$16384$8$1$") and "geheim-123" not in stored
    assert pw.check_password("geheim-123") and not pw.check_password("geheim-124") and not pw.check_password("")
    pw.set_password("geheim-123", "geheim-123", current="geheim-123")
    assert meta.get(pw.PASSWORD) != stored  # a new salt each time


@pytest.mark.parametrize(
    ("new", "repeated", "field"),
    [("abc", "abc", "new"), ("abcdef", "abcdeg", "repeated"), ("x" * 201, "x" * 201, "new")],
)
def test_a_short_or_mistyped_new_password_is_refused_beside_its_field(database, new, repeated, field):
    with pytest.raises(ValidationError) as refused:
        pw.set_password(new, repeated)
    assert [e.field for e in refused.value.errors] == [field]
    assert not pw.has_password()


def test_changing_or_removing_needs_the_current_password(database):
    pw.set_password("erste-pw", "erste-pw")
    with pytest.raises(ValidationError) as refused:
        pw.set_password("zweite-pw", "zweite-pw", current="falsch")
    assert refused.value.errors[0].field == "current" and pw.check_password("erste-pw")
    with pytest.raises(ValidationError):
        pw.remove_password("falsch")
    assert pw.has_password()
    pw.remove_password("erste-pw")
    assert not pw.has_password() and pw.check_password("anything")


def test_a_damaged_entry_opens_nothing(database):
    meta.put(pw.PASSWORD, "scrypt$garbage")
    assert pw.has_password() and not pw.check_password("")
