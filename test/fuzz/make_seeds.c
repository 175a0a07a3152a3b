/*
 * make_seeds.c - small model files for the fuzz_model seed corpus
 *
 *   make_seeds OUTDIR
 *
 * Writes a handful of tiny, valid models (persner_model_write) that differ
 * in what the tagger will touch: entity type counts from 1 to
 * PERSNER_MAX_TYPES, both tag schemes (BIO, and BIOES up to the 16 types
 * its labels allow), feature flags, attribute rows that real words hit,
 * gazetteer phrases and word clusters, metadata, user dictionaries
 * (format version 2); plus a few damaged variants (truncated, wrong
 * version, one bit flipped).  Every seed is a
 * few hundred bytes to a few KB, so libFuzzer's mutations reach every
 * section quickly; fuzz_model.c recomputes the checksum itself.
 *
 * Also exports (for fuzz_tag.c, which includes this file with
 * MAKE_SEEDS_NO_MAIN) seed_tiny_model(), the fallback model used when no
 * trained model file is at hand.
 */
#include "feat.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* word attribute key of w at offset o (the first key: identity) */
static uint64_t
seed_word_key(const char *w, int o, int which)
{
	PersnerFeatLex lex = {PERSNER_FEAT_DEFAULT, NULL, NULL};
	uint64_t	keys[PERSNER_MAX_WORD_ATTRS];
	int			n = persner_feat_word(&lex, w, strlen(w), o, keys);

	return keys[which < n ? which : n - 1];
}

/*
 * seed_model - a model with K types in tag scheme w_scheme, the given flags, and
 * rows for a few Persian words; 'variant' varies weights and tables.  *out
 * is persner_alloc'd.
 */
static PersnerStatus
seed_model(int K, int w_scheme, uint32_t flags, int variant, uint8_t **out, size_t *outlen)
{
	static const char *const names[] = {
		"PER", "LOC", "ORG", "DAT", "TIM", "MON", "PCT", "EVE", "FAC", "PRO",
		"X10", "X11", "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19",
		"X20", "X21", "X22", "X23", "X24", "X25", "X26", "X27", "X28", "X29",
		"X30", "ABCDEFGHIJKLMNO"
	};
	static const char *const words[] = {
		"تهران", "سازمان", "ملل", "علی", "کرمان", "شهرداری", "قم", "۱۳۹۸", "درصد", "ریال"
	};
	static const char *const mk[] = {"name", "corpus", "dev_f1", "trained"};
	static const char *const mv[] = {"seed", "none", "0.00", "never"};
	const char *types[PERSNER_MAX_TYPES];
	int			L = PERSNER_L_OF(w_scheme, K);
	uint64_t	fkeys[24];
	uint32_t	row_off[25];
	uint8_t		lab[64];
	float		w[64];
	float		trans[PERSNER_MAX_LABELS * PERSNER_MAX_LABELS];
	float		start[PERSNER_MAX_LABELS],
				end[PERSNER_MAX_LABELS];
	uint64_t	gk[5];
	uint32_t	gv[5];
	uint64_t	ck[8];
	uint32_t	cv[8];
	PersnerModelSpec s;
	uint32_t	F = 0,
				ne = 0;
	int			i;

	for (i = 0; i < K; i++)
		types[i] = names[i];
	for (i = 0; i < L * L; i++)
		trans[i] = (float) ((i * 7 + variant) % 11) / 4.0f - 1.0f;
	for (i = 0; i < L; i++)
	{
		start[i] = (float) (i % 3) / 2.0f;
		end[i] = (float) (i % 2) / 3.0f;
	}

	/* rows: identity at 0, and the word at +-1, +-2; the context bias */
	row_off[0] = 0;
	for (i = 0; i < 10 && F < 22; i++)
	{
		int			o = (i + variant) % 5 - 2;

		fkeys[F] = seed_word_key(words[i], o, variant % 3);
		lab[ne] = (uint8_t) ((i * 3 + variant) % L);
		w[ne++] = 2.0f + (float) i / 3.0f;
		if (i % 3 == 0 && L > 1)
		{
			lab[ne] = (uint8_t) ((i + 1) % L);
			w[ne++] = -1.5f;
		}
		row_off[++F] = ne;
	}
	/* a row whose label is out of range for this model (the tagger skips it) */
	fkeys[F] = seed_word_key("ملل", 0, 0) ^ 1;
	lab[ne] = 250;
	w[ne++] = 9.0f;
	row_off[++F] = ne;

	gk[0] = persner_gaz_extend(0, "سازمان", strlen("سازمان"));
	gv[0] = PERSNER_GAZ_PREFIX;
	gk[1] = persner_gaz_extend(gk[0], "ملل", strlen("ملل"));
	gv[1] = 1u << (K > 2 ? 2 : 0);
	gk[2] = persner_gaz_extend(0, "تهران", strlen("تهران"));
	gv[2] = 1u << (K > 1 ? 1 : 0);
	gk[3] = persner_gaz_extend(0, "قم", strlen("قم"));
	gv[3] = PERSNER_GAZ_TYPEMASK;
	for (i = 0; i < 4; i++)
	{
		ck[i] = persner_ident_hash(words[i], strlen(words[i]));
		cv[i] = (uint32_t) (i + 1) | ((uint32_t) (i + 7) << 16);
	}
	/*
	 * variant 8 and up: every word value the features read (name places,
	 * vector classes, Brown path, head-word affinities), all bits set, for
	 * a model with every flag
	 */
	gk[4] = persner_gaz_word_key(ck[3]);
	gv[4] = PERSNER_GAZ_TYPEMASK;
	ck[4] = persner_vec_word_key(ck[0]);
	ck[5] = persner_brown_word_key(ck[1]);
	ck[6] = persner_aff_word_key(ck[2]);
	ck[7] = persner_brown_word_key(ck[3]);
	for (i = 4; i < 8; i++)
		cv[i] = UINT32_MAX - 1;	/* UINT32_MAX reads as a miss */

	memset(&s, 0, sizeof(s));
	s.K = K;
	s.scheme = w_scheme;
	s.types = types;
	s.nmeta = 1 + variant % 4;
	s.meta_keys = mk;
	s.meta_vals = mv;
	s.feat_flags = flags;
	s.F = F;
	s.feat_keys = fkeys;
	s.row_off = row_off;
	s.ent_label = lab;
	s.ent_w = w;
	s.trans = trans;
	s.start = start;
	s.end = end;
	s.ngaz = variant >= 8 ? 5 : variant % 2 ? 4 : 0;
	s.gaz_keys = gk;
	s.gaz_vals = gv;
	s.nclus = variant >= 8 ? 8 : variant % 3 ? 4 : 0;
	s.clus_keys = ck;
	s.clus_vals = cv;
	return persner_model_write(&s, out, outlen);
}

