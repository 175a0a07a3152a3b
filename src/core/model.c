/*
 * model.c - the binary model format: write, open over bytes, validate
 *
 * A model's bytes are used in place: the PostgreSQL glue maps a verified
 * snapshot of the file read-only (src/pg/model_store.c) and every backend
 * shares the same pages, so opening must cost no parsing and the reader must
 * trust nothing.  The layout:
 *
 *   offset  size
 *   0       8     magic "PERSNERM"
 *   8       4     format version (PERSNER_FORMAT_VERSION)
 *   12      4     byte-order mark 0x01020304, written in the writer's order
 *   16      8     file size
 *   24      8     checksum (persner_checksum) of bytes [32, file size)
 *   32      4     number of sections S
 *   36      4     reserved (0)
 *   40      24*S  section table: id u32, reserved u32, offset u64, size u64
 *   ...           sections, each at an 8-byte aligned offset
 *
 * Sections: META (key\0value\0...), TYPES (K names of 16 bytes), PARAMS
 * (u32 counts: L, feature flags, F, entries, and each table's capacity and
 * longest probe), TRANS (floats: trans [L][L], start [L], end [L]), the
 * feature table (16-byte slots: key u64, first weight u32, count u32; one
 * probe finds both the key and its weights), the weights ((f32, u32 label)
 * pairs, an attribute's side by side), the gazetteer table and the
 * word-cluster table.  A model with a user dictionary (persner dict,
 * format version 2) has three more: DICT_PARAMS (u32: capacity, longest
 * probe, names tagged, names never tagged), and the dictionary's phrase
 * table (keys, values: model.h, PERSNER_DICT_*); its META names the base
 * model and the base's checksum (base_model, base_checksum).
 *
 * persner_model_open checks magic, version, byte order, size, checksum,
 * then every section's alignment, bounds and size against the counts in
 * PARAMS.  What it cannot check cheaply at open (a weight range or a label
 * index inside a section) is checked where it is used (persner_model_weights,
 * the tagger), so a hostile file can give wrong answers but never an
 * out-of-bounds read.
 */
#include "labels.h"
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAGIC			"PERSNERM"
#define BYTE_ORDER_MARK	UINT32_C(0x01020304)
#define HEADER_SIZE		40
#define SECTION_SIZE	24
#define MAX_SECTIONS	32
#define TYPE_SLOT		16

enum
{
	S_META = 1,
	S_TYPES,
	S_PARAMS,
	S_TRANS,
	S_FEAT_SLOTS,
	S_WEIGHTS,
	S_GAZ_KEYS,
	S_GAZ_VALS,
	S_CLUS_KEYS,
	S_CLUS_VALS,
	S_DICT_PARAMS,				/* format version 2 only, from here */
	S_DICT_KEYS,
	S_DICT_VALS,
	S_COUNT						/* one past the last id */
};

#define S_LAST_BASE		S_CLUS_VALS	/* sections every model has */

/* DICT_PARAMS: u32 words in this order */
enum
{
	D_CAP, D_PROBE, D_ENTRIES, D_NEVER,
	D_COUNT
};

/* PARAMS: u32 words in this order */
enum
{
	P_L, P_FLAGS, P_F, P_NENT,
	P_FEAT_CAP, P_FEAT_PROBE, P_GAZ_CAP, P_GAZ_PROBE, P_CLUS_CAP, P_CLUS_PROBE,
	P_COUNT
};

static uint32_t
rd32(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t
rd64(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, 8);
	return v;
}

/* ---------------------------------------------------------------------
 * Writing
 * ---------------------------------------------------------------------
 */

/* An open-addressing table under construction. */
typedef struct TableBuild
{
	uint64_t   *keys;
	uint32_t   *vals;
	uint32_t	cap;
	uint32_t	max_probe;
} TableBuild;

static void
table_build_free(TableBuild *tb)
{
	persner_free(tb->keys);
	persner_free(tb->vals);
	memset(tb, 0, sizeof(*tb));
}

