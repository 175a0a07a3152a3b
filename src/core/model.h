/*
 * model.h - the model's insides, shared by model.c, features.c, tagger.c and
 * the trainer (not part of the public API in persner.h)
 */
#ifndef PERSNER_MODEL_H
#define PERSNER_MODEL_H

#include "persner.h"

/*
 * Format versions.  A model without a user dictionary is written as version
 * 1; one with a dictionary (persner dict) as version 2, so that a reader
 * from before dictionaries refuses it instead of skipping the dictionary
 * sections and tagging as the base model under the new model's name.  A
 * version 1 file may not hold dictionary sections, a version 2 file must.
 */
#define PERSNER_FORMAT_VERSION	1
#define PERSNER_FORMAT_VERSION_DICT	2
#define PERSNER_FORMAT_VERSION_MAX	2

/*
 * A read-only open-addressing hash table over 64-bit keys (0 = empty slot),
 * linear probing, at most max_probe slots looked at.  The same layout
 * serves features (key -> row), gazetteer phrases (key -> type bits) and
 * word clusters (key -> cluster ids).
 */
typedef struct PersnerTable
{
	const uint64_t *keys;		/* [mask + 1] */
	const uint32_t *vals;		/* [mask + 1] */
	uint32_t	mask;			/* capacity - 1 (capacity a power of two) */
	uint32_t	max_probe;		/* longest probe sequence, <= capacity */
} PersnerTable;

#define PERSNER_TABLE_MISS	UINT32_MAX

/*
 * PERSNER_PREFETCH - a hint to the memory system: no fault, no effect on
 * results.  The tables are megabytes, so a probe is a cache miss; a pass
 * over a sentence's keys asks for the slot of the key PERSNER_LOOKAHEAD
 * places on while it reads this one, and the misses overlap instead of
 * following one another.
 */
#if defined(__GNUC__)
#define PERSNER_PREFETCH(addr)	__builtin_prefetch(addr)
#else
#define PERSNER_PREFETCH(addr)	((void) (addr))
#endif
#define PERSNER_LOOKAHEAD	8

/* persner_table_get - the value for key, or PERSNER_TABLE_MISS */
static inline uint32_t
persner_table_get(const PersnerTable *tab, uint64_t key)
{
	uint32_t	i,
				n;

	if (tab->keys == NULL)
		return PERSNER_TABLE_MISS;
	if (key == 0)
		key = 1;
	i = (uint32_t) key & tab->mask;
	for (n = 0; n < tab->max_probe; n++)
	{
		uint64_t	k = tab->keys[i];

		if (k == key)
			return tab->vals[i];
		if (k == 0)
			break;
		i = (i + 1) & tab->mask;
	}
	return PERSNER_TABLE_MISS;
}

/* persner_table_prefetch - ask for the slot where the probe for key starts */
static inline void
persner_table_prefetch(const PersnerTable *tab, uint64_t key)
{
	uint32_t	i = (uint32_t) (key == 0 ? 1 : key) & tab->mask;

	if (tab->keys == NULL)
		return;
	PERSNER_PREFETCH(&tab->keys[i]);
	PERSNER_PREFETCH(&tab->vals[i]);
}

/*
 * Gazetteer values: the low 30 bits are the types of the phrase that ends
 * here (PERSNER_GAZ_*), bit 30 marks a key that is also a proper prefix of
 * a longer phrase (so matching goes on).
 */
#define PERSNER_GAZ_PREFIX		(1u << 30)
#define PERSNER_GAZ_TYPEMASK	((1u << 30) - 1)
#define PERSNER_GAZ_MAX_TOKENS	8

/*
 * Gazetteer word values (PERSNER_FEAT_GAZTOK), stored in the same table
 * under persner_gaz_word_key (feat.h), a key space apart from the phrase
 * chains: for each name group (person, place, organization) and each place
 * a word can take in a name (alone, first, inside, last), a 2-bit count of
 * the names that have the word there, saturating at 3.
 */
#define PERSNER_GAZ_GROUPS		3
#define PERSNER_GAZ_PLACES		4	/* alone, first, inside, last */
#define PERSNER_GAZ_SLOTS		(PERSNER_GAZ_GROUPS * PERSNER_GAZ_PLACES)
#define PERSNER_GAZ_SLOT_COUNT(v, slot)	(((v) >> (2 * (slot))) & 3u)

/*
 * User dictionary values (persner dict): the gazetteer's phrase layout, one
 * action in the low bits of the key where a name ends: 1 + k tags the name
 * as type k, PERSNER_DICT_NEVER never tags it; 0 marks a key that is only
 * a prefix.  Nothing else may be set but PERSNER_GAZ_PREFIX; the tagger
 * ignores a value that breaks this (a hostile file), as it ignores a
 * weight's out-of-range label.
 */
#define PERSNER_DICT_NEVER		0xFFu
#define PERSNER_DICT_TYPE(k)	((uint32_t) (k) + 1)

/*
 * Cluster values: a word's fine class in the low 16 bits, its coarse class
 * in the high 16 (the model builder writes them, the features read them).
 */
