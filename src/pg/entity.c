/*
 * entity.c - the entity base type: LABEL:name, canonical, ordered, hashable
 *
 * Text form: LABEL:name, e.g. ORG:شهرداری تهران.  The label is one of the
 * labels of labels.h (any ASCII case on input, uppercase on output); the
 * name is everything after the first colon (so TIM:21:30 works),
 * canonicalized with persner_canonical: Arabic ي/ك folded to Persian ی/ک,
 * diacritics and tatweel dropped, every run of spaces and ZWNJ one space,
 * leading and trailing ones gone, digits unified.  'ORG:شهرداري  قم' and
 * 'ORG:شهرداری قم' are therefore the same value.
 *
 * Storage: a varlena holding one byte of label id (the index in
 * persner_entity_labels, append-only) and the canonical UTF-8 name, not
 * NUL-terminated.  Order (btree): label name, then name bytewise (shorter
 * prefix first); equality is byte equality of the payload, and the hash is
 * a hash of the payload, so both agree with the order.
 *
 * Binary form (send/recv): a version byte (1), then the text form in the
 * client encoding.  recv parses, validates and canonicalizes exactly like
 * input, so a hostile client cannot store a value input would refuse.
 */
#include "persner_pg.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* by entity id (labels.h): a stored id keeps its meaning */
#define ENTITY_LABEL_BY_ID(name, id) [id] = #name,
const char *const persner_entity_labels[PERSNER_ENTITY_NLABELS] = {
	PERSNER_TYPE_LIST(ENTITY_LABEL_BY_ID)
};

#define ENTITY_SEND_VERSION	1

#define ENTITY_LABEL(v)		((uint8) *VARDATA_ANY(v))
#define ENTITY_NAME(v)		(VARDATA_ANY(v) + 1)
#define ENTITY_NAME_LEN(v)	(VARSIZE_ANY_EXHDR(v) - 1)

#define PG_GETARG_ENTITY_PP(n)	PG_GETARG_VARLENA_PP(n)

int
persner_entity_label_id(const char *label, size_t len)
{
	int			i;

	for (i = 0; i < PERSNER_ENTITY_NLABELS; i++)
	{
		const char *l = persner_entity_labels[i];

		if (strlen(l) == len && pg_strncasecmp(l, label, len) == 0)
			return i;
	}
	return -1;
}

/*
 * persner_entity_make - label id + raw name -> entity value, or NULL if the
 * canonical name is empty.  ereports on invalid UTF-8 or out of memory.
 */
struct varlena *
persner_entity_make(int label_id, const char *name, size_t len)
{
	char	   *canon = NULL;
	size_t		clen = 0;
	PersnerStatus st;
	MemoryContext old;
	struct varlena *result;

	Assert(label_id >= 0 && label_id < PERSNER_ENTITY_NLABELS);
	old = persner_core_switch(CurrentMemoryContext);
	st = persner_canonical(name, len, &canon, &clen);
	persner_core_switch(old);
	if (st != PERSNER_OK)
		persner_report(st, "canonicalize an entity name");
	if (clen == 0)
	{
		if (canon != NULL)
			pfree(canon);
		return NULL;
	}
	result = (struct varlena *) palloc(VARHDRSZ + 1 + clen);
	SET_VARSIZE(result, VARHDRSZ + 1 + clen);
	*VARDATA(result) = (char) label_id;
	memcpy(VARDATA(result) + 1, canon, clen);
	pfree(canon);
	return result;
}

static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* every label, sorted and comma-separated, made once from labels.h */
const char *
persner_entity_label_list(void)
{
	static char list[PERSNER_ENTITY_NLABELS * (PERSNER_MAX_TYPE_NAME + 2) + 1];

	if (list[0] == '\0')
	{
		const char *names[PERSNER_ENTITY_NLABELS];
		size_t		n = 0;
		int			k;

		for (k = 0; k < PERSNER_ENTITY_NLABELS; k++)
			names[k] = persner_entity_labels[k];
		qsort(names, PERSNER_ENTITY_NLABELS, sizeof(names[0]), cmp_cstring);
		for (k = 0; k < PERSNER_ENTITY_NLABELS; k++)
			n += snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", names[k]);
	}
	return list;
}

/* parse_entity - the text form of s[0..len) to a value; ereports 22P02 */
static struct varlena *
parse_entity(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	int			label_id;
	struct varlena *result;

	if (colon == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%.*s\"", "entity", (int) len, s),
				 errdetail("An entity is written LABEL:name, for example \"ORG:name\"."),
				 errhint("The labels are %s.", persner_entity_label_list())));
	label_id = persner_entity_label_id(s, colon - s);
	if (label_id < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%.*s\"", "entity", (int) len, s),
				 errdetail("Unknown entity label \"%.*s\".", (int) (colon - s), s),
				 errhint("The labels are %s.", persner_entity_label_list())));
	result = persner_entity_make(label_id, colon + 1, len - (colon + 1 - s));
	if (result == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%.*s\"", "entity", (int) len, s),
				 errdetail("The entity name is empty.")));
	return result;
}