/* Capacity: a power of two at least twice n (load <= 1/2), at least 2. */
static PersnerStatus
table_build(TableBuild *tb, const uint64_t *keys, const uint32_t *vals, uint32_t n)
{
	uint32_t	cap = 2;
	uint32_t	i;

	while (cap < 2 * (uint64_t) n)
	{
		if (cap >= (UINT32_C(1) << 30))
			return PERSNER_ELIMIT;
		cap <<= 1;
	}
	tb->cap = cap;
	tb->max_probe = 1;
	tb->keys = persner_calloc(cap, sizeof(uint64_t));
	tb->vals = persner_calloc(cap, sizeof(uint32_t));
	if (!tb->keys || !tb->vals)
	{
		table_build_free(tb);
		return PERSNER_ENOMEM;
	}
	for (i = 0; i < n; i++)
	{
		uint64_t	k = keys[i] ? keys[i] : 1;
		uint32_t	pos = (uint32_t) k & (cap - 1);
		uint32_t	probe = 1;

		while (tb->keys[pos] != 0 && tb->keys[pos] != k)
		{
			pos = (pos + 1) & (cap - 1);
			probe++;
		}
		tb->keys[pos] = k;		/* a repeated key keeps the last value */
		tb->vals[pos] = vals ? vals[i] : i;
		if (probe > tb->max_probe)
			tb->max_probe = probe;
	}
	return PERSNER_OK;
}

typedef struct Section
{
	uint32_t	id;
	const void *data;
	size_t		size;
	uint32_t	phase;			/* 0: the next 8-byte boundary; else 1 + the
								 * wanted offset modulo CACHE_LINE */
} Section;

#define CACHE_LINE		64

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t) 7;
}

/*
 * meta_build - the META section: the pairs keys[i], vals[i] (n of them),
 * then the pairs of the section base[0..base_len) whose key is not among
 * keys and is not "dev_f1" (NULL: none).  *meta is persner_alloc'd, *len
 * counts its final NUL.
 */
static PersnerStatus
meta_build(const char *const *keys, const char *const *vals, int n,
		   const char *base, size_t base_len, char **meta, size_t *len)
{
	size_t		total = 1,
				off = 0,
				b;
	int			pass,
				i;

	*meta = NULL;
	for (pass = 0; pass < 2; pass++)
	{
		for (i = 0; i < n; i++)
		{
			size_t		a = strlen(keys[i]) + 1,
						v = strlen(vals[i]) + 1;

			if (pass == 1)
			{
				memcpy(*meta + off, keys[i], a);
				memcpy(*meta + off + a, vals[i], v);
			}
			off += a + v;
		}
		/* base pairs: the section ends with a NUL (checked at open) */
		for (b = 0; base != NULL && b < base_len;)
		{
			const char *k = base + b;
			size_t		kl = strlen(k);
			const char *v;
			size_t		vl;
			int			keep = strcmp(k, "dev_f1") != 0;

			if (b + kl + 1 >= base_len)
				break;
			v = k + kl + 1;
			vl = strlen(v);
			for (i = 0; i < n && keep; i++)
				keep = strcmp(k, keys[i]) != 0;
			if (keep)
			{
				if (pass == 1)
					memcpy(*meta + off, k, kl + vl + 2);
				off += kl + vl + 2;
			}
			b += kl + vl + 2;
		}
		if (pass == 0)
		{
			total = off + 1;
			*meta = persner_calloc(total, 1);
			if (*meta == NULL)
				return PERSNER_ENOMEM;
			off = 0;
		}
	}
	*len = total;
	return PERSNER_OK;
}

/* section_offset - where a section goes at or after off */
static size_t
section_offset(size_t off, const Section *sec)
{
	off = align8(off);
	if (sec->phase != 0)
		off += (sec->phase - 1 + CACHE_LINE - off % CACHE_LINE) % CACHE_LINE;
	return off;
}

/*
 * assemble - a model image from nsec sections: header, section table,
 * sections at 8-byte aligned offsets (or at the offset modulo a cache line
 * that Section.phase asks for), checksum.  *out is persner_alloc'd.
 */
