/*
 * train.c - `persner train`: options, files, progress and the model card
 *
 * The building is the core's (src/core/train, build.h draws the steps):
 *
 * 1. the lexicon: gazetteer lists and unlabelled text, read here, compiled
 *    by lexicon.c (gazetteer keys; word clusters, fine and coarse);
 * 2. the dataset: labelled corpora, read here, normalized and tagged by
 *    dataset.c, with ZWNJ variants and the label sets of partial corpora;
 * 3. attribute ids with min-count (attrs.c), the CRF fit, pruning, the
 *    bias shifts chosen on the dev split, the model bytes (build.c);
 * 4. the model file, written through a rename, and its model card.
 *
 * Two runs with the same inputs write the same bytes.
 */
#include "build.h"
#include "cli.h"
#include "press.h"
#include "vectors.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CORPORA 8
#define PRESS_LIST "press.txt"	/* in --list-dir: the outlets of --press-lines */
#define PRESS_MAX_LINES 100000

typedef struct TrainOpts
{
	const char *corpus_dir;
	const char *gaz_dir;
	const char *list_dir;		/* the project's own lists (lexicon.h) */
	const char *train[MAX_CORPORA];
	int			ntrain;
	const char *silver[MAX_CORPORA];	/* silver corpora (persner silver): every type, "?" unknown */
	int			nsilver;
	const char *silver_credit;	/* the raw text they came from, its origin and licence (the card) */
	const char *aff_text[MAX_CORPORA];	/* unlabelled text for the affinities only */
	int			naff_text;
	const char *aff_credit;		/* its origin and licence (the card) */
	const char *partial[MAX_CORPORA];	/* partially labelled corpora (ARMAN) */
	int			npartial;
	uint32_t	partial_trust;	/* types whose mentions they mark reliably */
	int			K;				/* the model's types: the first K of labels.h (--types) */
	int			scheme;			/* its tag scheme (--scheme bio|bioes): PERSNER_BIO or PERSNER_BIOES */
	PersnerTypeSet train_sets[PERSNER_DATASET_MAX_SETS];	/* --train-sets */
	int			ntrain_sets;
	PersnerTypeSet partial_sets[PERSNER_DATASET_MAX_SETS];	/* --partial-sets */
	int			npartial_sets;
	const char *train_sets_arg,
			   *partial_sets_arg;
	int			partial_dev;	/* hold out each partial corpus's dev split, score on it */
	int			press_lines;	/* --press-lines: synthetic press-review lines (press.h) */
	const char *dev[MAX_CORPORA];	/* dev corpora (default: PEYMA dev) */
	int			ndev;
	const char *name;			/* the model's name in its metadata and card */
	const char *out;
	const char *card;
	double		c1,
				c2,
				prune,
				margin,			/* --margin: softmax-margin cost of a wrong label (train.h) */
				margin_missed;	/* --margin-missed: of O inside a name (< 0: --margin's) */
	int			iters,
				min_count,
				threads,
				augment,
				clusters,
				cfine,
				ccoarse;
	uint32_t	flags;
	char		default_train[4096];
	char		default_dev[4096];
} TrainOpts;

/* A dev corpus and what it is scored on. */
typedef struct DevSet
{
	const char *path;
	int			split;			/* the dev split of a partial corpus */
	uint32_t	named;			/* the model's types its corpus names (bit k) */
	PersnerCorpus c;
} DevSet;

/* What the run measured, for the metadata and the card. */
typedef struct TrainRun
{
	double		t0,
				t_train,
				t_clus;
	uint32_t	ngaz;
	uint32_t	nclustered;
	uint32_t	naffinity;		/* words with head-word affinities */
	uint64_t	aff_tokens;		/* the words they were counted over */
	size_t		nsent,
				ntok,
				press_sent,		/* of which synthetic press-review lines */
				silver_sent,	/* of which from the --silver corpora */
				silver_tok;
	double		noshift_f1,
				best_f1;
	int			ndev;
	DevSet		dev[PERSNER_BUILD_MAX_DEV];
	PersnerEval ec[PERSNER_BUILD_MAX_DEV];	/* of each dev corpus, the chosen model */
	PersnerEval bands[PERSNER_BUILD_MAX_DEV];	/* the same, by score band (the card) */
	double		noshift_dev[PERSNER_BUILD_MAX_DEV];	/* each one's F1 without shifts */
	uint32_t	train_named,	/* the model's types the --train corpora name */
				partial_named[MAX_CORPORA];	/* and each --partial corpus */
	size_t		imglen;
	char		settings[512];
} TrainRun;

static int
parse_types(const char *list, int K, uint32_t *mask)
{
	char		buf[256],
			   *tok,
			   *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
	{
		int			k = persner_type_index(tok, strlen(tok));

		if (k < 0 || k >= K)
		{
			fprintf(stderr, "persner train: --partial-types: unknown type \"%s\"\n", tok);
			return -1;
		}
		*mask |= 1u << k;
	}
	return 0;
}

/*
 * --types: the model's types, which must be the first K of labels.h in
 * its order (PEYMA's seven, or all ten); K, or -1 after saying why
 */
static int
parse_model_types(const char *list)
{
	char		buf[256],
			   *tok,
			   *save = NULL;
	int			K = 0;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
	{
		if (K == PERSNER_NTYPES || persner_type_index(tok, strlen(tok)) != K)
		{
			fprintf(stderr, "persner train: --types: \"%s\" is not type %d of persner's list "
					"(the types of a model are the first K of PER,LOC,ORG,DAT,TIM,MON,PCT,FAC,PRO,EVE)\n",
					tok, K + 1);
			return -1;
		}
		K++;
	}
	if (K == 0)
		fprintf(stderr, "persner train: --types: no types\n");
	return K > 0 ? K : -1;
}

