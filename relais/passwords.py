"""Agents' passwords, hashed with the standard library's scrypt (hashlib.scrypt).

Stored as `scrypt$n$r$p$salt$hash` (salt and hash in base64), so that stronger parameters can
come later and old hashes still verify. Comparison in constant time.
"""

import base64
import hashlib
import hmac
import secrets

# OWASP's minimum for scrypt (N=2^17 is its first choice; 2^14 keeps a sign-in under 100 ms on
# these 2-core machines while costing an attacker 16 MiB per guess).
_N, _R, _P = 2**14, 8, 1
_MAX_MEMORY = 64 * 1024 * 1024
_SALT_BYTES = 16
_HASH_BYTES = 32
MIN_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password has at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, _N, _R, _P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=_MAX_MEMORY, dklen=_HASH_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
