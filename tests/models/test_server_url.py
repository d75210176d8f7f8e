"""The server address a clerk types: what is refused before anything connects, on either engine."""

from __future__ import annotations

import pytest

from models import db as dbmod
from models import server


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://clerk:secret@server:5432/fulian",
        "postgresql://clerk@server:5432/fulian?password=secret",
        "postgresql://clerk@server:5432/fulian?sslmode=require&PASSWORD=secret",
        "postgresql://clerk@server:5432/fulian?sslpassword=secret",
    ],
)
def test_a_password_in_the_address_is_refused_wherever_it_is_written(url):
    with pytest.raises(dbmod.DatabaseError) as refused:
        server.checked_url(url)
    assert "secret" not in str(refused.value)
    assert server.PASSWORD_PLACES["variable"] in str(refused.value)


@pytest.mark.parametrize(
    "url", ["postgresql://clerk@server:port/fulian", "postgresql://clerk@server:5432/", "postgresql:///fulian"]
)
def test_an_address_without_a_server_a_database_or_a_number_for_port_is_refused(url):
    with pytest.raises(dbmod.DatabaseError):
        server.checked_url(url)


def test_an_ordinary_address_is_kept_as_typed():
    url = "postgresql://clerk@192.168.1.10:5432/fulian?sslmode=require"
    assert server.checked_url(f"  {url} ") == url