static PersnerStatus
assemble(const Section *sec, int nsec, uint32_t version, uint8_t **out, size_t *outlen)
{
	uint8_t    *buf;
	size_t		total,
				off;
	uint32_t	v32;
	uint64_t	v64;
	int			i;

	total = align8(HEADER_SIZE + (size_t) SECTION_SIZE * nsec);
	for (i = 0; i < nsec; i++)
		total = section_offset(total, &sec[i]) + align8(sec[i].size);

	buf = persner_calloc(total, 1);
	if (buf == NULL)
		return PERSNER_ENOMEM;
	memcpy(buf, MAGIC, 8);
	memcpy(buf + 8, &version, 4);
	v32 = BYTE_ORDER_MARK;
	memcpy(buf + 12, &v32, 4);
	v64 = total;
	memcpy(buf + 16, &v64, 8);
	v32 = (uint32_t) nsec;
	memcpy(buf + 32, &v32, 4);
	off = align8(HEADER_SIZE + (size_t) SECTION_SIZE * nsec);
	for (i = 0; i < nsec; i++)
	{
		uint8_t    *e = buf + HEADER_SIZE + (size_t) SECTION_SIZE * i;

		off = section_offset(off, &sec[i]);
		memcpy(e, &sec[i].id, 4);
		v64 = off;
		memcpy(e + 8, &v64, 8);
		v64 = sec[i].size;
		memcpy(e + 16, &v64, 8);
		if (sec[i].size > 0)
			memcpy(buf + off, sec[i].data, sec[i].size);
		off += align8(sec[i].size);
	}
	v64 = persner_checksum(buf + 32, total - 32);
	memcpy(buf + 24, &v64, 8);
	*out = buf;
	*outlen = total;
	return PERSNER_OK;
}