/* "LOC=LOC|FAC;ORG=ORG|PRO" into sets; the count, or -1 after saying why */
static int
parse_sets(const char *spec, int K, PersnerTypeSet *sets)
{
	char		buf[512],
			   *item,
			   *save = NULL;
	int			n = 0;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save))
	{
		char	   *eq = strchr(item, '='),
				   *t,
				   *save2 = NULL;

		if (eq == NULL || n == PERSNER_DATASET_MAX_SETS || eq == item ||
			eq - item > PERSNER_MAX_TYPE_NAME)
			goto bad;
		memset(&sets[n], 0, sizeof(sets[n]));
		memcpy(sets[n].src, item, (size_t) (eq - item));
		for (t = strtok_r(eq + 1, "|", &save2); t; t = strtok_r(NULL, "|", &save2))
		{
			int			k = persner_type_index(t, strlen(t));

			if (k < 0 || k >= K)
				goto bad;
			sets[n].mask |= 1u << k;
		}
		if (sets[n].mask == 0)
			goto bad;
		n++;
	}
	return n;
bad:
	fprintf(stderr, "persner train: bad label sets \"%s\" (want TYPE=TYPE|TYPE;... over the model's types)\n",
			spec);
	return -1;
}

/* 1 if path is a folder; else 0, after saying so */
static int
is_dir(const char *path, const char *opt)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 1;
	fprintf(stderr, "persner train: %s %s: not a folder (run in the source tree, or name it; "
			"an empty folder for none)\n", opt, path);
	return 0;
}

/* options into o; 0, or 2 (the exit status) after saying why */
static int
parse_opts(int argc, char **argv, TrainOpts *o)
{
	int			a;

	/* the types first: other options name them */
	for (a = 0; a + 1 < argc; a++)
		if (strcmp(argv[a], "--types") == 0 && (o->K = parse_model_types(argv[a + 1])) < 0)
			return 2;
	o->partial_trust = (1u << o->K) - 1;
	for (a = 0; a < argc; a++)
	{
		if (CLI_OPT("--types"))
			a++;
		else if (CLI_OPT("--train-sets"))
		{
			o->train_sets_arg = argv[++a];
			if ((o->ntrain_sets = parse_sets(argv[a], o->K, o->train_sets)) < 0)
				return 2;
		}
		else if (CLI_OPT("--partial-sets"))
		{
			o->partial_sets_arg = argv[++a];
			if ((o->npartial_sets = parse_sets(argv[a], o->K, o->partial_sets)) < 0)
				return 2;
		}
		else if (strcmp(argv[a], "--partial-dev") == 0)
			o->partial_dev = 1;
		else if (CLI_OPT("--name"))
			o->name = argv[++a];
		else if (CLI_OPT("--corpus-dir"))
			o->corpus_dir = argv[++a];
		else if (CLI_OPT("--gazetteer-dir"))
			o->gaz_dir = argv[++a];
		else if (CLI_OPT("--list-dir"))
			o->list_dir = argv[++a];
		else if (CLI_OPT("--train") && o->ntrain < MAX_CORPORA)
			o->train[o->ntrain++] = argv[++a];
		else if (CLI_OPT("--silver") && o->nsilver < MAX_CORPORA)
			o->silver[o->nsilver++] = argv[++a];
		else if (CLI_OPT("--silver-credit"))
			o->silver_credit = argv[++a];
		else if (CLI_OPT("--affinity-text") && o->naff_text < MAX_CORPORA)
			o->aff_text[o->naff_text++] = argv[++a];
		else if (CLI_OPT("--affinity-credit"))
			o->aff_credit = argv[++a];
		else if (CLI_OPT("--partial") && o->npartial < MAX_CORPORA)
			o->partial[o->npartial++] = argv[++a];
		else if (CLI_OPT("--partial-types"))
		{
			if (parse_types(argv[++a], o->K, &o->partial_trust) != 0)
				return 2;
		}
		else if (CLI_OPT("--dev") && o->ndev < MAX_CORPORA)
			o->dev[o->ndev++] = argv[++a];
		else if (CLI_OPT("--out"))
			o->out = argv[++a];
		else if (CLI_OPT("--card"))
			o->card = argv[++a];
		else if (CLI_OPT("--c1"))
			o->c1 = atof(argv[++a]);
		else if (CLI_OPT("--c2"))
			o->c2 = atof(argv[++a]);
		else if (CLI_OPT("--margin") || CLI_OPT("--margin-missed"))
		{
			double		cost = atof(argv[a + 1]);

			if (!(cost >= 0.0 && cost < 1e6))
			{
				fprintf(stderr, "persner train: %s wants a cost from 0 to 1e6\n", argv[a]);
				return 2;
			}
			if (strcmp(argv[a], "--margin") == 0)
				o->margin = cost;
			else
				o->margin_missed = cost;
			a++;
		}
		else if (CLI_OPT("--press-lines"))
		{
			char	   *end;
			long		n = strtol(argv[++a], &end, 10);

			if (*argv[a] == '\0' || *end != '\0' || n < 0 || n > PRESS_MAX_LINES)
			{
				fprintf(stderr, "persner train: --press-lines wants a count from 0 to %d\n", PRESS_MAX_LINES);
				return 2;
			}
			o->press_lines = (int) n;
		}
		else if (CLI_OPT("--prune"))
			o->prune = atof(argv[++a]);
		else if (CLI_OPT("--iters"))
			o->iters = atoi(argv[++a]);
		else if (CLI_OPT("--min-count"))
			o->min_count = atoi(argv[++a]);
		else if (CLI_OPT("--threads"))
			o->threads = atoi(argv[++a]);
		else if (CLI_OPT("--augment"))
			o->augment = atoi(argv[++a]);
		else if (CLI_OPT("--clusters"))
			o->clusters = atoi(argv[++a]);
		else if (CLI_OPT("--cluster-sizes"))
		{
			a++;
			if (sscanf(argv[a], "%d,%d", &o->cfine, &o->ccoarse) != 2 ||
				o->cfine < 1 || o->cfine > PERSNER_CLUSTER_MAX_CLASSES ||
				o->ccoarse < 1 || o->ccoarse > PERSNER_CLUSTER_MAX_CLASSES)
			{
				fprintf(stderr, "persner train: --cluster-sizes wants FINE,COARSE (1..65535)\n");
				return 2;
			}
		}
		else if (CLI_OPT("--flags"))
			o->flags = (uint32_t) strtoul(argv[++a], NULL, 0);
		else if (CLI_OPT("--scheme"))
		{
			a++;
			if (strcmp(argv[a], "bio") == 0)
				o->scheme = PERSNER_BIO;
			else if (strcmp(argv[a], "bioes") == 0)
				o->scheme = PERSNER_BIOES;
			else
			{
				fprintf(stderr, "persner train: --scheme is bio or bioes\n");
				return 2;
			}
		}
		else
		{
			fprintf(stderr, "persner train: unknown or incomplete option \"%s\"\n", argv[a]);
			return 2;
		}
	}
	if (o->out == NULL)
	{
		/* no default: one that named a committed model would overwrite it */
		fprintf(stderr, "persner train: --out FILE is required (make model writes model/peyma.model and model/fa10.model)\n");
		return 2;
	}
	if (o->ntrain == 0)
	{
		snprintf(o->default_train, sizeof(o->default_train), "%s/peyma/train.txt", o->corpus_dir);
		o->train[o->ntrain++] = o->default_train;
	}
	if (o->ndev == 0)
	{
		snprintf(o->default_dev, sizeof(o->default_dev), "%s/peyma/dev.txt", o->corpus_dir);
		o->dev[o->ndev++] = o->default_dev;
	}
	/*
	 * A missing list inside a folder is a warning (read_lexicon), but a
	 * missing folder is an error: the defaults are relative to the current
	 * directory, and run from elsewhere they would quietly train a model
	 * without gazetteers.  An empty folder says "none".
	 */
	if ((o->flags & PERSNER_FEAT_GAZ) &&
		(!is_dir(o->gaz_dir, "--gazetteer-dir") || !is_dir(o->list_dir, "--list-dir")))
		return 2;
	return 0;
}

