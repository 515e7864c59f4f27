/*
 * auth.c - the secrets: argon2id password hashes, random tokens, SHA-256 of
 * session ids, constant-time comparison (libsodium). It knows nothing of
 * HTTP, sessions or roles (those are session.c's and router.c's).
 */
#include <sodium.h>
#include <string.h>

#include "fairmatch/auth.h"

fm_rc fm_auth_init(fm_err *err)
{
    if (sodium_init() < 0)
        return fm_err_set(err, FM_EIO, "libsodium could not be initialised");
    return FM_OK;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

fm_rc fm_auth_hash_password(const char *password, char out[FM_AUTH_HASH_MAX], fm_err *err)
{
    size_t len = strlen(password);

    if (utf8_chars(password) < FM_AUTH_MIN_PASSWORD)
        return fm_err_set(err, FM_EINVAL, "password: must be at least %d characters",
                          FM_AUTH_MIN_PASSWORD);
    if (len > FM_AUTH_MAX_PASSWORD)
        return fm_err_set(err, FM_EINVAL, "password: longer than %d bytes", FM_AUTH_MAX_PASSWORD);
    if (crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fm_err_set(err, FM_ENOMEM, "password hashing ran out of memory");
    return FM_OK;
}

bool fm_auth_verify_password(const char *hash, const char *password)
{
    size_t len = strlen(password);
    if (len > FM_AUTH_MAX_PASSWORD)
        return false;
    return crypto_pwhash_str_verify(hash, password, len) == 0;
}

void fm_auth_random_token(char out[FM_AUTH_TOKEN_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, FM_AUTH_TOKEN_HEX, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void fm_auth_sha256_hex(const char *s, char out[FM_AUTH_TOKEN_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, FM_AUTH_TOKEN_HEX, h, sizeof h);
}

bool fm_auth_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}
