/*
 * fuzz_model.c - libFuzzer target for the model reader and everything
 * that reads a model after it opened: accessors, tagger, decoder
 *
 * Build and run: test/fuzz/run-fuzz.sh (clang -fsanitize=fuzzer,address,
 * undefined; seeds from make_seeds.c and model/peyma.model).
 *
 * The input is a model file.  It is copied into a buffer of exactly its
 * size, 8-byte aligned as an mmap is, so ASan sees a read one byte past the
 * end.  Then:
 *
 *   1. persner_model_open on the bytes as they are (almost always refused:
 *      the checksum protects the contents);
 *   2. if refused, the header's size field and checksum are recomputed and
 *      it is opened again: from here on the fuzzer explores what a file
 *      with a *valid* checksum but hostile contents does, which is what
 *      the reader's bounds checks are for;
 *   3. once open: every accessor, then a tagger, then a few short
 *      documents (Persian, mixed scripts, digits, gazetteer and dictionary
 *      phrases) and a pretokenized sentence.  Tags, types and offsets must stay in range
 *      whatever the weights are (NaN and infinities included), in either tag
 *      scheme (the seeds hold BIO and BIOES models; the tagger hands out BIO).
 *
 * An open failure must come with a status and a detail sentence and leave
 * *out NULL.  A violated invariant traps.
 */
#include "feat.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static const char *const docs[] = {
	"سازمان ملل در تهران گفت که علی ۱۳۹۸ درصد ریال دارد.",
	"شهرداری قم و سازمان ملل متحد. کرمان!\nتهران",
	"Ali went to تهران on 1398/05/12 at 21:30, paying 32,390 ریال (2.5%).",
	"\xE2\x80\x8F\xF0\x9F\x98\x80 سازمان\xE2\x80\x8Cها در قم\xD9\x8B\xD9\x80 \xD9\x8A\xD9\x83",
	"قم قم قم قم قم قم قم قم قم قم سازمان ملل سازمان ملل",
	"علی کرمان سازمان ملل متحد شهرداری قم ۱۳۹۸ درصد تهران علی",	/* the seeds' dictionary names */
	""
};

static void
check_doc(PersnerTagger *t, const PersnerModel *m, const char *doc)
{
	size_t		len = strlen(doc);
	const PersnerEntity *e;
	const PersnerTokenInfo *ti;
	size_t		ne,
				nt,
				i;
	PersnerStatus st;
	int			K = persner_model_ntypes(m);
	int			L = PERSNER_L_OF(PERSNER_BIO, K);	/* the tagger hands out BIO tags */

	REQUIRE(persner_tagger_begin(t, doc, len) == PERSNER_OK);
	while ((st = persner_tagger_next(t, &e, &ne, &ti, &nt)) == PERSNER_OK)
	{
		for (i = 0; i < nt; i++)
		{
			REQUIRE(ti[i].bbeg < ti[i].bend && ti[i].bend <= len);
			REQUIRE(ti[i].tag >= 0 && ti[i].tag < L);
		}
		for (i = 0; i < ne; i++)
		{
			REQUIRE(e[i].type >= 0 && e[i].type < K);
			REQUIRE(persner_model_type(m, e[i].type) != NULL);
			REQUIRE(e[i].bbeg < e[i].bend && e[i].bend <= len);
			REQUIRE(e[i].cbeg < e[i].cend);
			REQUIRE(strlen(e[i].norm) == e[i].norm_len);
		}
	}
	REQUIRE(st == PERSNER_DONE);
}

static void
exercise(const PersnerModel *m)
{
	static const char *const toks[] = {"سازمان", "ملل", "در", "تهران", "می شود", "۱۳۹۸", "x"};
	size_t		lens[7];
	int			tags[7];
	float		sc[7];
	PersnerTagger *t = NULL;
	int			K = persner_model_ntypes(m),
				W = persner_model_scheme(m),
				k,
				i;
	size_t		d;

	/* a model of either scheme, its labels as many as the scheme gives K types */
	REQUIRE(K >= 1 && K <= PERSNER_MAX_TYPES && (W == PERSNER_BIO || W == PERSNER_BIOES) &&
			persner_model_nlabels(m) == PERSNER_L_OF(W, K) &&
			persner_model_nlabels(m) <= PERSNER_MAX_LABELS);
	for (k = 0; k < K; k++)
	{
		const char *name = persner_model_type(m, k);

		REQUIRE(name != NULL && strlen(name) >= 1 && strlen(name) <= PERSNER_MAX_TYPE_NAME);
		REQUIRE(persner_model_type_index(m, name, strlen(name)) >= 0);
	}
	REQUIRE(persner_model_type(m, K) == NULL && persner_model_type(m, -1) == NULL);
	(void) persner_model_meta(m, "name");
	(void) persner_model_meta(m, "dev_f1");
	(void) persner_model_meta(m, "");
	(void) persner_model_nfeatures(m);
	(void) persner_model_checksum(m);
	REQUIRE(persner_model_format_version(m) >= PERSNER_FORMAT_VERSION &&
			persner_model_format_version(m) <= PERSNER_FORMAT_VERSION_MAX);
	{
		PersnerModelDict md;
		int			has = persner_model_dict(m, &md);

		/* a dictionary exactly when the format says so, its base named */
		REQUIRE(has == (persner_model_format_version(m) == PERSNER_FORMAT_VERSION_DICT));
		if (has)
			REQUIRE(md.base_model != NULL && md.base_checksum != NULL &&
					strlen(md.base_checksum) == 16 && md.entries + (uint64_t) md.never >= 1);
	}

	if (persner_tagger_create(m, &t) != PERSNER_OK)
		return;
	for (d = 0; d < sizeof(docs) / sizeof(docs[0]); d++)
		check_doc(t, m, docs[d]);
	for (i = 0; i < 7; i++)
		lens[i] = strlen(toks[i]);
	REQUIRE(persner_tagger_tag_tokens(t, toks, lens, 7, tags, sc) == PERSNER_OK);
	for (i = 0; i < 7; i++)
		REQUIRE(tags[i] >= 0 && tags[i] < PERSNER_L_OF(PERSNER_BIO, K));
	persner_tagger_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t    *buf;
	PersnerModel *m = NULL;
	const char *detail = NULL;
	PersnerStatus st;

	/* exactly size bytes (ASan catches a read past the end); malloc aligns to 16 */
	buf = malloc(size ? size : 1);
	REQUIRE(buf != NULL && ((uintptr_t) buf) % 8 == 0);
	if (size > 0)
		memcpy(buf, data, size);

	st = persner_model_open(buf, size, &m, &detail);
	if (st != PERSNER_OK)
	{
		REQUIRE(st < 0 && m == NULL && detail != NULL);
		if (size >= 40 && (st == PERSNER_ECHECKSUM || st == PERSNER_EFORMAT))
		{
			/* make the header tell the truth, then see what the contents do */
			uint64_t	v = size;

			memcpy(buf + 16, &v, 8);
			v = persner_checksum(buf + 32, size - 32);
			memcpy(buf + 24, &v, 8);
			detail = NULL;
			st = persner_model_open(buf, size, &m, &detail);
			REQUIRE(st == PERSNER_OK || (st < 0 && m == NULL && detail != NULL));
		}
	}
	if (st == PERSNER_OK)
	{
		REQUIRE(m != NULL);
		exercise(m);
		persner_model_close(m);
	}
	free(buf);
	return 0;
}