static int
say_failed(const char *what, PersnerStatus st)
{
	fprintf(stderr, "persner train: %s: %s\n", what, persner_strerror(st));
	return 1;
}

/* the number of head words of affinity group g */
static int
aff_nheads(int g)
{
	int			n = 0;

	while (persner_aff_heads[g][n] != NULL)
		n++;
	return n;
}

/* gazetteers and word clusters; 0 or 1 (said) */
static int
read_lexicon(const TrainOpts *o, PersnerLexicon *lx, TrainRun *run)
{
	int			f,
				nfiles = 0;
	PersnerStatus st = PERSNER_OK;

	lx->word_places = (o->flags & PERSNER_FEAT_GAZTOK) != 0;
	lx->vectors = (o->flags & PERSNER_FEAT_VECTORS) != 0;
	lx->brown = (o->flags & PERSNER_FEAT_BROWN) != 0;
	lx->affinity = (o->flags & PERSNER_FEAT_AFFINITY) != 0;
	for (f = 0; f < persner_gaz_nsources + persner_list_nsources && (o->flags & PERSNER_FEAT_GAZ); f++)
	{
		int			own = f >= persner_gaz_nsources;
		const PersnerGazSource *src = own ? &persner_list_sources[f - persner_gaz_nsources] :
			&persner_gaz_sources[f];
		char		path[4096];
		size_t		len;
		char	   *buf;

		snprintf(path, sizeof(path), "%s/%s", own ? o->list_dir : o->gaz_dir, src->path);
		if ((buf = read_file(path, &len)) == NULL)
		{
			fprintf(stderr, "persner: warning: gazetteer %s: %s\n", path, strerror(errno));
			continue;
		}
		nfiles++;
		st = persner_lexicon_gaz_list(lx, src, buf, len);
		free(buf);
		if (st != PERSNER_OK)
			return say_failed("gazetteers", st);
	}
	if ((o->flags & PERSNER_FEAT_GAZ) && (st = persner_lexicon_gaz_extras(lx)) != PERSNER_OK)
		return say_failed("gazetteers", st);
	run->ngaz = lx->gaz.n;
	fprintf(stderr, "persner train: %u gazetteer keys from %d files\n", lx->gaz.n, nfiles);
	if (!o->clusters || !(o->flags & PERSNER_FEAT_CLUSTER))
	{
		if (lx->affinity)
			fprintf(stderr, "persner: warning: the head-word affinities are counted over the "
					"clusters' text: without clusters there are none\n");
		return 0;
	}

	run->t_clus = now_seconds();
	for (f = 0; f < persner_cluster_nsources; f++)
	{
		char		path[4096];
		size_t		len;
		char	   *buf;

		snprintf(path, sizeof(path), "%s/%s", o->corpus_dir, persner_cluster_sources[f]);
		if ((buf = read_file(path, &len)) == NULL)
		{
			fprintf(stderr, "persner: warning: %s: %s\n", path, strerror(errno));
			continue;
		}
		st = persner_lexicon_text(lx, buf, len);
		free(buf);
		if (st != PERSNER_OK)
			return say_failed("word clusters", st);
	}
	for (f = 0; lx->affinity && f < o->naff_text; f++)
	{
		size_t		len;
		char	   *buf;

		if ((buf = read_file(o->aff_text[f], &len)) == NULL)
		{
			fprintf(stderr, "persner train: %s: %s\n", o->aff_text[f], strerror(errno));
			return 1;
		}
		st = persner_lexicon_affinity_text(lx, buf, len);
		free(buf);
		if (st != PERSNER_OK)
			return say_failed("head-word affinities", st);
	}
	if ((st = persner_lexicon_cluster(lx, 3, o->cfine, o->ccoarse)) != PERSNER_OK)
		return say_failed("word clusters", st);
	if (lx->affinity)
	{
		if ((st = persner_lexicon_affinity(lx, 3)) != PERSNER_OK)
			return say_failed("head-word affinities", st);
		run->naffinity = lx->naffinity;
		run->aff_tokens = lx->aff.tokens;
		fprintf(stderr, "persner train: %u words with head-word affinities, counted over %llu "
				"words of text\n", lx->naffinity, (unsigned long long) lx->aff.tokens);
	}
	run->nclustered = lx->nclustered;
	run->t_clus = now_seconds() - run->t_clus;
	fprintf(stderr, "persner train: %u words clustered in %.1fs\n", lx->nclustered, run->t_clus);
	if (lx->brown && lx->nclustered > 0)
		fprintf(stderr, "persner train: Brown tree over %d classes: leaf depth %u to %u, "
				"%.1f on average over the words\n", o->cfine, lx->brown_depth[0],
				lx->brown_depth[1], lx->brown_mean);
	return 0;
}

