/*
 * test_model.c - the model reader on good, truncated, corrupted and foreign files
 */
#include "feat.h"
#include "model.h"
#include "unit.h"

#include <math.h>

/* the feature flags make_model writes */
static uint32_t model_flags = PERSNER_FEAT_DEFAULT;

/* its types and tag scheme: K = 2 in BIO, or K = 1 in BIOES (L = 5 either way) */
static int	model_k = 2;
static int	model_scheme = 0;

/* A small model: K = 2 (LOC, ORG), three attribute rows, a gazetteer, clusters. */
static uint8_t *
make_model(size_t *len)
{
	static const char *const types[] = {"LOC", "ORG"};
	static const char *const mk[] = {"name", "dev_f1"};
	static const char *const mv[] = {"tiny", "12.50"};
	uint64_t	fkeys[3] = {11, 22, 33};
	uint32_t	row_off[4] = {0, 2, 3, 5};
	uint8_t		lab[5] = {1, 2, 0, 3, 4};
	float		w[5] = {1.5f, -0.5f, 2.0f, 0.25f, -3.0f};
	float		trans[25],
				start[5] = {0},
				end[5] = {0};
	uint64_t	gk[2] = {101, 102};
	uint32_t	gv[2] = {1, PERSNER_GAZ_PREFIX};
	uint64_t	ck[1] = {555};
	uint32_t	cv[1] = {7 | (3u << 16)};
	PersnerModelSpec s;
	uint8_t    *img;
	int			i;

	for (i = 0; i < 25; i++)
		trans[i] = (float) i / 10;
	memset(&s, 0, sizeof(s));
	s.K = model_k;
	s.scheme = model_scheme;
	s.types = types;
	s.nmeta = 2;
	s.meta_keys = mk;
	s.meta_vals = mv;
	s.feat_flags = model_flags;
	s.F = 3;
	s.feat_keys = fkeys;
	s.row_off = row_off;
	s.ent_label = lab;
	s.ent_w = w;
	s.trans = trans;
	s.start = start;
	s.end = end;
	s.ngaz = 2;
	s.gaz_keys = gk;
	s.gaz_vals = gv;
	s.nclus = 1;
	s.clus_keys = ck;
	s.clus_vals = cv;
	if (persner_model_write(&s, &img, len) != PERSNER_OK)
		return NULL;
	return img;
}

/* a copy in 8-byte aligned memory, as mmap gives */
static uint8_t *
aligned_copy(const uint8_t *src, size_t n)
{
	uint64_t   *p = malloc((n + 8) / 8 * 8 + 8);

	memcpy(p, src, n);
	return (uint8_t *) p;
}

TEST(write_and_open)
{
	size_t		len;
	uint8_t    *img = make_model(&len);
	PersnerModel *m;
	const char *detail;
	const PersnerWeight *w;

	CHECK(img != NULL);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_model_ntypes(m), 2);
	CHECK_EQ_INT(persner_model_nlabels(m), 5);
	CHECK_EQ_STR(persner_model_type(m, 1), "ORG");
	CHECK(persner_model_type(m, 2) == NULL);
	CHECK_EQ_INT(persner_model_type_index(m, "ORG", 3), 1);
	CHECK_EQ_INT(persner_model_type_index(m, "PER", 3), -1);
	CHECK_EQ_STR(persner_model_meta(m, "dev_f1"), "12.50");
	CHECK(persner_model_meta(m, "nothing") == NULL);
	CHECK_EQ_INT(persner_model_format_version(m), PERSNER_FORMAT_VERSION);
	CHECK_EQ_INT(persner_model_weights(m, 22, &w), 1);
	CHECK(w[0].label == 0 && w[0].w == 2.0f);
	CHECK_EQ_INT(persner_model_weights(m, 44, &w), 0);
	CHECK_EQ_INT(persner_model_weights(m, 33, &w), 2);
	CHECK(w[1].label == 4 && w[1].w == -3.0f);
	CHECK_EQ_INT(persner_model_weights(m, 11, &w), 2);
	CHECK_EQ_INT(persner_table_get(&m->gaz, 102), PERSNER_GAZ_PREFIX);
	CHECK_EQ_INT(persner_table_get(&m->clus, 555) >> 16, 3);
	CHECK(fabsf(m->trans[7] - 0.7f) < 1e-6f);
	persner_model_close(m);
	persner_free(img);
}

TEST(deterministic_bytes)
{
	size_t		a,
				b;
	uint8_t    *x = make_model(&a);
	uint8_t    *y = make_model(&b);

	CHECK(a == b && memcmp(x, y, a) == 0);
	persner_free(x);
	persner_free(y);
}