#define PERSNER_CLUSTER_VALUE(fine, coarse)	((uint32_t) (fine) | ((uint32_t) (coarse) << 16))
#define PERSNER_CLUSTER_FINE(v)		((v) & 0xFFFFu)
#define PERSNER_CLUSTER_COARSE(v)	((v) >> 16)
#define PERSNER_CLUSTER_MAX_CLASSES	65535

/*
 * Vector classes (PERSNER_FEAT_VECTORS): a word's k-means classes of its
 * skip-gram vector at PERSNER_VEC_LEVELS sizes, finest first, ten bits
 * each, in the cluster table under persner_vec_word_key (feat.h).
 */
#define PERSNER_VEC_LEVELS			3
#define PERSNER_VEC_VALUE(a, b, c)	((uint32_t) (a) | (uint32_t) (b) << 10 | (uint32_t) (c) << 20)
#define PERSNER_VEC_CLASS(v, i)		(((v) >> (10 * (i))) & 0x3FFu)

/*
 * Brown paths (PERSNER_FEAT_BROWN): the path of a word's fine class in the
 * merge tree over the fine classes (brown.c), the step from the root in
 * the lowest bit, 0 left and 1 right, cut to PERSNER_BROWN_MAX_BITS steps,
 * with its length in the top 5 bits; in the cluster table under
 * persner_brown_word_key (feat.h).
 */
#define PERSNER_BROWN_MAX_BITS		27
#define PERSNER_BROWN_BITS(v)		((v) & ((1u << PERSNER_BROWN_MAX_BITS) - 1))
#define PERSNER_BROWN_LEN(v)		((v) >> PERSNER_BROWN_MAX_BITS)
#define PERSNER_BROWN_VALUE(bits, len)	(PERSNER_BROWN_BITS((uint32_t) (bits)) | \
										 (uint32_t) (len) << PERSNER_BROWN_MAX_BITS)

/*
 * Head-word affinities (PERSNER_FEAT_AFFINITY): for each group of head
 * words (organization, person, place: affinity.c), the bucket of how often
 * a word follows one (persner_affinity_bucket: 0 none, 1..4 rising), three
 * bits a group, group g at bit 3g; in the cluster table under
 * persner_aff_word_key (feat.h).  A word with every bucket 0 is not stored.
 */
#define PERSNER_AFF_GROUPS			3
#define PERSNER_AFF_VALUE(v, g, b)	((uint32_t) (v) | (uint32_t) (b) << (3 * (g)))
#define PERSNER_AFF_BUCKET(v, g)	(((v) >> (3 * (g))) & 7u)

/*
 * Feature-set flags, stored in the model so the tagger computes exactly the
 * features the model was trained with.
 */
#define PERSNER_FEAT_AFFIX		0x0001	/* prefixes and suffixes */
#define PERSNER_FEAT_SHAPE		0x0002	/* word shape, length, digits */
#define PERSNER_FEAT_WINDOW2	0x0004	/* words at -2, +2 */
#define PERSNER_FEAT_BIGRAM		0x0008	/* word bigrams (-1,0) (0,+1) */
#define PERSNER_FEAT_GAZ		0x0010	/* gazetteer matches */
#define PERSNER_FEAT_CLUSTER	0x0020	/* word clusters */
#define PERSNER_FEAT_GAZ_CTX	0x0040	/* gazetteer matches of neighbours */
#define PERSNER_FEAT_WIDE		0x0080	/* more attributes at +-1, +-2 (off by default: no dev gain) */
#define PERSNER_FEAT_NGRAM		0x0100	/* character trigrams inside the word */
#define PERSNER_FEAT_GAZTOK		0x0200	/* where a word stands in the names of the lists (issue 11: on by default) */
#define PERSNER_FEAT_VECTORS	0x0400	/* classes of skip-gram word vectors (issue 11, lever 1) */
#define PERSNER_FEAT_BROWN		0x0800	/* prefixes of the fine class's path in a Brown merge tree (issue 11, lever 1) */
#define PERSNER_FEAT_AFFINITY	0x1000	/* buckets of how often a word follows a head word (issue 11, lever 1) */
#define PERSNER_FEAT_CBIGRAM	0x2000	/* the word before with the token's coarse class, and the class with the word after */
#define PERSNER_FEAT_KNOWN		0x3FFF	/* every flag this version understands */
#define PERSNER_FEAT_DEFAULT	0x027F

/* What persner_model_write needs: everything is caller-owned. */
typedef struct PersnerModelSpec
{
	int			K;				/* entity types */
	int			scheme;			/* PERSNER_BIO or PERSNER_BIOES (0: BIO) */
	const char *const *types;	/* [K] names */
	int			nmeta;
	const char *const *meta_keys;	/* [nmeta] */
	const char *const *meta_vals;
	uint32_t	feat_flags;
	uint32_t	F;				/* attribute rows kept */
	const uint64_t *feat_keys;	/* [F] attribute hashes */
	const uint32_t *row_off;	/* [F + 1] row f has entries row_off[f]..row_off[f+1) */
	const uint8_t *ent_label;	/* [row_off[F]] label of each nonzero weight */
	const float *ent_w;			/* [row_off[F]] the weight */
	const float *trans;			/* [L][L] */
	const float *start;			/* [L] */
	const float *end;			/* [L] */
	uint32_t	ngaz;
	const uint64_t *gaz_keys;
	const uint32_t *gaz_vals;
	uint32_t	nclus;
	const uint64_t *clus_keys;
	const uint32_t *clus_vals;
} PersnerModelSpec;