/* the model's types that corpus c names (bit k) */
static uint32_t
named_types(const PersnerCorpus *c, int K)
{
	uint32_t	named = 0;
	size_t		i;

	for (i = 0; i < c->ntok; i++)
	{
		int			k = c->type[i] ? persner_type_index(c->type[i], strlen(c->type[i])) : -1;

		if (k >= 0 && k < K)
			named |= 1u << k;
	}
	return named;
}

/*
 * --press-lines: that many press-review lines (press.h) from the first
 * training corpus c and the outlets of the list folder's press.txt, added
 * to ds as c is (its label sets, the ZWNJ variants); 0 or 1 (said)
 */
static int
add_press_lines(const TrainOpts *o, PersnerDataset *ds, const PersnerCorpus *c)
{
	char		path[4096];
	size_t		len,
				tlen;
	char	   *list,
			   *text = NULL;
	PersnerCorpus pc;
	PersnerStatus st;

	snprintf(path, sizeof(path), "%s/%s", o->list_dir, PRESS_LIST);
	if ((list = read_file(path, &len)) == NULL)
	{
		fprintf(stderr, "persner train: --press-lines: %s: %s\n", path, strerror(errno));
		return 1;
	}
	st = persner_press_lines(c, list, len, o->press_lines, &text, &tlen);
	free(list);
	if (st == PERSNER_OK)
	{
		st = persner_corpus_parse(text, tlen, &pc);
		if (st == PERSNER_OK)
			st = persner_dataset_add(ds, &pc, o->augment, 0, 0, o->train_sets, o->ntrain_sets);
		persner_corpus_free(&pc);
	}
	persner_free(text);
	return st == PERSNER_OK ? 0 : say_failed(path, st);
}

/* the labelled corpora (a partial one less its dev split with --partial-dev); 0 or 1 (said) */
static int
read_dataset(const TrainOpts *o, PersnerDataset *ds, TrainRun *run)
{
	int			a;

	ds->K = o->K;
	ds->W = o->scheme;
	for (a = 0; a < o->ntrain + o->npartial; a++)
	{
		int			partial = a >= o->ntrain;
		const char *path = partial ? o->partial[a - o->ntrain] : o->train[a];
		PersnerCorpus c;
		PersnerStatus st;

		if (corpus_read(path, &c) != 0)
			return 1;
		if (partial)
			run->partial_named[a - o->ntrain] = named_types(&c, o->K);
		else
			run->train_named |= named_types(&c, o->K);
		if (partial && o->partial_dev)
			persner_corpus_split(&c, 0);
		st = persner_dataset_add(ds, &c, o->augment, partial, partial ? o->partial_trust : 0,
								 partial ? o->partial_sets : o->train_sets,
								 partial ? o->npartial_sets : o->ntrain_sets);
		if (st == PERSNER_OK && a == 0 && o->press_lines > 0)
		{
			run->press_sent = ds->nsent;
			if (add_press_lines(o, ds, &c) != 0)
			{
				persner_corpus_free(&c);
				return 1;
			}
			run->press_sent = ds->nsent - run->press_sent;
		}
		persner_corpus_free(&c);
		if (st != PERSNER_OK)
			return say_failed(path, st);
	}
	/* silver corpora: read as labelled, their "?" tokens as unknown (dataset.h) */
	run->silver_sent = ds->nsent;
	run->silver_tok = ds->ntok;
	for (a = 0; a < o->nsilver; a++)
	{
		PersnerCorpus c;
		PersnerStatus st;

		if (corpus_read(o->silver[a], &c) != 0)
			return 1;
		st = persner_dataset_add(ds, &c, o->augment, 0, 0, NULL, 0);
		persner_corpus_free(&c);
		if (st != PERSNER_OK)
			return say_failed(o->silver[a], st);
	}
	run->silver_sent = ds->nsent - run->silver_sent;
	run->silver_tok = ds->ntok - run->silver_tok;
	fprintf(stderr, "persner train: %zu sentences, %zu tokens (augmented: %s; silver: %zu sentences, %zu tokens)\n",
			ds->nsent, ds->ntok, o->augment ? "yes" : "no", run->silver_sent, run->silver_tok);
	return 0;
}

static void
progress(void *arg, int iter, double loss, double gnorm, double seconds)
{
	(void) arg;
	if (iter % 10 == 0 || iter < 3)
		fprintf(stderr, "  iter %4d  loss %14.4f  |g| %12.4f  %7.1fs\n", iter, loss, gnorm, seconds);
}

