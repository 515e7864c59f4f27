/*
 * test_auth.c - the secrets (src/http/auth.c): password length rules counted
 * in characters and bytes, argon2id round trips, SHA-256 against the FIPS
 * 180-2 vectors, token shape, and the equality used for CSRF tokens.
 * Hashing is slow on purpose (argon2id), so only one test hashes.
 */
#include <criterion/criterion.h>
#include <sodium.h>
#include <string.h>

#include "fairmatch/auth.h"

static void init(void)
{
    fm_err err = {0};
    cr_assert_eq(fm_auth_init(&err), FM_OK, "%s", err.msg);
}

TestSuite(auth, .init = init);

Test(auth, init_may_be_called_twice)
{
    cr_assert_eq(fm_auth_init(NULL), FM_OK);
}

Test(auth, a_hashed_password_verifies_and_another_does_not)
{
    /* Twelve characters in 24 bytes: the minimum counts characters, not bytes. */
    const char *pw = "åäöåäöåäöåäö";
    char hash[FM_AUTH_HASH_MAX];
    fm_err err = {0};
    cr_assert_eq(fm_auth_hash_password(pw, hash, &err), FM_OK, "%s", err.msg);
    cr_assert(strncmp(hash, "$argon2id$", 10) == 0, "%s", hash);
    cr_assert(fm_auth_verify_password(hash, pw));
    cr_assert_not(fm_auth_verify_password(hash, "åäöåäöåäöåäÖ"));
    cr_assert_not(fm_auth_verify_password(hash, ""));
}

Test(auth, refuses_a_password_under_twelve_characters_even_when_it_has_twelve_bytes)
{
    char hash[FM_AUTH_HASH_MAX];
    fm_err err = {0};
    cr_assert_eq(fm_auth_hash_password("elevenchars", hash, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "password: must be at least 12 characters");
    /* six two-byte characters: 12 bytes, 6 characters */
    cr_assert_eq(fm_auth_hash_password("åäöåäö", hash, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "password: must be at least 12 characters");
}

Test(auth, refuses_a_password_over_1024_bytes_and_never_verifies_one)
{
    char hash[FM_AUTH_HASH_MAX], pw[1026];
    fm_err err = {0};
    memset(pw, 'x', 1025);
    pw[1025] = '\0';
    cr_assert_eq(fm_auth_hash_password(pw, hash, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "password: longer than 1024 bytes");
    /* A hash of that very password, made with libsodium's cheapest limits: it
       would verify, so only the length cap can refuse it. */
    cr_assert_eq(
        crypto_pwhash_str(hash, pw, 1025, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
        0);
    cr_assert_eq(crypto_pwhash_str_verify(hash, pw, 1025), 0);
    cr_assert_not(fm_auth_verify_password(hash, pw));
    pw[1024] = '\0';
    cr_assert_eq(
        crypto_pwhash_str(hash, pw, 1024, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
        0);
    cr_assert(fm_auth_verify_password(hash, pw), "1024 bytes is still allowed");
}

Test(auth, a_malformed_hash_verifies_nothing)
{
    cr_assert_not(fm_auth_verify_password("", "any password at all"));
    cr_assert_not(fm_auth_verify_password("not a hash", "any password at all"));
}

Test(auth, sha256_matches_the_standard_vectors)
{
    char out[FM_AUTH_TOKEN_HEX];
    fm_auth_sha256_hex("abc", out);
    cr_assert_str_eq(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fm_auth_sha256_hex("", out);
    cr_assert_str_eq(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(auth, tokens_are_64_lowercase_hex_and_differ)
{
    char a[FM_AUTH_TOKEN_HEX], b[FM_AUTH_TOKEN_HEX];
    fm_auth_random_token(a);
    fm_auth_random_token(b);
    cr_assert_eq(strlen(a), 64);
    cr_assert_eq(strspn(a, "0123456789abcdef"), 64);
    cr_assert_str_neq(a, b);
}

Test(auth, equal_compares_whole_strings_of_any_length)
{
    cr_assert(fm_auth_equal("", ""));
    cr_assert(fm_auth_equal("token", "token"));
    cr_assert_not(fm_auth_equal("token", "toke"));
    cr_assert_not(fm_auth_equal("toke", "token"));
    cr_assert_not(fm_auth_equal("token", "tokeN"));
}
