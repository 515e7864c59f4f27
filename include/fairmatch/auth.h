/*
 * fairmatch/auth.h - passwords and secrets (libsodium): argon2id hashing and
 * verification, random tokens, SHA-256 of session ids. Used by the server
 * and by `fairmatch user add`. Thread-safe after fm_auth_init.
 */
#ifndef FAIRMATCH_AUTH_H
#define FAIRMATCH_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"

#define FM_AUTH_MIN_PASSWORD 12
#define FM_AUTH_MAX_PASSWORD 1024
#define FM_AUTH_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define FM_AUTH_TOKEN_HEX 65 /* 32 random bytes as hex, plus NUL */

/* Initialise libsodium. Call once before any other fm_auth_*; idempotent. */
fm_rc fm_auth_init(fm_err *err);

/*
 * Hash password with argon2id (interactive limits) into out (FM_AUTH_HASH_MAX
 * bytes). Refuses passwords shorter than FM_AUTH_MIN_PASSWORD characters or
 * longer than FM_AUTH_MAX_PASSWORD bytes (FM_EINVAL, "password: ...").
 */
fm_rc fm_auth_hash_password(const char *password, char out[FM_AUTH_HASH_MAX], fm_err *err);

/* True when password matches the argon2id string hash. Constant time in password. */
bool fm_auth_verify_password(const char *hash, const char *password);

/* 32 random bytes as 64 lowercase hex characters into out. */
void fm_auth_random_token(char out[FM_AUTH_TOKEN_HEX]);

/* Lowercase hex SHA-256 of s into out (65 bytes). */
void fm_auth_sha256_hex(const char *s, char out[FM_AUTH_TOKEN_HEX]);

/* Constant-time equality of two NUL-terminated strings (lengths may differ). */
bool fm_auth_equal(const char *a, const char *b);

#endif