/* the fallback model of fuzz_tag: the PEYMA labels, every feature */
static PersnerStatus
seed_tiny_model(uint8_t **out, size_t *outlen)
{
	return seed_model(7, PERSNER_BIO, PERSNER_FEAT_DEFAULT, 1, out, outlen);
}

#ifndef MAKE_SEEDS_NO_MAIN

/*
 * seed_dict - a dictionary model over the model base [blen]: names of
 * one to three words (one a prefix of another), a name never tagged, and
 * with variant 1 a value of an unknown type.  *out is persner_alloc'd.
 */
static PersnerStatus
seed_dict(const uint8_t *b, size_t blen, int variant, uint8_t **out, size_t *outlen)
{
	static const char *const names[][3] = {
		{"سازمان", "ملل", NULL}, {"سازمان", "ملل", "متحد"}, {"علی", "کرمان", NULL},
		{"تهران", NULL, NULL}, {"شهرداری", "قم", NULL}
	};
	static const char *const mk[] = {"name", "base_model", "base_checksum"};
	static const char *const mv[] = {"seed_dict", "seed", "0123456789abcdef"};
	uint64_t	keys[16];
	uint32_t	vals[16];
	uint32_t	n = 0;
	PersnerModel *base;
	PersnerDictSpec spec;
	const char *detail;
	PersnerStatus st;
	size_t		i;

	if ((st = persner_model_open(b, blen, &base, &detail)) != PERSNER_OK)
		return st;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		uint64_t	k = 0;
		int			j;

		for (j = 0; j < 3 && names[i][j] != NULL; j++)
		{
			uint32_t	v;

			k = persner_gaz_extend(k, names[i][j], strlen(names[i][j]));
			if (j + 1 < 3 && names[i][j + 1] != NULL)
				v = PERSNER_GAZ_PREFIX;
			else if (i == 3)
				v = PERSNER_DICT_NEVER;
			else
				v = PERSNER_DICT_TYPE(variant == 1 && i == 4 ? 40 : i % persner_model_ntypes(base));
			if (i == 1 && j == 1)
				v |= PERSNER_DICT_TYPE(0);	/* سازمان ملل is a name too */
			keys[n] = k;
			vals[n++] = v;
		}
	}
	memset(&spec, 0, sizeof(spec));
	spec.nkeys = n;
	spec.keys = keys;
	spec.vals = vals;
	spec.entries = 4;
	spec.never = 1;
	spec.nmeta = 3;
	spec.meta_keys = mk;
	spec.meta_vals = mv;
	st = persner_model_write_dict(base, &spec, out, outlen);
	persner_model_close(base);
	return st;
}