static void
report_bias(void *arg, int label, float shift, double f1)
{
	const PersnerBuild *b = arg;

	if (label == PERSNER_BUILD_DOC_BONUS)
		fprintf(stderr, "persner train: document bonus %.2f: dev F1 %.2f\n", shift, f1);
	else if (label < 0)
		fprintf(stderr, "persner train: no bias shift: dev F1 %.2f\n", f1);
	else
		fprintf(stderr, "persner train: %s bias %+.2f: dev F1 %.2f\n",
				label == PERSNER_TAG_O ? "O" : persner_type_names[PERSNER_TAG_TYPE(b->scheme, label)],
				shift, f1);
}

/* the settings line of the metadata and the card */
static void
format_settings(const TrainOpts *o, const PersnerBuild *b, const TrainRun *run, char *buf,
				size_t size)
{
	size_t		n,
				tn = 0;
	char		trusted[64] = "-",
				margin[64] = "",
				press[32] = "";
	int			a;

	for (a = 0; a < o->K && o->npartial > 0; a++)
		if (o->partial_trust & (1u << a))
			tn += (size_t) snprintf(trusted + tn, sizeof(trusted) - tn, "%s%s",
									tn ? "," : "", persner_type_names[a]);
	/* BIO, the first scheme, and no margin go unsaid: such models' settings read as before */
	if (o->margin != 0 || o->margin_missed > 0)
		snprintf(margin, sizeof(margin), " margin=%g,%g", o->margin,
				 o->margin_missed < 0 ? o->margin : o->margin_missed);
	if (o->press_lines > 0)
		snprintf(press, sizeof(press), " press=%d", o->press_lines);
	n = (size_t) snprintf(buf, size,
						  "c1=%g c2=%g iters=%d (ran %d) min_count=%d prune=%g augment=%d "
						  "partial=%d partial_types=%s silver=%zu flags=0x%x clusters=%u (%d,%d classes)%s%s%s bias shifts:",
						  o->c1, o->c2, o->iters, b->iterations, o->min_count, o->prune, o->augment,
						  o->npartial, trusted, run->silver_tok, o->flags, run->nclustered, o->cfine, o->ccoarse,
						  o->scheme == PERSNER_BIOES ? " scheme=bioes" : "", margin, press);
	for (a = 0; a < PERSNER_L_OF(b->scheme, o->K) && n < size; a++)
		if (b->shift[a] != 0)
		{
			char		name[PERSNER_TAG_NAME_MAX];

			n += (size_t) snprintf(buf + n, size - n, " %s %+.1f",
								   persner_tag_name(b->scheme, a, a ? persner_type_names[PERSNER_TAG_TYPE(b->scheme, a)] : NULL,
													name), b->shift[a]);
		}
	if (n < size && buf[n - 1] == ':')
		n += (size_t) snprintf(buf + n, size - n, " none");
	if (n < size)
		snprintf(buf + n, size - n, "; document bonus %.2f", b->doc_bonus / 100.0);
}

/* a path by its last two parts ("arman/train.txt") */
static const char *
short_path(const char *path)
{
	const char *p = path + strlen(path);
	int			slashes = 0;

	while (p > path && !(p[-1] == '/' && ++slashes == 2))
		p--;
	return p;
}

/* the corpus line of the metadata: the partial and silver corpora by their last two path parts */
static void
format_corpus(const TrainOpts *o, const char *base, char *buf, size_t size)
{
	size_t		n = (size_t) snprintf(buf, size, "%s", base);
	int			a;

	for (a = 0; a < o->npartial && n < size; a++)
		n += (size_t) snprintf(buf + n, size - n, "%s %s", a ? "" : "; partially labelled:",
							   short_path(o->partial[a]));
	for (a = 0; a < o->nsilver && n < size; a++)
		n += (size_t) snprintf(buf + n, size - n, "%s %s", a ? "" : "; silver:",
							   short_path(o->silver[a]));
}

/* a list of the model's types in mask (bit k), "PER, LOC, ..." */
static void
format_types(int K, uint32_t mask, const char *sep, char *buf, size_t size)
{
	size_t		n = 0;
	int			k;

	buf[0] = '\0';
	for (k = 0; k < K && n < size; k++)
		if (mask & (1u << k))
			n += (size_t) snprintf(buf + n, size - n, "%s%s", n ? sep : "", persner_type_names[k]);
}

/* the dev scores table of the card */
static void
card_table(FILE *f, const PersnerEval *ec)
{
	double		pp,
				rr,
				ff;
	long		ng = 0;
	int			k;

	fprintf(f, "| label | precision | recall | F1 | gold |\n|---|---:|---:|---:|---:|\n");
	for (k = 0; k < ec->ntypes; k++)
	{
		ff = persner_eval_f1(ec, k, &pp, &rr);
		fprintf(f, "| %s | %.2f | %.2f | %.2f | %ld |\n", ec->names[k], pp, rr, ff, ec->ngold[k]);
		ng += ec->ngold[k];
	}
	ff = persner_eval_f1(ec, -1, &pp, &rr);
	fprintf(f, "| **overall** | **%.2f** | **%.2f** | **%.2f** | %ld |\n", pp, rr, ff, ng);
}

/* what the scores are worth: the predicted entities of each score band, and the right ones */
static void
card_bands(FILE *f, const PersnerEval *ec)
{
	fprintf(f, "What a score is worth here (`--scores`): the entities found in each score band, "
			"and the share that is right.\n\n| score | entities | right |\n|---|---:|---:|\n");
	for (int b = 0; b < PERSNER_EVAL_BANDS; b++)
	{
		fprintf(f, "| %.2f", persner_eval_band_floor[b]);
		if (b + 1 < PERSNER_EVAL_BANDS)
			fprintf(f, " to %.2f", persner_eval_band_floor[b + 1]);
		else
			fputs(" and up", f);
		if (ec->band_pred[b] > 0)
			fprintf(f, " | %ld | %.1f%% |\n", ec->band_pred[b],
					100.0 * ec->band_tp[b] / ec->band_pred[b]);
		else
			fputs(" | 0 | - |\n", f);
	}
}