/* every truncation is refused, and never read past its end (ASan) */
TEST(truncated)
{
	size_t		len,
				n;
	uint8_t    *img = make_model(&len);

	for (n = 0; n < len; n++)
	{
		uint8_t    *cut = aligned_copy(img, n);
		PersnerModel *m = NULL;
		const char *detail = NULL;
		PersnerStatus st = persner_model_open(cut, n, &m, &detail);

		CHECK(st != PERSNER_OK);
		CHECK(m == NULL);
		CHECK(detail != NULL);
		free(cut);
	}
	persner_free(img);
}

/* every single bit flipped anywhere is refused */
TEST(bit_flips)
{
	size_t		len,
				i;
	uint8_t    *img = make_model(&len);
	uint8_t    *copy = aligned_copy(img, len);

	for (i = 0; i < len; i++)
	{
		int			bit;

		for (bit = 0; bit < 8; bit += 3)
		{
			PersnerModel *m = NULL;
			const char *detail = NULL;

			memcpy(copy, img, len);
			copy[i] ^= (uint8_t) (1u << bit);
			CHECK(persner_model_open(copy, len, &m, &detail) != PERSNER_OK);
			CHECK(m == NULL);
		}
	}
	free(copy);
	persner_free(img);
}

TEST(wrong_version)
{
	size_t		len;
	uint8_t    *img = make_model(&len);
	uint32_t	v = PERSNER_FORMAT_VERSION_MAX + 1;
	PersnerModel *m;
	const char *detail;

	memcpy(img + 8, &v, 4);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_EVERSION);
	CHECK(strstr(detail, "version") != NULL);
	persner_free(img);
}

/* a model from a later version, with features this one cannot compute */
TEST(unknown_feature_flags)
{
	size_t		len;
	uint8_t    *img;
	PersnerModel *m;
	const char *detail;

	model_flags = PERSNER_FEAT_DEFAULT | PERSNER_FEAT_NGRAM;
	img = make_model(&len);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	persner_model_close(m);
	persner_free(img);
	model_flags = PERSNER_FEAT_DEFAULT | 0x8000;
	img = make_model(&len);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_EFORMAT);
	CHECK(strstr(detail, "features") != NULL);
	persner_free(img);
	model_flags = PERSNER_FEAT_DEFAULT;
}

TEST(foreign_files)
{
	static const char text[] = "This is not a model, it is a text file that happens to be long enough.";
	uint8_t    *buf = aligned_copy((const uint8_t *) text, sizeof(text));
	uint8_t    *rnd = aligned_copy((const uint8_t *) text, 1);
	PersnerModel *m;
	const char *detail;
	int			i;

	CHECK_EQ_INT(persner_model_open(buf, sizeof(text), &m, &detail), PERSNER_EFORMAT);
	CHECK_EQ_INT(persner_model_open(buf, 0, &m, &detail), PERSNER_EFORMAT);
	free(rnd);
	rnd = malloc(4096);
	for (i = 0; i < 4096; i++)
		rnd[i] = (uint8_t) unit_rand();
	CHECK(persner_model_open(rnd, 4096, &m, &detail) != PERSNER_OK);
	memcpy(rnd, "PERSNERM", 8);
	CHECK(persner_model_open(rnd, 4096, &m, &detail) != PERSNER_OK);
	free(rnd);
	free(buf);
}

/* misaligned memory is refused rather than read with unaligned loads */
TEST(misaligned)
{
	size_t		len;
	uint8_t    *img = make_model(&len);
	uint8_t    *buf = malloc(len + 8);
	PersnerModel *m;
	const char *detail;

	memcpy(buf + 1, img, len);
	CHECK_EQ_INT(persner_model_open(buf + 1, len, &m, &detail), PERSNER_EINVAL);
	free(buf);
	persner_free(img);
}

/*
 * A file whose checksum is right but whose contents lie (weight ranges past
 * the weights): it opens, and using it reads nothing out of bounds.
 */
/* the label count tells the tag scheme: 1 + 2K is BIO, 1 + 4K BIOES, anything else is refused */
TEST(tag_schemes)
{
	size_t		len;
	uint8_t    *img;
	PersnerModel *m = NULL;
	const char *detail;
	char		name[PERSNER_MAX_TYPE_NAME + 3];

	img = make_model(&len);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_model_scheme(m), PERSNER_BIO);
	CHECK_EQ_INT(persner_model_nlabels(m), 5);
	persner_model_close(m);
	persner_free(img);

	model_k = 1;
	model_scheme = PERSNER_BIOES;
	img = make_model(&len);
	CHECK(img != NULL);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_model_ntypes(m), 1);
	CHECK_EQ_INT(persner_model_scheme(m), PERSNER_BIOES);
	CHECK_EQ_INT(persner_model_nlabels(m), 5);
	/* the names are of the BIO tags the tagger hands out */
	CHECK_EQ_STR(persner_model_tag_name(m, PERSNER_TAG_I(PERSNER_BIO, 0), name), "I-LOC");
	CHECK_EQ_STR(persner_model_tag_name(m, 3, name), "O");
	persner_model_close(m);
	persner_free(img);

	model_scheme = 3;			/* no such scheme */
	CHECK(make_model(&len) == NULL);
	model_k = 2;
	model_scheme = 0;
}

