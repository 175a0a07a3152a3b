/*
 * lexicon.h - the gazetteer and word-cluster tables of a model (lexicon.c)
 *
 * Gazetteer: every list entry is normalized and tokenized by the core and
 * stored under its chain key (persner_gaz_extend, token by token) with its
 * type bit; each proper prefix is stored with PERSNER_GAZ_PREFIX so that
 * matching goes on.  The lists write a space where ZWNJ belongs, so an
 * entry with a space is also stored as the one ZWNJ-joined word.  With
 * word_places set, each word of a person, place or organization name also
 * counts the names it stands in, by place (model.h, PERSNER_GAZ_SLOTS).
 *
 * Word clusters: unlabelled text is tokenized by the core into a stream of
 * word hashes; words seen at least min_count times get ids by descending
 * count (ties by hash), the rarer ones share one id that is clustered but
 * not kept; the exchange algorithm (clusters.c) then runs twice, for the
 * fine and the coarse classes, and a word's value is
 * PERSNER_CLUSTER_VALUE(fine, coarse).  With vectors set, the same stream
 * also trains skip-gram vectors (vectors.c), whose k-means classes at
 * PERSNER_VEC_LEVELS sizes go under persner_vec_word_key.  With brown set,
 * the fine classes are merged into a tree (brown.c) and each word's path,
 * the path of its fine class, goes under persner_brown_word_key.
 * With affinity set, the words of the same text (and of any text given
 * only for them, persner_lexicon_affinity_text) are counted after the head
 * words of affinity.c, and persner_lexicon_affinity stores their buckets
 * under persner_aff_word_key.
 *
 * The caller reads the files (the source tables below name them) and hands
 * their bytes over; nothing here touches the file system.
 */
#ifndef PERSNER_LEXICON_H
#define PERSNER_LEXICON_H

#include "affinity.h"
#include "feat.h"
#include "keymap.h"

/* One gazetteer list. */
typedef struct PersnerGazSource
{
	const char *path;			/* relative to the gazetteer (or list) folder */
	int			column;			/* TSV column (0 for .txt) */
	int			type;			/* its gazetteer type bit (lexicon.c) */
	const char *unit_filter;	/* only rows that contain this, or NULL */
	const char *credit;			/* where it comes from and its licence, for the model card */
} PersnerGazSource;

extern const PersnerGazSource persner_gaz_sources[];	/* in the shared gazetteer folder */
extern const int persner_gaz_nsources;

/*
 * The project's own curated lists (organizations, products, events), in
 * its list folder (lists/ in the repository), not the shared one.
 */
extern const PersnerGazSource persner_list_sources[];
extern const int persner_list_nsources;

/* The unlabelled text for the clusters, relative to the corpus folder. */
extern const char *const persner_cluster_sources[];
extern const char *const persner_cluster_credits[];	/* each one's origin and licence */
extern const int persner_cluster_nsources;

/* The numbers of vector classes, finest first (each at most 1024: model.h). */
extern const uint32_t persner_vec_classes[PERSNER_VEC_LEVELS];

typedef struct PersnerLexicon
{
	PersnerKeyMap gaz;			/* phrase chain key -> type bits | prefix bit;
								 * word key -> places (PERSNER_FEAT_GAZTOK) */
	int			word_places;	/* count the words' places in the names */
	PersnerKeyMap clus;			/* word identity hash -> cluster value */
	uint32_t	nclustered;		/* words that got clusters */
	int			vectors;		/* also learn vector classes (PERSNER_FEAT_VECTORS) */
	int			brown;			/* also merge the fine classes into a tree (PERSNER_FEAT_BROWN) */
	uint32_t	brown_depth[2];	/* the tree's leaves: least and greatest depth */
	double		brown_mean;		/* mean depth of the clustered words' leaves */
	int			affinity;		/* also count head-word affinities (PERSNER_FEAT_AFFINITY) */
	PersnerAffinity aff;		/* their counts (set up by the first text) */
	uint32_t	naffinity;		/* words that got affinities */
	/* scratch */
	PersnerNormBuf nb;
	PersnerToken *tok;
	size_t		tok_cap,
				ntok;
	PersnerKeyMap counts;		/* word hash -> count, then id */
	uint64_t   *stream;			/* word hashes of the unlabelled text */
	size_t		nstream,
				stream_cap;
} PersnerLexicon;

/*
 * persner_lexicon_gaz_list - add the entries of one list, text[0..len) the
 * bytes of the file src->path (a header line is skipped for .tsv).
 * Returns PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_lexicon_gaz_list(PersnerLexicon *lx, const PersnerGazSource *src,
									   const char *text, size_t len);

/* persner_lexicon_gaz_extras - add the words no list has (the currencies of Iran) */
PersnerStatus persner_lexicon_gaz_extras(PersnerLexicon *lx);

/*
 * persner_lexicon_text - add unlabelled text (one sentence a line) for the
 * clusters.  Returns PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_lexicon_text(PersnerLexicon *lx, const char *text, size_t len);

/*
 * persner_lexicon_affinity_text - add unlabelled text (one sentence a line)
 * to the affinity counts only, not to the clusters' stream.  PERSNER_OK or
 * PERSNER_ENOMEM.
 */
PersnerStatus persner_lexicon_affinity_text(PersnerLexicon *lx, const char *text, size_t len);

/*
 * persner_lexicon_affinity - store the affinity buckets of the words seen
 * at least min_count times in the text so far into lx->clus; sets
 * lx->naffinity.  PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_lexicon_affinity(PersnerLexicon *lx, uint32_t min_count);

/*
 * persner_lexicon_cluster - cluster the words of the text added so far
 * into fine and coarse classes (1 .. PERSNER_CLUSTER_MAX_CLASSES each);
 * fills lx->clus and lx->nclustered (0 when there is too little text).
 * Returns PERSNER_OK, PERSNER_ENOMEM or PERSNER_EINVAL.
 */
PersnerStatus persner_lexicon_cluster(PersnerLexicon *lx, int min_count, int fine,
									  int coarse);

/* The features' view of a lexicon: lex points into the view itself. */
typedef struct PersnerLexView
{
	PersnerTable gaz;
	PersnerTable clus;
	PersnerFeatLex lex;
} PersnerLexView;

/* persner_lexicon_view - what the features read, under flags (valid while lx is unchanged) */
void		persner_lexicon_view(const PersnerLexicon *lx, uint32_t flags, PersnerLexView *v);

void		persner_lexicon_free(PersnerLexicon *lx);

#endif							/* PERSNER_LEXICON_H */
