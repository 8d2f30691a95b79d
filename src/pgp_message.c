/*
 * pgp_message.c
 *		Art 29: telling a password encrypted with pgcrypto from one typed in
 *		plain (lgit.is_pgp_symmetric_message()).
 *
 * What pgp_sym_encrypt() writes is an OpenPGP message (RFC 4880) of two
 * packets: a Symmetric-Key Encrypted Session Key packet (tag 3, version 4)
 * and the encrypted data (tag 18 with integrity protection, or tag 9), whose
 * length, possibly given in partial-length chunks, runs exactly to the end.
 * lgit checks that framing itself and then asks pgcrypto's own parser
 * (pgp_key_id(), 'SYMKEY' for a passphrase message): a few bytes that only
 * look like a packet header in front of a password pass neither.  Nothing is
 * decrypted.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "lgit.h"

#define PGP_TAG_SYMKEY_SESSION_KEY	3
#define PGP_TAG_SYMENCRYPTED_DATA	9
#define PGP_TAG_SYMENCRYPTED_MDC	18

/*
 * Reads one packet header at *pos: its tag and the length of its body, and
 * for a body given in partial lengths (new format only) walks the chunks.
 * Sets *pos past the packet; false when the bytes are not a packet that
 * ends within len.
 */
static bool
read_packet(const uint8 *p, int len, int *pos, int *tag)
{
	int			at = *pos;
	int64		body;

	if (at >= len || !(p[at] & 0x80))
		return false;
	if (p[at] & 0x40)
	{
		/* new format: the tag in six bits, then a length, possibly partial */
		*tag = p[at++] & 0x3F;
		for (;;)
		{
			uint8		o;

			if (at >= len)
				return false;
			o = p[at++];
			if (o < 192)
				body = o;
			else if (o < 224)
			{
				if (at >= len)
					return false;
				body = ((int64) (o - 192) << 8) + p[at++] + 192;
			}
			else if (o == 255)
			{
				if (at + 4 > len)
					return false;
				body = ((int64) p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3];
				at += 4;
			}
			else
			{
				/* a partial chunk of 2^n octets; another length follows it */
				at += 1 << (o & 0x1F);
				if (at > len)
					return false;
				continue;
			}
			break;
		}
	}
	else
	{
		/* old format: the tag in four bits, a length of 1, 2 or 4 octets */
		int			octets[3] = {1, 2, 4};
		int			type = p[at] & 0x03;
		int			i;

		*tag = (p[at++] >> 2) & 0x0F;
		if (type == 3 || at + octets[type] > len)
			return false;
		body = 0;
		for (i = 0; i < octets[type]; i++)
			body = (body << 8) | p[at++];
	}
	if (body > len - at)
		return false;
	*pos = at + (int) body;
	return true;
}

/* pgcrypto's pgp_key_id(bytea), found once among pgcrypto's members. */
static FmgrInfo *
pgp_key_id_function(void)
{
	static FmgrInfo *flinfo = NULL;
	static SPIPlanPtr plan = NULL;

	if (flinfo == NULL)
	{
		FmgrInfo   *info;
		Oid			fn = InvalidOid;
		bool		isnull;

		lgit_spi_connect();
		lgit_plan(&plan,
				  "SELECT p.oid FROM pg_catalog.pg_proc p "
				  "JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass "
				  "  AND d.objid = p.oid AND d.deptype = 'e' "
				  "JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'pgcrypto' "
				  "WHERE p.proname = 'pgp_key_id' AND p.proargtypes = '17'",
				  0, NULL);
		lgit_execute(plan, NULL, NULL, true, 1);
		if (SPI_processed == 1)
			fn = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		lgit_spi_finish();
		if (!OidIsValid(fn))
			elog(ERROR, "lgit: pgcrypto's pgp_key_id(bytea) is missing");
		info = MemoryContextAlloc(TopMemoryContext, sizeof(FmgrInfo));
		fmgr_info_cxt(fn, info, TopMemoryContext);
		flinfo = info;
	}
	return flinfo;
}

PG_FUNCTION_INFO_V1(lgit_is_pgp_symmetric_message);
Datum
lgit_is_pgp_symmetric_message(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	const uint8 *p = (const uint8 *) VARDATA_ANY(data);
	int			len = VARSIZE_ANY_EXHDR(data);
	int			pos = 0;
	int			body;
	int			tag;
	char	   *key_id;

	/* the session key packet, version 4, then the encrypted data up to the end */
	if (!read_packet(p, len, &pos, &tag) || tag != PGP_TAG_SYMKEY_SESSION_KEY)
		PG_RETURN_BOOL(false);
	body = (p[0] & 0x40) ? 2 : 2 + ((p[0] & 0x03) == 1 ? 1 : (p[0] & 0x03) == 2 ? 3 : 0);
	if (body >= pos || p[body] != 4)
		PG_RETURN_BOOL(false);
	if (!read_packet(p, len, &pos, &tag) ||
		(tag != PGP_TAG_SYMENCRYPTED_MDC && tag != PGP_TAG_SYMENCRYPTED_DATA) || pos != len)
		PG_RETURN_BOOL(false);

	key_id = TextDatumGetCString(FunctionCall1(pgp_key_id_function(), PointerGetDatum(data)));
	PG_RETURN_BOOL(strcmp(key_id, "SYMKEY") == 0);
}