PersnerStatus
persner_model_write(const PersnerModelSpec *s, uint8_t **out, size_t *outlen)
{
	TableBuild	feat = {0},
				gaz = {0},
				clus = {0};
	Section		sec[S_COUNT];
	int			nsec = 0;
	uint32_t	params[P_COUNT];
	char	   *types = NULL;
	char	   *meta = NULL;
	size_t		meta_len = 0;
	float	   *trans = NULL;
	PersnerFeatSlot *slots = NULL;
	PersnerWeight *weights = NULL;
	uint32_t	nent = s->row_off[s->F];
	int			L,
				i;
	PersnerStatus st;

	*out = NULL;
	*outlen = 0;
	if (s->K < 1 || s->K > PERSNER_MAX_TYPES ||
		(s->scheme != 0 && s->scheme != PERSNER_BIO && s->scheme != PERSNER_BIOES))
		return PERSNER_EINVAL;
	L = PERSNER_L_OF(PERSNER_SCHEME(s->scheme), s->K);

	if ((st = table_build(&feat, s->feat_keys, NULL, s->F)) != PERSNER_OK ||
		(st = table_build(&gaz, s->gaz_keys, s->gaz_vals, s->ngaz)) != PERSNER_OK ||
		(st = table_build(&clus, s->clus_keys, s->clus_vals, s->nclus)) != PERSNER_OK)
		goto done;

	st = PERSNER_ENOMEM;
	slots = persner_calloc(feat.cap, sizeof(PersnerFeatSlot));
	weights = persner_calloc(nent ? nent : 1, sizeof(PersnerWeight));
	if (slots == NULL || weights == NULL)
		goto done;
	for (i = 0; i < (int) feat.cap; i++)
	{
		uint32_t	f = feat.vals[i];

		if (feat.keys[i] == 0)
			continue;
		slots[i].key = feat.keys[i];
		slots[i].off = s->row_off[f];
		slots[i].n = s->row_off[f + 1] - s->row_off[f];
	}
	for (i = 0; i < (int) nent; i++)
	{
		weights[i].w = s->ent_w[i];
		weights[i].label = s->ent_label[i];
	}
	types = persner_calloc((size_t) s->K, TYPE_SLOT);
	if (types == NULL)
		goto done;
	for (i = 0; i < s->K; i++)
	{
		size_t		n = strlen(s->types[i]);

		if (n == 0 || n > PERSNER_MAX_TYPE_NAME)
		{
			st = PERSNER_EINVAL;
			goto done;
		}
		memcpy(types + (size_t) i * TYPE_SLOT, s->types[i], n);
	}

	if ((st = meta_build(s->meta_keys, s->meta_vals, s->nmeta, NULL, 0, &meta, &meta_len)) != PERSNER_OK)
		goto done;
	st = PERSNER_ENOMEM;

	trans = persner_calloc((size_t) L * L + 2 * (size_t) L, sizeof(float));
	if (trans == NULL)
		goto done;
	memcpy(trans, s->trans, sizeof(float) * L * L);
	memcpy(trans + L * L, s->start, sizeof(float) * L);
	memcpy(trans + L * L + L, s->end, sizeof(float) * L);

	params[P_L] = (uint32_t) L;
	params[P_FLAGS] = s->feat_flags;
	params[P_F] = s->F;
	params[P_NENT] = nent;
	params[P_FEAT_CAP] = feat.cap;
	params[P_FEAT_PROBE] = feat.max_probe;
	params[P_GAZ_CAP] = gaz.cap;
	params[P_GAZ_PROBE] = gaz.max_probe;
	params[P_CLUS_CAP] = clus.cap;
	params[P_CLUS_PROBE] = clus.max_probe;

	sec[nsec++] = (Section) {S_META, meta, meta_len, 0};
	sec[nsec++] = (Section) {S_TYPES, types, (size_t) s->K * TYPE_SLOT, 0};
	sec[nsec++] = (Section) {S_PARAMS, params, sizeof(params), 0};
	sec[nsec++] = (Section) {S_TRANS, trans, sizeof(float) * ((size_t) L * L + 2 * (size_t) L), 0};
	sec[nsec++] = (Section) {S_FEAT_SLOTS, slots, sizeof(PersnerFeatSlot) * feat.cap, 0};
	sec[nsec++] = (Section) {S_WEIGHTS, weights, sizeof(PersnerWeight) * (size_t) nent, 0};
	sec[nsec++] = (Section) {S_GAZ_KEYS, gaz.keys, sizeof(uint64_t) * gaz.cap, 0};
	sec[nsec++] = (Section) {S_GAZ_VALS, gaz.vals, sizeof(uint32_t) * gaz.cap, 0};
	sec[nsec++] = (Section) {S_CLUS_KEYS, clus.keys, sizeof(uint64_t) * clus.cap, 0};
	sec[nsec++] = (Section) {S_CLUS_VALS, clus.vals, sizeof(uint32_t) * clus.cap, 0};

	st = assemble(sec, nsec, PERSNER_FORMAT_VERSION, out, outlen);

done:
	table_build_free(&feat);
	table_build_free(&gaz);
	table_build_free(&clus);
	persner_free(types);
	persner_free(meta);
	persner_free(trans);
	persner_free(slots);
	persner_free(weights);
	return st;
}

PersnerStatus
persner_model_write_dict(const PersnerModel *base, const PersnerDictSpec *spec,
						 uint8_t **out, size_t *outlen)
{
	TableBuild	dict = {0};
	Section		sec[S_COUNT];
	int			nsec = 0;
	uint32_t	dparams[D_COUNT],
				nbase,
				i;
	char	   *meta = NULL;
	size_t		meta_len = 0;
	PersnerStatus st;

	*out = NULL;
	*outlen = 0;
	if (base->version != PERSNER_FORMAT_VERSION || spec->nkeys == 0 ||
		spec->entries + (uint64_t) spec->never == 0)
		return PERSNER_EINVAL;
	if ((st = table_build(&dict, spec->keys, spec->vals, spec->nkeys)) != PERSNER_OK)
		return st;
	if ((st = meta_build(spec->meta_keys, spec->meta_vals, spec->nmeta,
						 base->meta, base->meta_len, &meta, &meta_len)) != PERSNER_OK)
		goto done;

	/* the base's sections as they are (its table was validated at open) */
	nbase = rd32(base->data + 32);
	for (i = 0; i < nbase && nsec < S_LAST_BASE; i++)
	{
		const uint8_t *e = base->data + HEADER_SIZE + (size_t) SECTION_SIZE * i;
		uint32_t	id = rd32(e);

		uint64_t	off = rd64(e + 8);

		/*
		 * Each section where it lay in the base modulo a cache line, so
		 * that the feature table's 16-byte slots straddle no more lines
		 * than they did (the metadata grows, which would shift the rest).
		 */
		if (id == S_META)
			sec[nsec++] = (Section) {S_META, meta, meta_len, 0};
		else if (id >= 1 && id <= S_LAST_BASE)
			sec[nsec++] = (Section) {id, base->data + off, (size_t) rd64(e + 16),
				1 + (uint32_t) (off % CACHE_LINE)};
	}
	dparams[D_CAP] = dict.cap;
	dparams[D_PROBE] = dict.max_probe;
	dparams[D_ENTRIES] = spec->entries;
	dparams[D_NEVER] = spec->never;
	sec[nsec++] = (Section) {S_DICT_PARAMS, dparams, sizeof(dparams), 0};
	sec[nsec++] = (Section) {S_DICT_KEYS, dict.keys, sizeof(uint64_t) * dict.cap, 1};
	sec[nsec++] = (Section) {S_DICT_VALS, dict.vals, sizeof(uint32_t) * dict.cap, 1};
	st = assemble(sec, nsec, PERSNER_FORMAT_VERSION_DICT, out, outlen);

done:
	table_build_free(&dict);
	persner_free(meta);
	return st;
}