TEST(lying_contents)
{
	size_t		len;
	uint8_t    *img = make_model(&len);
	PersnerModel *m;
	const char *detail;
	const PersnerWeight *w;
	PersnerFeatSlot *slots;
	uint64_t	sum;
	uint32_t	i;

	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	slots = (PersnerFeatSlot *) (uintptr_t) m->fslots;
	for (i = 0; i <= m->fmask; i++)
	{
		if (slots[i].key == 11)
			slots[i].off = 1000000;		/* past the weights */
		if (slots[i].key == 22)
			slots[i].n = UINT32_MAX;	/* runs past them */
	}
	persner_model_close(m);
	sum = persner_checksum(img + 32, len - 32);
	memcpy(img + 24, &sum, 8);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_model_weights(m, 11, &w), 0);
	CHECK_EQ_INT(persner_model_weights(m, 22, &w), 0);
	CHECK_EQ_INT(persner_model_weights(m, 33, &w), 2);
	persner_model_close(m);
	persner_free(img);
}

/*
 * A file whose checksum is right but whose type name or metadata would not be
 * valid text (a ':' breaks "LABEL:name"; invalid UTF-8 breaks SQL text)
 */
TEST(names_are_text)
{
	static const char *const bad[] = {"L:C", "L\xC3", "L C"};
	size_t		len;
	int			k;

	for (k = 0; k < 4; k++)
	{
		uint8_t    *img = make_model(&len);
		uint8_t    *at = NULL;
		PersnerModel *m;
		const char *detail = NULL;
		uint64_t	sum;
		size_t		i;

		/* the first type name "LOC" (k < 3), or the metadata key "name" (k = 3) */
		for (i = 32; i + 5 <= len && at == NULL; i++)
			if (k < 3 ? memcmp(img + i, "LOC\0", 4) == 0 : memcmp(img + i, "name\0", 5) == 0)
				at = img + i;
		CHECK(at != NULL);
		if (at == NULL)
		{
			persner_free(img);
			continue;
		}
		if (k < 3)
			memcpy(at, bad[k], 3);
		else
			at[5] = 0xFF;		/* the first byte of its value, "tiny" */
		sum = persner_checksum(img + 32, len - 32);
		memcpy(img + 24, &sum, 8);
		CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_EFORMAT);
		CHECK(detail != NULL && (strstr(detail, "type name") != NULL || strstr(detail, "UTF-8") != NULL));
		persner_free(img);
	}
}

TEST(allocation_failures)
{
	size_t		len;
	uint8_t    *img = make_model(&len);
	long		n;

	for (n = 0; n < 20; n++)
	{
		long		live = unit_live;
		uint8_t    *out = NULL;
		size_t		olen;
		PersnerModel *m = NULL;
		const char *detail;
		PersnerStatus st;

		unit_fail_nth(n);
		live = unit_live;
		st = persner_model_open(img, len, &m, &detail);
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		if (st == PERSNER_OK)
			persner_model_close(m);
		CHECK_EQ_INT(unit_live, live);
		unit_alloc_reset();

		unit_fail_nth(n);
		live = unit_live;
		{
			static const char *const types[] = {"X"};
			uint64_t	k = 5;
			uint32_t	ro[2] = {0, 0};
			float		tr[9] = {0},
						se[3] = {0};
			PersnerModelSpec s;

			memset(&s, 0, sizeof(s));
			s.K = 1;
			s.types = types;
			s.F = 1;
			s.feat_keys = &k;
			s.row_off = ro;
			s.trans = tr;
			s.start = se;
			s.end = se;
			st = persner_model_write(&s, &out, &olen);
		}
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		persner_free(out);
		CHECK_EQ_INT(unit_live, live);
		unit_alloc_reset();
	}
	persner_free(img);
}

int
main(void)
{
	RUN(write_and_open);
	RUN(deterministic_bytes);
	RUN(truncated);
	RUN(bit_flips);
	RUN(wrong_version);
	RUN(unknown_feature_flags);
	RUN(foreign_files);
	RUN(misaligned);
	RUN(lying_contents);
	RUN(names_are_text);
	RUN(allocation_failures);
	RUN(tag_schemes);
	UNIT_DONE();
}