static int
write_seed(const char *dir, const char *name, const uint8_t *b, size_t n)
{
	char		path[4096];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(b, 1, n, f) != n || fclose(f) != 0)
	{
		perror(path);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct
	{
		int			K;
		int			w;
		uint32_t	flags;
		int			variant;
	}			specs[] = {
		{7, PERSNER_BIO, PERSNER_FEAT_DEFAULT, 1},
		{7, PERSNER_BIO, PERSNER_FEAT_DEFAULT, 2},
		{1, PERSNER_BIO, 0, 0},
		{2, PERSNER_BIO, PERSNER_FEAT_GAZ | PERSNER_FEAT_GAZ_CTX, 3},
		{3, PERSNER_BIO, PERSNER_FEAT_CLUSTER | PERSNER_FEAT_SHAPE, 4},
		{PERSNER_MAX_TYPES, PERSNER_BIO, PERSNER_FEAT_DEFAULT, 5},
		{5, PERSNER_BIO, 0xFFFFFFFFu, 7},
		{10, PERSNER_BIO, PERSNER_FEAT_KNOWN, 8},
		{7, PERSNER_BIOES, PERSNER_FEAT_DEFAULT, 1},
		{1, PERSNER_BIOES, 0, 0},
		{(PERSNER_MAX_LABELS - 1) / 4, PERSNER_BIOES, PERSNER_FEAT_DEFAULT, 5},
		{10, PERSNER_BIOES, 0xFFFFFFFFu, 8},
	};
	const char *dir;
	char		name[64];
	uint8_t    *img;
	size_t		len;
	size_t		i;
	int			rc = 0;

	if (argc != 2)
	{
		fprintf(stderr, "usage: make_seeds OUTDIR\n");
		return 2;
	}
	dir = argv[1];
	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
	{
		if (seed_model(specs[i].K, specs[i].w, specs[i].flags, specs[i].variant, &img, &len) !=
			PERSNER_OK)
		{
			fprintf(stderr, "make_seeds: could not build model %zu\n", i);
			return 1;
		}
		snprintf(name, sizeof(name), "model_%sk%02d_v%d", specs[i].w == PERSNER_BIOES ? "bioes_" : "",
				 specs[i].K, specs[i].variant);
		rc |= write_seed(dir, name, img, len);
		if (i == 0)
		{
			uint32_t	v = PERSNER_FORMAT_VERSION_MAX + 1;
			uint8_t    *copy = malloc(len);

			/* damaged variants of the first */
			rc |= write_seed(dir, "model_trunc_half", img, len / 2);
			rc |= write_seed(dir, "model_trunc_header", img, 40);
			rc |= write_seed(dir, "model_trunc_16", img, 16);
			memcpy(copy, img, len);
			memcpy(copy + 8, &v, 4);
			rc |= write_seed(dir, "model_version2", copy, len);
			memcpy(copy, img, len);
			copy[len / 3] ^= 0x10;
			rc |= write_seed(dir, "model_bitflip", copy, len);
			free(copy);
		}
		if (i == 0 || i == 3 || i == 8)
		{
			/* dictionary models over this one (test/unit/test_dict.c checks the real builder) */
			uint8_t    *d;
			size_t		dlen;
			int			variant = i == 3 ? 1 : 0;

			if (seed_dict(img, len, variant, &d, &dlen) != PERSNER_OK)
			{
				fprintf(stderr, "make_seeds: could not build a dictionary model\n");
				return 1;
			}
			snprintf(name, sizeof(name), "model_dict_%sk%02d_v%d",
					 specs[i].w == PERSNER_BIOES ? "bioes_" : "", specs[i].K, variant);
			rc |= write_seed(dir, name, d, dlen);
			persner_free(d);
		}
		persner_free(img);
	}
	return rc ? 1 : 0;
}

#endif							/* MAKE_SEEDS_NO_MAIN */