/* the data section of a model with more types than PEYMA's: how each corpus was read */
static void
card_data_sets(FILE *f, const TrainOpts *o, const TrainRun *run)
{
	const uint32_t all = (1u << o->K) - 1;
	char		lack[256],
				trusted[256];

	format_types(o->K, all & ~run->train_named, ", ", lack, sizeof(lack));
	fprintf(f, "- PEYMA names no %s, so a PEYMA word outside every mention may also be one of "
			"those: the trainer reads its sentences as label sets.%s%s%s\n", lack,
			o->train_sets_arg ? " Its mentions are read with the label sets `" : "",
			o->train_sets_arg ? o->train_sets_arg : "", o->train_sets_arg ? "` (see below)." : "");
	if (o->npartial == 0)
		return;
	format_types(o->K, all & ~run->partial_named[0], ", ", lack, sizeof(lack));
	format_types(o->K, o->partial_trust, ", ", trusted, sizeof(trusted));
	fprintf(f, "- Partially labelled: ArmanPersoNERCorpus (Poostchi et al. 2016, 2018), fold 1's "
			"training file, also released for research use%s. Its mentions of %s keep their "
			"labels%s%s%s; it names no %s, so its words outside every mention may also be those.\n",
			o->partial_dev ? ", less its dev split (sentences 450-499 of every 500, 10%: held out "
			"for choosing settings and bias shifts, never trained on)" : "", trusted,
			o->partial_sets_arg ? ", except where the label sets `" : "",
			o->partial_sets_arg ? o->partial_sets_arg : "",
			o->partial_sets_arg ? "` apply (see below)" : "", lack);
}

static int
write_card(const TrainOpts *o, const PersnerBuild *b, const TrainRun *run)
{
	FILE	   *f = fopen(o->card, "w");
	char		types[256];
	int			k,
				a;

	if (f == NULL)
	{
		fprintf(stderr, "persner: could not write \"%s\": %s\n", o->card, strerror(errno));
		return 1;
	}
	format_types(o->K, (1u << o->K) - 1, ", ", types, sizeof(types));
	fprintf(f, "# Model card: %s\n\n", o->name);
	fprintf(f, "`%s` is a linear-chain CRF for Persian named entities, trained by "
			"`make model` (`bin/persner train`) with persner %s.\n\n", o->out, PERSNER_VERSION);
	fprintf(f, "## Data and licence\n\n");
	fprintf(f, "- Labelled: the PEYMA training split (Shahshahani et al. 2018, \"PEYMA: A Tagged "
			"Corpus for Persian Named Entities\"), %zu sentences and %zu tokens after ZWNJ "
			"augmentation%s. PEYMA is released for research use, and this model inherits that "
			"restriction: use it for research.\n", run->nsent - run->silver_sent, run->ntok - run->silver_tok,
			o->npartial > 0 ? " (with the partially labelled corpus below)" : "");
	if (o->K != PERSNER_NTYPES_PEYMA)
		card_data_sets(f, o, run);
	else if (o->npartial > 0)
		fprintf(f, "- Partially labelled: ArmanPersoNERCorpus (Poostchi et al. 2016, 2018), also "
				"released for research use. It names people, places and organizations but no dates, "
				"times, money or percentages, and draws the line between places and organizations "
				"otherwise than PEYMA, so the trainer reads it as label sets: a word inside a mention "
				"of a trusted type (`--partial-types`, see the settings) has that label; a word "
				"outside every mention may take any label but the trusted types; a word inside a "
				"mention of another type may take any label.\n");
	if (run->press_sent > 0)
		fprintf(f, "- Synthetic press-review lines (%zu sentences with their ZWNJ variants, counted "
				"above): each an outlet of the project's own list `lists/%s`, labelled ORG, a colon, "
				"and a sentence of the first training corpus with its labels, as a press review "
				"writes its lines (`src/core/train/press.h`).\n", run->press_sent, PRESS_LIST);
	for (a = 0; a < o->nsilver; a++)
		fprintf(f, "- Silver-labelled (self-training): `%s`, written by `persner silver` from "
				"unlabelled text (%s) with a first-stage model trained on the data above: its "
				"labels where that model was confident, and where it was not, a label the trainer "
				"leaves open (the token may take any label). %zu sentences, %zu tokens in all.\n",
				short_path(o->silver[a]),
				o->silver_credit ? o->silver_credit : "its origin not given: `--silver-credit`",
				run->silver_sent, run->silver_tok);
	fprintf(f, "- Labels: %s%s, %s.\n", types,
			o->K == PERSNER_NTYPES_PEYMA ? " (PEYMA's scheme)" : "",
			o->scheme == PERSNER_BIOES ?
			"BIOES-encoded (B-, I-, E- for the last word of a mention of several, S- for a "
			"one-word mention; the tagger hands out BIO)" : "BIO-encoded");
	fprintf(f, "- Gazetteers compiled into the model (%u keys): person names, countries, "
			"cities and divisions of Iran, universities, banks, calendar terms, currencies, "
			"percent words, and WikiANN's silver person, organization and place names, "
			"from the project's shared gazetteer folder:\n", run->ngaz);
	for (a = 0; a < persner_gaz_nsources; a++)
		fprintf(f, "  - `%s`: %s\n", persner_gaz_sources[a].path, persner_gaz_sources[a].credit);
	fprintf(f, "- Curated lists compiled into the same gazetteer: organization, product and event "
			"names written for persner from general knowledge (never from the corpora), from the "
			"project's list folder:\n");
	for (a = 0; a < persner_list_nsources; a++)
		fprintf(f, "  - `lists/%s`: %s\n", persner_list_sources[a].path, persner_list_sources[a].credit);
	fprintf(f, "- Word clusters (%u words, %d and %d classes, exchange algorithm) ", run->nclustered,
			o->cfine, o->ccoarse);
	if (o->flags & PERSNER_FEAT_VECTORS)
		fprintf(f, "and classes of their %d-dimensional skip-gram vectors (k-means, %u, %u and "
				"%u classes) ", persner_vec_default.dim, persner_vec_classes[0],
				persner_vec_classes[1], persner_vec_classes[2]);
	if (o->flags & PERSNER_FEAT_BROWN)
		fprintf(f, "with a Brown merge tree over the %d fine classes ", o->cfine);
	fprintf(f, "learned from unlabelled Persian text in the shared corpora folder:\n");
	for (a = 0; a < persner_cluster_nsources; a++)
		fprintf(f, "  - `%s`: %s\n", persner_cluster_sources[a], persner_cluster_credits[a]);
	if (o->flags & PERSNER_FEAT_AFFINITY)
	{
		fprintf(f, "- Head-word affinities (%u words): how often a word follows an organization, "
				"person or place head word (%d, %d and %d heads written for persner), counted over "
				"%llu words: the text above", run->naffinity, aff_nheads(0), aff_nheads(1),
				aff_nheads(2), (unsigned long long) run->aff_tokens);
		for (a = 0; a < o->naff_text; a++)
			fprintf(f, "%s `%s`", a == 0 ? " and" : ",", o->aff_text[a]);
		if (o->naff_text > 0)
			fprintf(f, " (%s)", o->aff_credit ? o->aff_credit : "origin and licence not given");
		fputs(".\n", f);
	}
	fputc('\n', f);
	fprintf(f, "## Settings\n\n`%s`\n\n", run->settings);
	if (run->ndev > 1)
		fprintf(f, "Model selection used the PEYMA dev split and the ARMAN dev split only. The "
				"bias shifts were chosen on them too (on the mean of the two F1s, each over the "
				"labels its corpus names), so the dev scores below flatter the model: without the "
				"shifts the mean is %.2f.\n\n", run->noshift_f1);
	else
		fprintf(f, "Model selection used the PEYMA dev split only. The bias shifts were chosen "
				"on it too, so the dev scores below flatter the model: without the shifts it scores "
				"%.2f.\n\n", run->noshift_f1);
	fprintf(f, "## Size and training time\n\n%zu bytes, %u attributes with %u nonzero weights. "
			"Training took %.0f s on this project's 2-core build machine "
			"(%.0f s for the CRF, %.0f s for the word clusters).\n\n", run->imglen, b->F, b->nent,
			now_seconds() - run->t0, run->t_train, run->t_clus);
	for (k = 0; k < run->ndev; k++)
	{
		char		only[256];

		format_types(o->K, run->dev[k].named, ",", only, sizeof(only));
		if (k == 0)
			fprintf(f, "## Dev scores\n\nEntity-level (CoNLL) on the PEYMA dev split, from "
					"`bin/persner eval --model %s%s%s ../shared/corpora/peyma/dev.txt`:\n\n", o->out,
					run->ec[k].nonly ? " --labels " : "", run->ec[k].nonly ? only : "");
		else
			fprintf(f, "On the ARMAN dev split (held out from training), from "
					"`bin/persner eval --model %s --dev-split --labels %s "
					"../shared/corpora/arman/train.txt`:\n\n", o->out, only);
		card_table(f, &run->ec[k]);
		if (run->ndev > 1)
			fprintf(f, "\nWithout the bias shifts: %.2f.\n\n", run->noshift_dev[k]);
		else
			fputc('\n', f);
		card_bands(f, &run->bands[k]);
		if (k + 1 < run->ndev)
			fputc('\n', f);
	}
	return fclose(f) == 0 ? 0 : 1;
}

