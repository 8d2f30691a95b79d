/*
 * field_hash.c
 *		SHA-256 over named fields, framed so that no two sequences of fields
 *		give the same input: what seals each history row and the documents it
 *		relied on (history.c).
 *
 * lgit.verify() hashes two inputs per history row, millions in a run, each of
 * a few dozen short fields.  For inputs that small, what surrounds the hashing
 * costs more than the hashing: a context made and freed per input, an update
 * call per field header and per value, and - OpenSSL 3 behind PostgreSQL's
 * cryptohash API - the digest looked up again, under a lock, each time a
 * context starts.  None of that changes a digest.  So each input's fields are
 * gathered in a buffer handed over in large pieces, and when the server is
 * built with OpenSSL its EVP interface is used directly: the digest fetched
 * once and one context kept for the backend (verify() at 100,000 projects:
 * 5.3 s before, 4.2 s after; doc/performance.md, "Performance of the
 * compliance reads").
 * Without OpenSSL, PostgreSQL's own implementation serves through its API.
 *
 * Inputs are hashed one at a time: lgit_field_hash_begin() starts one over,
 * whatever an error left half done.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "lgit.h"

#ifdef USE_OPENSSL
#include <openssl/err.h>
#include <openssl/evp.h>

static EVP_MD_CTX *backend_ctx = NULL;
static const EVP_MD *sha256 = NULL;

static void
openssl_failed(const char *what)
{
	unsigned long code = ERR_get_error();
	const char *reason = code != 0 ? ERR_reason_error_string(code) : NULL;

	ERR_clear_error();
	elog(ERROR, "lgit: could not %s SHA-256: %s", what, reason ? reason : "no reason given");
}

static void
digest_begin(LgitFieldHash *hash)
{
	if (backend_ctx == NULL)
	{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		/* fetched once: EVP_sha256() would be fetched again by every EVP_DigestInit_ex() */
		if (sha256 == NULL && (sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL)
			openssl_failed("find");
#else
		sha256 = EVP_sha256();
#endif
		if ((backend_ctx = EVP_MD_CTX_new()) == NULL)
			openssl_failed("allocate");
	}
	if (EVP_DigestInit_ex(backend_ctx, sha256, NULL) != 1)
		openssl_failed("start");
}

static void
digest_update(LgitFieldHash *hash, const void *data, size_t len)
{
	if (EVP_DigestUpdate(backend_ctx, data, len) != 1)
		openssl_failed("compute");
}

static void
digest_end(LgitFieldHash *hash, uint8 *digest)
{
	if (EVP_DigestFinal_ex(backend_ctx, digest, NULL) != 1)
		openssl_failed("finish");
}

#else							/* !USE_OPENSSL */

static void
digest_begin(LgitFieldHash *hash)
{
	hash->ctx = pg_cryptohash_create(PG_SHA256);
	if (hash->ctx == NULL || pg_cryptohash_init(hash->ctx) < 0)
		elog(ERROR, "lgit: could not start SHA-256");
}

static void
digest_update(LgitFieldHash *hash, const void *data, size_t len)
{
	if (pg_cryptohash_update(hash->ctx, data, len) < 0)
		elog(ERROR, "lgit: could not compute SHA-256: %s", pg_cryptohash_error(hash->ctx));
}

static void
digest_end(LgitFieldHash *hash, uint8 *digest)
{
	if (pg_cryptohash_final(hash->ctx, digest, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "lgit: could not finish SHA-256: %s", pg_cryptohash_error(hash->ctx));
	pg_cryptohash_free(hash->ctx);
}
#endif							/* USE_OPENSSL */

static void
flush(LgitFieldHash *hash)
{
	if (hash->len > 0)
		digest_update(hash, hash->buf, hash->len);
	hash->len = 0;
}

static void
append(LgitFieldHash *hash, const void *data, size_t len)
{
	if (len > sizeof(hash->buf) - hash->len)
	{
		flush(hash);
		/* a value larger than the buffer (a long judged text) is handed over whole */
		if (len > sizeof(hash->buf))
		{
			digest_update(hash, data, len);
			return;
		}
	}
	memcpy(hash->buf + hash->len, data, len);
	hash->len += len;
}

void
lgit_field_hash_begin(LgitFieldHash *hash)
{
	hash->len = 0;
	digest_begin(hash);
}

/* name:length:value; length -1 and no value for NULL ("ab"+"c" and "a"+"bc" stay apart) */
void
lgit_field_hash_field(LgitFieldHash *hash, const char *name, const void *value, size_t len)
{
	char		header[64];
	size_t		header_len = strlen(name);

	Assert(header_len + MAXINT8LEN + 2 < sizeof(header));
	memcpy(header, name, header_len);
	header[header_len++] = ':';
	if (value == NULL)
	{
		memcpy(header + header_len, "-1", 2);
		header_len += 2;
	}
	else
		header_len += pg_ulltoa_n(len, header + header_len);
	header[header_len++] = ':';
	append(hash, header, header_len);
	if (value != NULL)
		append(hash, value, len);
}

void
lgit_field_hash_text(LgitFieldHash *hash, const char *name, const char *value)
{
	lgit_field_hash_field(hash, name, value, value ? strlen(value) : 0);
}

void
lgit_field_hash_int(LgitFieldHash *hash, const char *name, int64 value)
{
	char		buf[MAXINT8LEN + 1];

	lgit_field_hash_field(hash, name, buf, pg_lltoa(value, buf));
}

void
lgit_field_hash_end(LgitFieldHash *hash, uint8 *digest)
{
	flush(hash);
	digest_end(hash, digest);
}