PG_FUNCTION_INFO_V1(entity_in);
Datum
entity_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);

	PG_RETURN_POINTER(parse_entity(s, strlen(s)));
}

static char *
entity_to_cstring(const struct varlena *v)
{
	int			id = ENTITY_LABEL(v);
	const char *label;
	size_t		llen,
				nlen = ENTITY_NAME_LEN(v);
	char	   *out;

	if (id >= PERSNER_ENTITY_NLABELS)
		elog(ERROR, "corrupt entity value: label id %d", id);
	label = persner_entity_labels[id];
	llen = strlen(label);
	out = palloc(llen + 1 + nlen + 1);
	memcpy(out, label, llen);
	out[llen] = ':';
	memcpy(out + llen + 1, ENTITY_NAME(v), nlen);
	out[llen + 1 + nlen] = '\0';
	return out;
}

PG_FUNCTION_INFO_V1(entity_out);
Datum
entity_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);

	PG_RETURN_CSTRING(entity_to_cstring(v));
}

PG_FUNCTION_INFO_V1(entity_send);
Datum
entity_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);
	char	   *s = entity_to_cstring(v);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, ENTITY_SEND_VERSION);
	pq_sendtext(&buf, s, strlen(s));
	pfree(s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(entity_recv);
Datum
entity_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgint(buf, 1);
	char	   *s;
	int			nbytes;

	if (version != ENTITY_SEND_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported entity binary format version %d", version)));
	s = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	PG_RETURN_POINTER(parse_entity(s, nbytes));
}

/* ---------------------------------------------------------------------
 * Order, equality, hash
 * ---------------------------------------------------------------------
 */
int
persner_entity_compare(const struct varlena *a, const struct varlena *b)
{
	int			la = ENTITY_LABEL(a),
				lb = ENTITY_LABEL(b);
	size_t		na = ENTITY_NAME_LEN(a),
				nb = ENTITY_NAME_LEN(b);
	int			c;

	if (la != lb)
	{
		if (la >= PERSNER_ENTITY_NLABELS || lb >= PERSNER_ENTITY_NLABELS)
			elog(ERROR, "corrupt entity value: label id %d", Max(la, lb));
		return strcmp(persner_entity_labels[la], persner_entity_labels[lb]) < 0 ? -1 : 1;
	}
	c = memcmp(ENTITY_NAME(a), ENTITY_NAME(b), Min(na, nb));
	if (c != 0)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : (na > nb ? 1 : 0);
}

static int
cmp_args(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_GETARG_ENTITY_PP(0);
	struct varlena *b = PG_GETARG_ENTITY_PP(1);
	int			c = persner_entity_compare(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return c;
}

PG_FUNCTION_INFO_V1(entity_cmp);
Datum
entity_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cmp_args(fcinfo));
}

PG_FUNCTION_INFO_V1(entity_eq);
Datum
entity_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(entity_ne);
Datum
entity_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(entity_lt);
Datum
entity_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(entity_le);
Datum
entity_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(entity_gt);
Datum
entity_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(entity_ge);
Datum
entity_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) >= 0);
}

/* the hash covers the whole payload (label id + name): equal values, equal bytes */
PG_FUNCTION_INFO_V1(entity_hash);
Datum
entity_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);
	Datum		h = hash_any((const unsigned char *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));

	PG_FREE_IF_COPY(v, 0);
	return h;
}

PG_FUNCTION_INFO_V1(entity_hash_extended);
Datum
entity_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);
	Datum		h = hash_any_extended((const unsigned char *) VARDATA_ANY(v),
									  VARSIZE_ANY_EXHDR(v), PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(v, 0);
	return h;
}

/* ---------------------------------------------------------------------
 * Accessors and constructor
 * ---------------------------------------------------------------------
 */
PG_FUNCTION_INFO_V1(entity_label);
Datum
entity_label(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);
	int			id = ENTITY_LABEL(v);

	if (id >= PERSNER_ENTITY_NLABELS)
		elog(ERROR, "corrupt entity value: label id %d", id);
	PG_RETURN_TEXT_P(cstring_to_text(persner_entity_labels[id]));
}

PG_FUNCTION_INFO_V1(entity_name);
Datum
entity_name(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_ENTITY_PP(0);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(ENTITY_NAME(v), ENTITY_NAME_LEN(v)));
}

/* entity(label text, name text): like 'LABEL:name'::entity, colons in name allowed */
PG_FUNCTION_INFO_V1(entity);
Datum
entity(PG_FUNCTION_ARGS)
{
	text	   *label = PG_GETARG_TEXT_PP(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	int			id = persner_entity_label_id(VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
	struct varlena *result;

	if (id < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid entity label \"%s\"", text_to_cstring(label)),
				 errhint("The labels are %s.", persner_entity_label_list())));
	result = persner_entity_make(id, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	if (result == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid entity name \"%s\"", text_to_cstring(name)),
				 errdetail("The entity name is empty.")));
	PG_RETURN_POINTER(result);
}