/*
 * The dev corpora, each scored on the types its training corpus names:
 * the --dev files (PEYMA dev) on those of the --train corpora, the dev
 * split of each partial corpus (--partial-dev) on its own.  A model with
 * PEYMA's types scores PEYMA dev on every type, as before.  0, or 1 (said).
 */
static int
read_dev(const TrainOpts *o, TrainRun *run)
{
	const uint32_t all = (1u << o->K) - 1;
	int			a;

	run->ndev = 0;
	for (a = 0; a < o->ndev + (o->partial_dev ? o->npartial : 0) && run->ndev < PERSNER_BUILD_MAX_DEV; a++)
	{
		DevSet	   *d = &run->dev[run->ndev];
		PersnerEval *ec = &run->ec[run->ndev];
		char		only[256];
		int			k;

		d->split = a >= o->ndev;
		d->path = d->split ? o->partial[a - o->ndev] : o->dev[a];
		d->named = d->split ? run->partial_named[a - o->ndev] : run->train_named;
		if (corpus_read(d->path, &d->c) != 0)
		{
			if (d->split)
				return 1;
			fprintf(stderr, "persner train: warning: no dev split \"%s\"\n", d->path);
			continue;
		}
		if (d->split)
			persner_corpus_split(&d->c, 1);
		memset(ec, 0, sizeof(*ec));
		if (d->named != all)
		{
			only[0] = '\0';
			for (k = 0; k < o->K; k++)
				if (d->named & (1u << k))
					snprintf(only + strlen(only), sizeof(only) - strlen(only), "%s%s",
							 only[0] ? "," : "", persner_type_names[k]);
			(void) persner_eval_only(ec, only);
		}
		run->ndev++;
	}
	return 0;
}