/*
 * persner_model_write - serialize a model; *out is persner_alloc'd
 * (caller frees) and holds *outlen bytes, checksum included.
 */
PersnerStatus persner_model_write(const PersnerModelSpec *spec,
								  uint8_t **out, size_t *outlen);

/*
 * What persner_model_write_dict adds to a base model: the phrase table
 * (keys and values as PERSNER_DICT_* describes, caller-owned), the counts
 * of names, and metadata pairs that replace the base's pairs of the same
 * key (the base's dev_f1 is dropped: it was not measured on this model).
 */
typedef struct PersnerDictSpec
{
	uint32_t	nkeys;
	const uint64_t *keys;		/* [nkeys] */
	const uint32_t *vals;		/* [nkeys] */
	uint32_t	entries;		/* names tagged with a type */
	uint32_t	never;			/* names never tagged */
	int			nmeta;
	const char *const *meta_keys;	/* [nmeta] */
	const char *const *meta_vals;
} PersnerDictSpec;

/*
 * persner_model_write_dict - a complete model: base's sections copied as
 * they are, its metadata with spec's pairs, and the dictionary sections;
 * format version PERSNER_FORMAT_VERSION_DICT, its own checksum.  *out is
 * persner_alloc'd (caller frees).  PERSNER_EINVAL when base already holds a
 * dictionary (build from its base instead) or spec is empty.
 */
PersnerStatus persner_model_write_dict(const PersnerModel *base, const PersnerDictSpec *spec,
									   uint8_t **out, size_t *outlen);

/*
 * The feature table: open addressing over 16-byte slots, so one probe reads
 * the key and where its weights are; the weights of an attribute lie side
 * by side, (weight, label) pairs.
 */
typedef struct PersnerFeatSlot
{
	uint64_t	key;			/* attribute hash, 0 = empty */
	uint32_t	off;			/* first weight */
	uint32_t	n;				/* number of weights */
} PersnerFeatSlot;

typedef struct PersnerWeight
{
	float		w;
	uint32_t	label;			/* tag index; checked < L where used */
} PersnerWeight;

/* The open model: views into the caller's bytes. */
struct PersnerModel
{
	const uint8_t *data;
	size_t		size;
	uint32_t	version;
	uint64_t	checksum;
	int			K;
	int			L;				/* 1 + W K */
	int			W;				/* the tag scheme: PERSNER_BIO or PERSNER_BIOES */
	char		types[PERSNER_MAX_TYPES][PERSNER_MAX_TYPE_NAME + 1];
	uint32_t	feat_flags;
	uint32_t	F;				/* attributes (non-empty slots) */
	const PersnerFeatSlot *fslots;	/* [fmask + 1] */
	uint32_t	fmask;
	uint32_t	fprobe;			/* longest probe sequence */
	const PersnerWeight *weights;	/* [nent] */
	uint32_t	nent;
	const float *trans;			/* [L][L] */
	const float *start;			/* [L] */
	const float *end;			/* [L] */
	PersnerTable gaz;
	PersnerTable clus;
	PersnerTable dict;			/* the user dictionary (keys NULL: none) */
	uint32_t	dict_entries;	/* names tagged with a type */
	uint32_t	dict_never;		/* names never tagged */
	const char *meta;			/* key\0value\0 ... */
	size_t		meta_len;
};

/*
 * persner_model_prefetch - ask for the feature-table slot where the probe
 * for key starts (PERSNER_PREFETCH: a hint)
 */
static inline void
persner_model_prefetch(const PersnerModel *m, uint64_t key)
{
	PERSNER_PREFETCH(&m->fslots[(uint32_t) (key == 0 ? 1 : key) & m->fmask]);
}

/*
 * persner_model_weights - the nonzero weights of attribute key
 *
 * Sets *w and returns their count (0 if the model does not know the key).
 * The range is checked against the weight section, so a hostile file
 * yields no weights, never an out-of-bounds read; labels are checked by
 * the caller.
 */
static inline uint32_t
persner_model_weights(const PersnerModel *m, uint64_t key, const PersnerWeight **w)
{
	uint32_t	i,
				p;

	if (key == 0)
		key = 1;
	i = (uint32_t) key & m->fmask;
	for (p = 0; p < m->fprobe; p++)
	{
		const PersnerFeatSlot *s = &m->fslots[i];

		if (s->key == key)
		{
			if (s->off > m->nent || s->n > m->nent - s->off)
				return 0;
			*w = m->weights + s->off;
			return s->n;
		}
		if (s->key == 0)
			return 0;
		i = (i + 1) & m->fmask;
	}
	return 0;
}

#endif							/* PERSNER_MODEL_H */
