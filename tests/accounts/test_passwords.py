"""Argon2id hashes and the password policy."""

from __future__ import annotations

import re

import pytest

from interview.accounts import passwords
from interview.accounts.passwords import (
    PasswordPolicyError,
    check_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from interview.errors import InterviewError
from interview.settings import Settings
from tests.accounts.support import PASSWORD, use_cheap_hasher


def test_the_real_hash_is_argon2id_in_phc_form_salted_and_verifiable() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in first and first != second  # a fresh salt each time
    assert verify_password(first, PASSWORD) and verify_password(second, PASSWORD)
    assert not verify_password(first, PASSWORD + "!")
    assert not needs_rehash(first)


def test_a_damaged_or_foreign_hash_is_a_mismatch_and_wants_a_rehash() -> None:
    assert not verify_password("not a hash", PASSWORD)
    assert not verify_password("$argon2id$v=19$m=65536,t=3,p=4$AAAA$BBBB", PASSWORD)
    assert needs_rehash("not a hash")


def test_a_hash_made_with_other_parameters_wants_a_rehash(monkeypatch: pytest.MonkeyPatch) -> None:
    real = passwords.HASHER
    use_cheap_hasher(monkeypatch)
    cheap_hash = hash_password(PASSWORD)
    assert cheap_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert not needs_rehash(cheap_hash)
    monkeypatch.setattr(passwords, "HASHER", real)
    assert needs_rehash(cheap_hash) and verify_password(cheap_hash, PASSWORD)


def test_the_dummy_check_works_for_any_password(monkeypatch: pytest.MonkeyPatch) -> None:
    use_cheap_hasher(monkeypatch)
    passwords.verify_dummy(PASSWORD)
    passwords.verify_dummy("")


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short1234", "at least 10 characters (it has 9)"),
        ("Counsellor.Kim@Centre.kr", "email address"),
        ("aaaaaaaaaaaaaaaa", "one character repeated"),
        ("x" * 1025, "at most 1024"),
        ("nul\x00inside-it", "NUL"),
    ],
)
def test_the_policy_refuses_with_a_clear_reason(password: str, says: str) -> None:
    with pytest.raises(PasswordPolicyError, match=re.escape(says)) as refused:
        check_policy(password, "counsellor.kim@centre.kr", min_length=10)
    assert isinstance(refused.value, InterviewError)  # the CLI prints it as one line
    assert "\n" not in str(refused.value) and password not in str(refused.value)


def test_the_policy_accepts_a_long_enough_password_of_any_script() -> None:
    for password in ("0123456789", "비밀번호는길어야안전합니다", "xy" * 512, "ab" * 5):
        check_policy(password, "kim@centre.kr", min_length=10)


def test_the_minimum_comes_from_the_settings_and_is_never_under_8() -> None:
    assert Settings().min_password_length == 10
    with pytest.raises(ValueError):
        Settings(min_password_length=7)
