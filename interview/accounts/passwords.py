"""Password hashing (Argon2id, argon2-cffi's RFC 9106 low-memory profile) and the policy a
staff password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from interview.errors import InterviewError

MAX_PASSWORD_CHARS = 1024  # bounds the work one login asks for
# Argon2id, t=3, m=64 MiB, p=4: tens to hundreds of milliseconds a hash, by design. Tests
# swap in a cheaper hasher of the same type.
HASHER = PasswordHasher()
_dummy_hashes: dict[str, str] = {}


class PasswordPolicyError(InterviewError):
    """A password the policy refuses; the message says what to change."""


def check_policy(password: str, email: str, min_length: int) -> None:
    """Refuse a password that is too short or too long, is the account's email address, or
    is one character repeated."""
    if len(password) < min_length:
        raise PasswordPolicyError(
            f"the password is too short: use at least {min_length} characters "
            f"(it has {len(password)})"
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise PasswordPolicyError(
            f"the password is too long: use at most {MAX_PASSWORD_CHARS} characters"
        )
    if password.strip().lower() == email.strip().lower():
        raise PasswordPolicyError("the password must not be the account's email address")
    if len(set(password)) == 1:
        raise PasswordPolicyError("the password must not be one character repeated")
    if "\x00" in password:
        raise PasswordPolicyError("the password must not contain a NUL character")


def hash_password(password: str) -> str:
    """An Argon2id hash in PHC form (``$argon2id$v=19$m=...,t=...,p=...$salt$hash``)."""
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches; a damaged or foreign hash is a mismatch, never an error."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's (rehash at login)."""
    try:
        return HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def verify_dummy(password: str) -> None:
    """As much work as checking a real account's password, for an address without one, so
    the answer's timing does not tell which addresses have accounts."""
    key = f"{HASHER.type}:{HASHER.time_cost}:{HASHER.memory_cost}:{HASHER.parallelism}"
    if key not in _dummy_hashes:
        _dummy_hashes[key] = HASHER.hash("no account has this password, it is a dummy")
    verify_password(_dummy_hashes[key], password)