/* ---------------------------------------------------------------------
 * Opening
 * ---------------------------------------------------------------------
 */

typedef struct SecView
{
	const uint8_t *p;
	uint64_t	size;
} SecView;

#define FAIL(status, why) do { *detail = (why); return (status); } while (0)

static int
is_pow2(uint32_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

static PersnerStatus
open_table(PersnerTable *t, SecView keys, SecView vals, uint32_t cap,
		   uint32_t probe, const char **detail)
{
	if (!is_pow2(cap) || cap > (UINT32_C(1) << 30))
		FAIL(PERSNER_EFORMAT, "A hash table's capacity is not a power of two.");
	if (keys.size != (uint64_t) cap * 8 || vals.size != (uint64_t) cap * 4)
		FAIL(PERSNER_EFORMAT, "A hash table's size does not match its capacity.");
	if (probe == 0 || probe > cap)
		FAIL(PERSNER_EFORMAT, "A hash table's probe length is out of range.");
	t->keys = (const uint64_t *) keys.p;
	t->vals = (const uint32_t *) vals.p;
	t->mask = cap - 1;
	t->max_probe = probe;
	return PERSNER_OK;
}

static int
is_hex16(const char *s)
{
	int			i;

	for (i = 0; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[16] == '\0';
}

/*
 * dict_parse - the dictionary sections of a version 2 model (META already
 * open): the counts against the table, the base named in META.  The values
 * are checked where the tagger reads them.
 */
static PersnerStatus
dict_parse(PersnerModel *m, SecView par, SecView keys, SecView vals, const char **detail)
{
	uint32_t	dp[D_COUNT];
	const char *base,
			   *ck;
	PersnerStatus st;

	if (par.size != sizeof(dp))
		FAIL(PERSNER_EFORMAT, "The dictionary parameter section has the wrong size.");
	memcpy(dp, par.p, sizeof(dp));
	if ((st = open_table(&m->dict, keys, vals, dp[D_CAP], dp[D_PROBE], detail)) != PERSNER_OK)
		return st;
	if ((uint64_t) dp[D_ENTRIES] + dp[D_NEVER] == 0 ||
		(uint64_t) dp[D_ENTRIES] + dp[D_NEVER] > dp[D_CAP] / 2)
		FAIL(PERSNER_EFORMAT, "The dictionary's name count does not fit its table.");
	m->dict_entries = dp[D_ENTRIES];
	m->dict_never = dp[D_NEVER];
	base = persner_model_meta(m, "base_model");
	ck = persner_model_meta(m, "base_checksum");
	if (base == NULL || base[0] == '\0' || ck == NULL || strnlen(ck, 17) != 16 || !is_hex16(ck))
		FAIL(PERSNER_EFORMAT, "The dictionary model does not name its base model and checksum.");
	return PERSNER_OK;
}

static PersnerStatus
model_parse(const uint8_t *d, size_t size, int verify, PersnerModel *m, const char **detail)
{
	SecView		sv[S_COUNT];
	uint32_t	nsec,
				params[P_COUNT],
				i;
	uint64_t	fsize;
	PersnerStatus st;

	memset(sv, 0, sizeof(sv));
	if (size < HEADER_SIZE)
		FAIL(PERSNER_EFORMAT, "The file is too short to be a persner model.");
	if (memcmp(d, MAGIC, 8) != 0)
		FAIL(PERSNER_EFORMAT, "The file does not start with the persner model magic number.");
	if (rd32(d + 12) != BYTE_ORDER_MARK)
		FAIL(PERSNER_EFORMAT, "The file was written with another byte order.");
	m->version = rd32(d + 8);
	if (m->version < PERSNER_FORMAT_VERSION || m->version > PERSNER_FORMAT_VERSION_MAX)
		FAIL(PERSNER_EVERSION, "The file has a model format version this build does not read.");
	fsize = rd64(d + 16);
	if (fsize != size)
		FAIL(PERSNER_EFORMAT, fsize > size ? "The file is truncated." :
			 "The file is longer than its header says.");
	m->checksum = rd64(d + 24);
	if (verify && persner_checksum(d + 32, size - 32) != m->checksum)
		FAIL(PERSNER_ECHECKSUM, "The file's checksum does not match its contents.");
	nsec = rd32(d + 32);
	if (nsec == 0 || nsec > MAX_SECTIONS ||
		HEADER_SIZE + (uint64_t) SECTION_SIZE * nsec > size)
		FAIL(PERSNER_EFORMAT, "The section table is out of bounds.");
	for (i = 0; i < nsec; i++)
	{
		const uint8_t *e = d + HEADER_SIZE + (size_t) SECTION_SIZE * i;
		uint32_t	id = rd32(e);
		uint64_t	off = rd64(e + 8),
					len = rd64(e + 16);

		if (off % 8 != 0 || off > size || len > size - off)
			FAIL(PERSNER_EFORMAT, "A section lies outside the file or is misaligned.");
		if (id == 0 || id >= S_COUNT)
			continue;			/* unknown sections are skipped */
		if (sv[id].p != NULL)
			FAIL(PERSNER_EFORMAT, "A section appears twice.");
		sv[id].p = d + off;
		sv[id].size = len;
	}
	for (i = 1; i < S_COUNT; i++)
		if ((sv[i].p == NULL) != (i > S_LAST_BASE && m->version < PERSNER_FORMAT_VERSION_DICT))
			FAIL(PERSNER_EFORMAT, i <= S_LAST_BASE || m->version >= PERSNER_FORMAT_VERSION_DICT ?
				 "A required section is missing." :
				 "A model of format version 1 holds a dictionary section.");

	if (sv[S_PARAMS].size != sizeof(params))
		FAIL(PERSNER_EFORMAT, "The parameter section has the wrong size.");
	memcpy(params, sv[S_PARAMS].p, sizeof(params));

	if (sv[S_TYPES].size == 0 || sv[S_TYPES].size % TYPE_SLOT != 0 ||
		sv[S_TYPES].size / TYPE_SLOT > PERSNER_MAX_TYPES)
		FAIL(PERSNER_EFORMAT, "The entity type section is malformed.");
	m->K = (int) (sv[S_TYPES].size / TYPE_SLOT);
	/* the label count tells the tag scheme (persner.h) */
	if (params[P_L] == (uint32_t) PERSNER_L_OF(PERSNER_BIO, m->K))
		m->W = PERSNER_BIO;
	else if (params[P_L] == (uint32_t) PERSNER_L_OF(PERSNER_BIOES, m->K))
		m->W = PERSNER_BIOES;
	else
		FAIL(PERSNER_EFORMAT, "The label count does not match the entity types.");
	m->L = PERSNER_L_OF(m->W, m->K);
	for (i = 0; i < (uint32_t) m->K; i++)
	{
		const char *name = (const char *) sv[S_TYPES].p + (size_t) i * TYPE_SLOT;
		size_t		n = strnlen(name, TYPE_SLOT);

		if (n == 0 || n > PERSNER_MAX_TYPE_NAME)
			FAIL(PERSNER_EFORMAT, "An entity type name is empty or too long.");
		/* a type name becomes SQL text and the label of "LABEL:name" */
		if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != n)
			FAIL(PERSNER_EFORMAT, "An entity type name has a character other than A-Z, a-z, 0-9 and _.");
		memcpy(m->types[i], name, n);
		m->types[i][n] = '\0';
	}

	if (sv[S_META].size == 0 || sv[S_META].p[sv[S_META].size - 1] != '\0')
		FAIL(PERSNER_EFORMAT, "The metadata section is not terminated.");
	if (persner_utf8_validate((const char *) sv[S_META].p, sv[S_META].size) != PERSNER_OK)
		FAIL(PERSNER_EFORMAT, "The metadata section is not valid UTF-8.");
	m->meta = (const char *) sv[S_META].p;
	m->meta_len = sv[S_META].size;

	if (sv[S_TRANS].size != sizeof(float) * ((uint64_t) m->L * m->L + 2 * (uint64_t) m->L))
		FAIL(PERSNER_EFORMAT, "The transition section has the wrong size.");
	m->trans = (const float *) sv[S_TRANS].p;
	m->start = m->trans + m->L * m->L;
	m->end = m->start + m->L;

	m->feat_flags = params[P_FLAGS];
	if (m->feat_flags & ~(uint32_t) PERSNER_FEAT_KNOWN)
		FAIL(PERSNER_EFORMAT, "The model uses features this version does not know.");
	m->F = params[P_F];
	m->nent = params[P_NENT];
	if (sv[S_WEIGHTS].size != sizeof(PersnerWeight) * (uint64_t) m->nent)
		FAIL(PERSNER_EFORMAT, "The weight section does not match its count.");
	m->weights = (const PersnerWeight *) sv[S_WEIGHTS].p;
	if (!is_pow2(params[P_FEAT_CAP]) || params[P_FEAT_CAP] > (UINT32_C(1) << 30) ||
		sv[S_FEAT_SLOTS].size != sizeof(PersnerFeatSlot) * (uint64_t) params[P_FEAT_CAP] ||
		params[P_FEAT_PROBE] == 0 || params[P_FEAT_PROBE] > params[P_FEAT_CAP])
		FAIL(PERSNER_EFORMAT, "The feature table is malformed.");
	m->fslots = (const PersnerFeatSlot *) sv[S_FEAT_SLOTS].p;
	m->fmask = params[P_FEAT_CAP] - 1;
	m->fprobe = params[P_FEAT_PROBE];

	if ((st = open_table(&m->gaz, sv[S_GAZ_KEYS], sv[S_GAZ_VALS],
						 params[P_GAZ_CAP], params[P_GAZ_PROBE], detail)) != PERSNER_OK ||
		(st = open_table(&m->clus, sv[S_CLUS_KEYS], sv[S_CLUS_VALS],
						 params[P_CLUS_CAP], params[P_CLUS_PROBE], detail)) != PERSNER_OK)
		return st;
	if (m->version >= PERSNER_FORMAT_VERSION_DICT)
		return dict_parse(m, sv[S_DICT_PARAMS], sv[S_DICT_KEYS], sv[S_DICT_VALS], detail);
	return PERSNER_OK;
}

static PersnerStatus
model_open(const void *data, size_t size, int verify, PersnerModel **out,
		   const char **detail)
{
	PersnerModel *m;
	const char *why = NULL;
	PersnerStatus st;

	*out = NULL;
	if (detail)
		*detail = NULL;
	if (data == NULL && size > 0)
		return PERSNER_EINVAL;
	if (((uintptr_t) data) % 8 != 0)
	{
		if (detail)
			*detail = "The model image is not 8-byte aligned in memory.";
		return PERSNER_EINVAL;
	}
	m = persner_calloc(1, sizeof(PersnerModel));
	if (m == NULL)
		return PERSNER_ENOMEM;
	m->data = data;
	m->size = size;
	st = model_parse(data, size, verify, m, &why);
	if (st != PERSNER_OK)
	{
		persner_free(m);
		if (detail)
			*detail = why;
		return st;
	}
	*out = m;
	return PERSNER_OK;
}

/*
 * persner_model_header - the file size and checksum that the first 32 bytes
 * of a model file give; 1, or 0 if they are not a model header in this
 * machine's byte order
 */
int
persner_model_header(const void *head, size_t n, uint64_t *size, uint64_t *checksum)
{
	const uint8_t *h = head;
	uint32_t	bom;

	if (n < 32 || memcmp(h, MAGIC, 8) != 0)
		return 0;
	memcpy(&bom, h + 12, 4);
	if (bom != BYTE_ORDER_MARK)
		return 0;
	memcpy(size, h + 16, 8);
	memcpy(checksum, h + 24, 8);
	return 1;
}

PersnerStatus
persner_model_open(const void *data, size_t size, PersnerModel **out,
				   const char **detail)
{
	return model_open(data, size, 1, out, detail);
}

PersnerStatus
persner_model_open_verified(const void *data, size_t size, PersnerModel **out,
							const char **detail)
{
	return model_open(data, size, 0, out, detail);
}

void
persner_model_close(PersnerModel *m)
{
	persner_free(m);
}

int
persner_model_ntypes(const PersnerModel *m)
{
	return m->K;
}

const char *
persner_model_type(const PersnerModel *m, int k)
{
	if (k < 0 || k >= m->K)
		return NULL;
	return m->types[k];
}

int
persner_model_type_index(const PersnerModel *m, const char *name, size_t len)
{
	int			k;

	for (k = 0; k < m->K; k++)
		if (strlen(m->types[k]) == len && memcmp(m->types[k], name, len) == 0)
			return k;
	return -1;
}

int
persner_model_nlabels(const PersnerModel *m)
{
	return m->L;
}

int
persner_model_scheme(const PersnerModel *m)
{
	return m->W;
}

uint32_t
persner_model_format_version(const PersnerModel *m)
{
	return m->version;
}

uint64_t
persner_model_checksum(const PersnerModel *m)
{
	return m->checksum;
}

void
persner_model_version_text(const PersnerModel *m, char out[PERSNER_VERSION_LEN + 1])
{
	snprintf(out, PERSNER_VERSION_LEN + 1, "%016llx", (unsigned long long) m->checksum);
}

uint32_t
persner_model_nfeatures(const PersnerModel *m)
{
	return m->F;
}

const char *
persner_model_meta(const PersnerModel *m, const char *key)
{
	size_t		off = 0;

	/* pairs key\0value\0; the section's last byte is \0 (checked at open) */
	while (off < m->meta_len)
	{
		const char *k = m->meta + off;
		size_t		kl = strlen(k);
		const char *v;

		if (off + kl + 1 >= m->meta_len)
			break;
		v = k + kl + 1;
		if (strcmp(k, key) == 0)
			return v;
		off += kl + 1 + strlen(v) + 1;
	}
	return NULL;
}

const char *
persner_model_tag_name(const PersnerModel *m, int tag, char *buf)
{
	return persner_tag_name(PERSNER_BIO, tag, tag > 0 && tag < PERSNER_L_OF(PERSNER_BIO, m->K) ?
							m->types[PERSNER_TAG_TYPE(PERSNER_BIO, tag)] : NULL, buf);
}

int
persner_model_dict(const PersnerModel *m, PersnerModelDict *out)
{
	memset(out, 0, sizeof(*out));
	if (m->dict.keys == NULL)
		return 0;
	out->base_model = persner_model_meta(m, "base_model");
	out->base_checksum = persner_model_meta(m, "base_checksum");
	out->entries = m->dict_entries;
	out->never = m->dict_never;
	out->slots = m->dict.mask + 1;
	return 1;
}

void
persner_model_stats(const PersnerModel *m, PersnerModelStats *out)
{
	out->size = m->size;
	out->nfeatures = m->F;
	out->nweights = m->nent;
	out->feature_slots = m->fmask + 1;
	out->gazetteer_slots = m->gaz.mask + 1;
	out->cluster_slots = m->clus.mask + 1;
	out->feat_flags = m->feat_flags;
}