/* fit, prune, choose the bias shifts; 0 or 1 (said) */
static int
fit_model(const TrainOpts *o, const PersnerAttrs *attrs, const PersnerLexicon *lx,
		  PersnerBuild *b, TrainRun *run)
{
	PersnerTrainParams tp;
	PersnerCorpus dev[PERSNER_BUILD_MAX_DEV];
	PersnerStatus st;
	double		t1 = now_seconds();
	int			d;

	persner_train_defaults(&tp);
	tp.c1 = o->c1;
	tp.c2 = o->c2;
	tp.margin = o->margin;
	tp.margin_missed = o->margin_missed < 0 ? o->margin : o->margin_missed;
	tp.max_iter = o->iters;
	tp.threads = o->threads;
	tp.progress = progress;
	if ((st = persner_build_fit(b, attrs, &tp)) != PERSNER_OK)
		return say_failed("training failed", st);
	run->t_train = now_seconds() - t1;
	fprintf(stderr, "persner train: %d iterations, loss %.3f, %.1fs\n", b->iterations, b->loss,
			run->t_train);
	if ((st = persner_build_prune(b, attrs, o->prune)) != PERSNER_OK ||
		(st = persner_build_lexicon(b, lx, o->flags)) != PERSNER_OK)
		return say_failed("could not build the model", st);

	if (read_dev(o, run) != 0)
		return 1;
	if (run->ndev == 0)
	{
		fprintf(stderr, "persner train: warning: no dev split: no bias shifts\n");
		return 0;
	}
	for (d = 0; d < run->ndev; d++)
		dev[d] = run->dev[d].c;
	st = persner_build_select_bias(b, dev, run->ndev, report_bias, b, &run->noshift_f1,
								   run->noshift_dev, &run->best_f1, run->ec);
	if (st == PERSNER_OK)
	{
		double		f1;

		/* what the chosen model's scores are worth on dev (the card) */
		memcpy(run->bands, run->ec, sizeof(run->bands));
		for (d = 0; d < run->ndev; d++)
			run->bands[d].by_score = 1;
		st = persner_build_score(b, dev, run->ndev, run->bands, &f1);
	}
	for (d = 0; d < run->ndev; d++)
		persner_corpus_free(&run->dev[d].c);
	if (st != PERSNER_OK)
		return say_failed("bias shifts", st);
	return 0;
}

/* the model bytes with their metadata, to o->out; 0 or 1 (said) */
static int
write_model(const TrainOpts *o, PersnerBuild *b, TrainRun *run)
{
	static const char *const meta_keys[] = {"name", "corpus", "licence", "settings", "dev_f1", "version"};
	const char *meta_vals[6];
	char		corpus[256],
				f1[32];
	uint8_t    *img = NULL;
	PersnerStatus st;
	int			rc,
				a;

	format_settings(o, b, run, run->settings, sizeof(run->settings));
	format_corpus(o, "PEYMA train split (Shahshahani et al. 2018)", corpus, sizeof(corpus));
	/* dev_f1: the first dev corpus's (PEYMA dev, over the labels PEYMA names), comparable across models */
	snprintf(f1, sizeof(f1), "%.2f", run->ndev > 0 ? persner_eval_f1(&run->ec[0], -1, NULL, NULL) : run->best_f1);
	meta_vals[0] = o->name;
	meta_vals[1] = corpus;
	meta_vals[2] = "trained on PEYMA, released for research use; the model inherits that";
	meta_vals[3] = run->settings;
	meta_vals[4] = f1;
	meta_vals[5] = PERSNER_VERSION;
	if ((st = persner_build_write(b, 6, meta_keys, meta_vals, &img, &run->imglen)) != PERSNER_OK)
		return say_failed("could not build the model", st);
	rc = write_file(o->out, img, run->imglen);
	persner_free(img);
	if (rc != 0)
		return 1;
	fprintf(stderr, "persner train: wrote %s (%zu bytes, %u attributes, %u weights), dev F1 %.2f\n",
			o->out, run->imglen, b->F, b->nent, run->best_f1);
	for (a = 0; a < run->ndev; a++)
	{
		fprintf(stderr, "%s%s:\n", run->dev[a].path, run->dev[a].split ? " (dev split)" : "");
		eval_print(&run->ec[a], stderr);
	}
	return 0;
}

int
cmd_train(int argc, char **argv)
{
	TrainOpts	o = {
		.corpus_dir = "../shared/corpora", .gaz_dir = "../shared/gazetteers",
		.list_dir = "lists",
		.out = NULL, .card = NULL, .c1 = 0.0, .c2 = 1.0, .prune = 1e-3, .margin_missed = -1.0,
		.iters = 150, .min_count = 1, .threads = 2, .augment = 1, .clusters = 1,
		.cfine = 256, .ccoarse = 64, .K = PERSNER_NTYPES_PEYMA, .name = "peyma",
		.flags = PERSNER_FEAT_DEFAULT, .scheme = PERSNER_BIO
	};
	TrainRun	run = {0};
	PersnerLexicon lx = {0};
	PersnerDataset ds = {0};
	PersnerAttrs attrs = {0};
	PersnerBuild b = {0};
	PersnerLexView view;
	PersnerStatus st;
	int			rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	run.t0 = now_seconds();
	rc = read_lexicon(&o, &lx, &run);
	if (rc == 0)
		rc = read_dataset(&o, &ds, &run);
	if (rc == 0)
	{
		run.nsent = ds.nsent;
		run.ntok = ds.ntok;
		persner_lexicon_view(&lx, o.flags, &view);
		if ((st = persner_attrs_build(&ds, &view.lex, o.min_count, &attrs)) != PERSNER_OK)
			rc = say_failed("attributes", st);
		else
			fprintf(stderr, "persner train: %u attributes (min count %d), %zu active\n",
					attrs.F, o.min_count, attrs.nactive);
	}
	if (rc == 0)
		rc = fit_model(&o, &attrs, &lx, &b, &run);
	if (rc == 0)
		rc = write_model(&o, &b, &run);
	if (rc == 0 && o.card)
		rc = write_card(&o, &b, &run);
	persner_build_free(&b);
	persner_attrs_free(&attrs);
	persner_dataset_free(&ds);
	persner_lexicon_free(&lx);
	return rc;
}
