"""Password logins and signups are throttled per account and per address, with a clear message."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from builder import security

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery"  # the `user` fixture's password


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Hundreds of logins: the production hasher's cost is the point there, not here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_30_wrong_passwords_then_the_right_one_is_refused_for_a_while(user: Any) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(30):
        assert log_in(attacker, "ada", "wrong").status_code in (200, 429)
    refused = log_in(attacker, "ada", RIGHT)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Too many wrong passwords for this account" in text and "try again in 15 minutes" in text
    assert "_auth_user_id" not in attacker.session


def test_another_account_from_another_address_is_not_refused(user: Any, other_user: Any) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(30):
        log_in(attacker, "ada", "wrong")
    assert log_in(Client(REMOTE_ADDR="198.51.100.2"), "grace", "another good password").status_code == 302


def test_one_address_alone_cannot_lock_an_account_for_everyone(user: Any) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(60):
        log_in(attacker, "ada", "wrong")
    # The attacker's address is refused, but Ada, from her own address, still logs in.
    assert log_in(attacker, "ada", RIGHT).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.2"), "ada", RIGHT).status_code == 302


def test_many_addresses_guessing_one_account_lock_it(settings: Any, user: Any) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "login-account": (12, 900)}
    limit = security.window("login-account").limit
    for i in range(limit):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{i % 250}"), "ADA", "wrong")  # usernames count case-blind
    refused = log_in(Client(REMOTE_ADDR="198.51.100.2"), "ada", RIGHT)
    assert refused.status_code == 429 and "this account" in refused.content.decode()


def test_wrong_passwords_from_one_address_for_many_accounts_lock_the_address(user: Any) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(security.window("login-address").limit):
        log_in(attacker, f"user{i}", "wrong")
    refused = log_in(attacker, "ada", RIGHT)
    assert refused.status_code == 429 and "this address" in refused.content.decode()


def test_a_few_wrong_passwords_still_let_the_right_one_in(user: Any) -> None:
    client = Client(REMOTE_ADDR="198.51.100.3")
    for _ in range(3):
        wrong = log_in(client, "ada", "wrong")
        assert wrong.status_code == 200 and "Please enter a correct username and password" in wrong.content.decode()
    assert log_in(client, "ada", RIGHT).status_code == 302


def test_the_admin_login_is_throttled_too(user: Any) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(30):
        attacker.post("/admin/login/", {"username": "ada", "password": "wrong"})
    assert log_in(attacker, "ada", RIGHT).status_code == 429


def test_signups_from_one_address_are_limited(settings: Any) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "signup-address": (2, 3600)}
    for i in range(2):
        client = Client(REMOTE_ADDR="203.0.113.20")
        made = client.post(
            "/accounts/signup/",
            {"username": f"new{i}", "password1": "a long passphrase 42", "password2": "a long passphrase 42"},
        )
        assert made.status_code == 302
    third = Client(REMOTE_ADDR="203.0.113.20").post(
        "/accounts/signup/",
        {"username": "new3", "password1": "a long passphrase 42", "password2": "a long passphrase 42"},
    )
    assert third.status_code == 429
    assert "Too many accounts were made from this address" in third.content.decode()
    elsewhere = Client(REMOTE_ADDR="198.51.100.20").post(
        "/accounts/signup/",
        {"username": "new4", "password1": "a long passphrase 42", "password2": "a long passphrase 42"},
    )
    assert elsewhere.status_code == 302
