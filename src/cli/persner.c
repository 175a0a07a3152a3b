/*
 * persner.c - bin/persner: tag, value, train, dict, eval, bench, info
 *
 *   persner tag [--model FILE] [--format tsv|json|conll]   raw UTF-8 on stdin
 *   persner tag --pretokenized [--model FILE]              one token a line
 *   persner train --out FILE [options]                     see train.c
 *   persner eval [--model FILE] [--labels L,..] [--dev-split] [--scores] FILE...   CoNLL P/R/F1
 *   persner eval --marked [--by-category] [--model FILE] [--scores] FILE...  the same over raw marked text
 *   persner bench [--model FILE]... [--seconds S] FILE...  tokens per second (several models: in turns)
 *   persner silver [--model FILE] [--threshold P] ... FILE...  a silver corpus (silver.c)
 *   persner info FILE                                      what a model holds
 *
 * Positions printed by `tag` are those of SQL: 1-based character positions
 * with an exclusive end (json: 0-based, as the Hugging Face pipeline has it).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_MODEL "model/peyma.model"

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *
model_path_default(void)
{
	const char *e = getenv("PERSNER_MODEL");

	return e && *e ? e : DEFAULT_MODEL;
}

static void
json_string(FILE *out, const char *s, size_t n)
{
	size_t		i;

	fputc('"', out);
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
print_tag_name(FILE *out, const PersnerModel *m, int tag)
{
	char		name[PERSNER_MAX_TYPE_NAME + 3];

	fputs(persner_model_tag_name(m, tag, name), out);
}

/* --pretokenized: token per line (text after a TAB ignored), blank line ends a sentence */
static int
tag_pretokenized(PersnerTagger *tg, const PersnerModel *m, char *buf, size_t len)
{
	char	  **tok = NULL;
	size_t	   *tl = NULL;
	int		   *tags = NULL;
	size_t		n = 0,
				cap = 0;
	char	   *p = buf;
	int			rc = 0;

	while (p <= buf + len)
	{
		char	   *eol = memchr(p, '\n', (size_t) (buf + len - p));
		char	   *line = p;
		size_t		ll = eol ? (size_t) (eol - p) : (size_t) (buf + len - p);
		int			blank;

		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		{
			char	   *tab = memchr(line, '\t', ll);

			if (tab)
				ll = (size_t) (tab - line);
		}
		blank = ll == 0;
		if (!blank)
		{
			if (n + 1 > cap)
			{
				cap = cap ? 2 * cap : 256;
				tok = realloc(tok, cap * sizeof(char *));
				tl = realloc(tl, cap * sizeof(size_t));
				tags = realloc(tags, cap * sizeof(int));
				if (!tok || !tl || !tags)
				{
					fprintf(stderr, "persner: out of memory\n");
					return 1;
				}
			}
			tok[n] = line;
			tl[n] = ll;
			n++;
		}
		if ((blank || eol == NULL) && n > 0)
		{
			PersnerStatus st = persner_tagger_tag_tokens(tg, (const char *const *) tok, tl, n, tags, NULL);
			size_t		i;

			if (st != PERSNER_OK)
			{
				fprintf(stderr, "persner tag: %s\n", persner_strerror(st));
				rc = 1;
				break;
			}
			for (i = 0; i < n; i++)
			{
				fwrite(tok[i], 1, tl[i], stdout);
				fputc('\t', stdout);
				print_tag_name(stdout, m, tags[i]);
				fputc('\n', stdout);
			}
			n = 0;
		}
		if (blank && eol != NULL)
			fputc('\n', stdout);
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	free(tok);
	free(tl);
	free(tags);
	return rc;
}

static int
cmd_tag(int argc, char **argv)
{
	const char *model = model_path_default();
	const char *format = "tsv";
	int			pretok = 0,
				a,
				first = 1,
				rc = 0;
	PersnerModelFile mf;
	PersnerModel *m;
	PersnerTagger *tg;
	char	   *doc;
	size_t		len;
	PersnerStatus st;

	for (a = 0; a < argc; a++)
	{
		if (strcmp(argv[a], "--model") == 0 && a + 1 < argc)
			model = argv[++a];
		else if (strcmp(argv[a], "--format") == 0 && a + 1 < argc)
			format = argv[++a];
		else if (strcmp(argv[a], "--pretokenized") == 0)
			pretok = 1;
		else
		{
			fprintf(stderr, "persner tag: unknown option \"%s\"\n", argv[a]);
			return 2;
		}
	}
	if (strcmp(format, "tsv") != 0 && strcmp(format, "json") != 0 && strcmp(format, "conll") != 0)
	{
		fprintf(stderr, "persner tag: unknown format \"%s\" (tsv, json or conll)\n", format);
		return 2;
	}
	m = load_model(model, &mf);
	if (m == NULL)
		return 1;
	if (persner_tagger_create(m, &tg) != PERSNER_OK)
	{
		fprintf(stderr, "persner tag: out of memory\n");
		return 1;
	}
	doc = read_stdin(&len);
	if (doc == NULL)
	{
		fprintf(stderr, "persner tag: could not read standard input\n");
		return 1;
	}
	if (pretok)
		rc = tag_pretokenized(tg, m, doc, len);
	else if ((st = persner_tagger_begin(tg, doc, len)) != PERSNER_OK)
	{
		fprintf(stderr, "persner tag: the input is not valid UTF-8\n");
		rc = 1;
	}
	else
	{
		const PersnerEntity *e;
		const PersnerTokenInfo *ti;
		size_t		ne,
					nt,
					i;

		if (strcmp(format, "json") == 0)
			fputc('[', stdout);
		while ((st = persner_tagger_next(tg, &e, &ne, &ti, &nt)) == PERSNER_OK)
		{
			if (strcmp(format, "conll") == 0)
			{
				for (i = 0; i < nt; i++)
				{
					fwrite(doc + ti[i].bbeg, 1, ti[i].bend - ti[i].bbeg, stdout);
					fputc('\t', stdout);
					print_tag_name(stdout, m, ti[i].tag);
					fputc('\n', stdout);
				}
				if (nt > 0)
					fputc('\n', stdout);
				continue;
			}
			for (i = 0; i < ne; i++)
			{
				const char *label = persner_model_type(m, e[i].type);

				if (strcmp(format, "tsv") == 0)
				{
					printf("%u\t%u\t%s\t", e[i].cbeg + 1, e[i].cend + 1, label);
					fwrite(doc + e[i].bbeg, 1, e[i].bend - e[i].bbeg, stdout);
					printf("\t%.4f\n", e[i].score);
				}
				else
				{
					printf("%s{\"entity_group\":\"%s\",\"word\":", first ? "" : ",", label);
					json_string(stdout, doc + e[i].bbeg, e[i].bend - e[i].bbeg);
					printf(",\"start\":%u,\"end\":%u,\"score\":%.4f}", e[i].cbeg, e[i].cend, e[i].score);
					first = 0;
				}
			}
		}
		if (st != PERSNER_DONE)
		{
			fprintf(stderr, "persner tag: %s\n", persner_strerror(st));
			rc = 1;
		}
		if (strcmp(format, "json") == 0)
			fputs("]\n", stdout);
	}
	free(doc);
	persner_tagger_free(tg);
	persner_model_unmap(&mf);
	return rc;
}

/* the categories of --by-category, shared by name across the files */
typedef struct Categories
{
	int			n;
	char	  **names;			/* [n] */
	PersnerEval **ec;			/* [n] */
} Categories;

/* the category named name, added (with ec's only-list) if new; NULL when out of memory */
static PersnerEval *
category(Categories *cs, const char *name, const PersnerEval *ec)
{
	char	  **names;
	PersnerEval **ecs;

	for (int c = 0; c < cs->n; c++)
		if (strcmp(cs->names[c], name) == 0)
			return cs->ec[c];
	names = realloc(cs->names, (cs->n + 1) * sizeof(*names));
	if (names == NULL)
		return NULL;
	cs->names = names;
	ecs = realloc(cs->ec, (cs->n + 1) * sizeof(*ecs));
	if (ecs == NULL)
		return NULL;
	cs->ec = ecs;
	if ((names[cs->n] = strdup(name)) == NULL || (ecs[cs->n] = malloc(sizeof(PersnerEval))) == NULL)
		return NULL;
	*ecs[cs->n] = *ec;			/* the only-list */
	persner_eval_reset(ecs[cs->n]);
	return ecs[cs->n++];
}

/*
 * --marked: one file of sentences with gold entities marked inline
 * (marked.h); 0, or 1 after saying why (a malformed file: its name and line)
 */
static int
eval_marked_file(const char *path, const PersnerModel *m, PersnerEval *ec, Categories *cs)
{
	size_t		len;
	char	   *buf = read_file(path, &len);
	PersnerMarked mk;
	PersnerMarkedError err;
	PersnerEval **bycat = NULL;
	PersnerStatus st;

	if (buf == NULL)
	{
		fprintf(stderr, "persner eval: could not read \"%s\": %s\n", path, strerror(errno));
		return 1;
	}
	st = persner_marked_parse(buf, len, &mk, &err);
	free(buf);
	if (st == PERSNER_EFORMAT || st == PERSNER_EUTF8)
		fprintf(stderr, "persner eval: %s:%zu: %s\n", path, err.lineno, err.what);
	else if (st == PERSNER_OK && cs != NULL &&
			 (bycat = calloc((size_t) mk.ncategories + 1, sizeof(*bycat))) == NULL)
		st = PERSNER_ENOMEM;
	for (int c = 0; st == PERSNER_OK && cs != NULL && c < mk.ncategories; c++)
		if ((bycat[c] = category(cs, mk.categories[c], ec)) == NULL)
			st = PERSNER_ENOMEM;
	if (st == PERSNER_OK)
	{
		st = persner_eval_marked(ec, bycat, m, &mk);
		if (st != PERSNER_OK)
			fprintf(stderr, "persner eval: tagging failed: %s\n", persner_strerror(st));
	}
	else if (st != PERSNER_EFORMAT && st != PERSNER_EUTF8)
		fprintf(stderr, "persner eval: could not read \"%s\": %s\n", path, persner_strerror(st));
	free(bycat);
	persner_marked_free(&mk);
	return st == PERSNER_OK ? 0 : 1;
}

/* a labelled corpus (PEYMA or CoNLL); 0, or 1 after saying why */
static int
eval_corpus_file(const char *path, const PersnerModel *m, PersnerEval *ec, int dev_split)
{
	PersnerCorpus c;
	PersnerStatus st;

	if (corpus_read(path, &c) != 0)
		return 1;
	if (dev_split)
		persner_corpus_split(&c, 1);	/* ARMAN's dev split */
	st = persner_eval_corpus(ec, m, &c);
	persner_corpus_free(&c);
	if (st != PERSNER_OK)
	{
		fprintf(stderr, "persner eval: tagging failed: %s\n", persner_strerror(st));
		return 1;
	}
	return 0;
}

static int
cmd_eval(int argc, char **argv)
{
	const char *model = model_path_default();
	PersnerModelFile mf;
	PersnerModel *m;
	PersnerEval ec;
	Categories cs = {0, NULL, NULL};
	int			a,
				nfiles = 0,
				dev_split = 0,
				marked = 0,
				by_category = 0,
				rc = 0;

	memset(&ec, 0, sizeof(ec));
	for (a = 0; a < argc; a++)
		if (strcmp(argv[a], "--model") == 0 && a + 1 < argc)
			model = argv[++a];
		else if (strcmp(argv[a], "--labels") == 0 && a + 1 < argc)
		{
			if (persner_eval_only(&ec, argv[++a]) != PERSNER_OK)
			{
				fprintf(stderr, "persner eval: --labels: too many or too long labels\n");
				return 2;
			}
		}
		else if (strcmp(argv[a], "--dev-split") == 0)
			dev_split = 1;
		else if (strcmp(argv[a], "--marked") == 0)
			marked = 1;
		else if (strcmp(argv[a], "--by-category") == 0)
			by_category = 1;
		else if (strcmp(argv[a], "--scores") == 0)
			ec.by_score = 1;
		else if (strncmp(argv[a], "--", 2) == 0)
		{
			fprintf(stderr, "persner eval: unknown option \"%s\"\n", argv[a]);
			return 2;
		}
		else
			nfiles++;
	if (nfiles == 0 || (by_category && !marked) || (dev_split && marked))
	{
		fprintf(stderr, "usage: persner eval [--model FILE] [--labels L,L...] [--dev-split] [--scores] FILE...\n"
				"       persner eval --marked [--by-category] [--model FILE] [--labels L,L...] [--scores] FILE...\n");
		return 2;
	}
	m = load_model(model, &mf);
	if (m == NULL)
		return 1;
	for (a = 0; a < argc && rc == 0; a++)
	{
		if (strcmp(argv[a], "--model") == 0 || strcmp(argv[a], "--labels") == 0)
			a++;
		else if (strncmp(argv[a], "--", 2) != 0)
			rc = marked ? eval_marked_file(argv[a], m, &ec, by_category ? &cs : NULL)
				: eval_corpus_file(argv[a], m, &ec, dev_split);
	}
	if (rc == 0)
	{
		eval_print(&ec, stdout);
		if (ec.by_score)
			eval_print_bands(&ec, stdout);
		if (by_category)
			eval_print_categories(cs.names, (const PersnerEval *const *) cs.ec, cs.n, stdout);
	}
	for (int c = 0; c < cs.n; c++)
	{
		free(cs.names[c]);
		free(cs.ec[c]);
	}
	free(cs.names);
	free(cs.ec);
	persner_model_unmap(&mf);
	return rc;
}

#define NOPENS 11				/* model opens timed by bench */

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* one model under bench */
#define BENCH_MAX_MODELS 4
typedef struct BenchModel
{
	const char *path;
	PersnerModelFile file;		/* the first open, used for tagging */
	PersnerTagger *tg;
	double		opens[NOPENS];	/* sorted */
	double		t_open;			/* the first open, in a cold process */
	double		cpu[2],
				wall[2];		/* per pass: with scores, labels only */
	unsigned long long toks[2],
				nent,			/* the labels-only pass's entities, bytes, */
				nbytes;
	long		docs,			/* documents and passes over the text */
				passes;
} BenchModel;

/*
 * Model open: open + fstat + mmap + validate (checksum included).  One
 * open is one sample of a noisy clock: open it NOPENS times, each a
 * fresh mapping as a new backend makes, keep the first (cold process)
 * for tagging, and report the median with the first.
 */
static int
bench_open(BenchModel *b)
{
	for (int k = 0; k < NOPENS; k++)
	{
		PersnerModelFile mk;
		double		t0 = now_seconds();

		if (load_model(b->path, &mk) == NULL)
			return -1;
		b->opens[k] = now_seconds() - t0;
		if (k == 0)
			b->file = mk;
		else
			persner_model_unmap(&mk);
	}
	b->t_open = b->opens[0];
	if (persner_tagger_create(b->file.model, &b->tg) != PERSNER_OK)
		return -1;
	qsort(b->opens, NOPENS, sizeof(double), cmp_double);
	return 0;
}

/* tag the text line by line (each line a document) for at least seconds; add to pass */
static void
bench_tag(BenchModel *b, const char *text, size_t tlen, int pass, double seconds)
{
	double		t0 = now_seconds(),
				c0 = cpu_now(),
				elapsed;

	persner_tagger_set_scores(b->tg, pass == 0);
	do
	{
		const char *p = text;

		while (p < text + tlen)
		{
			const char *eol = memchr(p, '\n', (size_t) (text + tlen - p));
			size_t		n = eol ? (size_t) (eol - p) : (size_t) (text + tlen - p);
			const PersnerEntity *e;
			const PersnerTokenInfo *ti;
			size_t		ne,
						nt;

			if (persner_tagger_begin(b->tg, p, n) == PERSNER_OK)
				while (persner_tagger_next(b->tg, &e, &ne, &ti, &nt) == PERSNER_OK)
				{
					b->toks[pass] += nt;
					b->nent += pass == 1 ? ne : 0;
				}
			b->nbytes += pass == 1 ? n : 0;
			b->docs += pass == 1;
			p += n + 1;
		}
		b->passes += pass == 1;
		elapsed = now_seconds() - t0;
	} while (elapsed < seconds);
	b->cpu[pass] += cpu_now() - c0;
	b->wall[pass] += elapsed;
}

static void
bench_print(const BenchModel *b, size_t tlen)
{
	printf("model              %s (%lld bytes, %u attributes)\n", b->path, (long long) b->file.len,
		   persner_model_nfeatures(b->file.model));
	printf("model open         %.3f ms, the median of %d opens (open + mmap + validate + checksum; "
		   "the first, in a cold process: %.3f ms; the slowest: %.3f ms)\n",
		   b->opens[NOPENS / 2] * 1e3, NOPENS, b->t_open * 1e3, b->opens[NOPENS - 1] * 1e3);
	printf("text               %zu bytes, %ld passes, %ld documents, %llu tokens, %llu entities\n",
		   tlen, b->passes, b->docs, b->toks[1], b->nent);
	printf("throughput         %.0f tokens/s wall clock, %.0f tokens per CPU second (%.0f ns a token): with scores, as persner_tag\n",
		   b->toks[0] / b->wall[0], b->toks[0] / b->cpu[0], b->cpu[0] * 1e9 / (double) b->toks[0]);
	printf("throughput         %.0f tokens/s wall clock, %.0f tokens per CPU second (%.0f ns a token): labels only, as persner_entities\n",
		   b->toks[1] / b->wall[1], b->toks[1] / b->cpu[1], b->cpu[1] * 1e9 / (double) b->toks[1]);
	printf("(one thread; normalize + tokenize + features + Viterbi [+ forward-backward]; %.1f MB/s)\n",
		   b->nbytes / b->wall[1] / 1e6);
}

/*
 * bench: the model opened through mmap (as the extension does), then raw
 * text tagged line by line (each line a document) for at least --seconds.
 */
static int
cmd_bench(int argc, char **argv)
{
	BenchModel	bm[BENCH_MAX_MODELS];
	int			nm = 0,
				a,
				rounds;
	double		seconds = 3.0;
	char	   *text = NULL;
	size_t		tlen = 0;

	memset(bm, 0, sizeof(bm));
	for (a = 0; a < argc; a++)
	{
		if (strcmp(argv[a], "--model") == 0 && a + 1 < argc)
		{
			if (nm == BENCH_MAX_MODELS)
			{
				fprintf(stderr, "persner bench: at most %d models\n", BENCH_MAX_MODELS);
				return 2;
			}
			bm[nm++].path = argv[++a];
		}
		else if (strcmp(argv[a], "--seconds") == 0 && a + 1 < argc)
			seconds = atof(argv[++a]);
		else
		{
			size_t		n;
			char	   *b = read_file(argv[a], &n);

			if (b == NULL)
			{
				fprintf(stderr, "persner bench: could not read \"%s\": %s\n", argv[a], strerror(errno));
				return 1;
			}
			text = realloc(text, tlen + n + 2);
			if (!text)
				return 1;
			memcpy(text + tlen, b, n);
			tlen += n;
			text[tlen++] = '\n';
			text[tlen] = '\0';
			free(b);
		}
	}
	if (text == NULL)
	{
		fprintf(stderr, "usage: persner bench [--model FILE]... [--seconds S] TEXTFILE...\n");
		return 2;
	}
	if (nm == 0)
		bm[nm++].path = model_path_default();
	for (a = 0; a < nm; a++)
		if (bench_open(&bm[a]) != 0)
			return 1;

	/*
	 * Tagging: pass 0 with scores (persner_tag), pass 1 labels only
	 * (persner_entities).  Several models take turns, five rounds of
	 * seconds/5 each, so that a drift of the machine's speed hits them alike.
	 */
	rounds = nm > 1 ? 5 : 1;
	for (int pass = 0; pass < 2; pass++)
		for (int r = 0; r < rounds; r++)
			for (a = 0; a < nm; a++)
				bench_tag(&bm[a], text, tlen, pass, seconds / rounds);

	for (a = 0; a < nm; a++)
		bench_print(&bm[a], tlen);
	for (a = 1; a < nm; a++)
		printf("relative speed     %s / %s: %.3f with scores, %.3f labels only (tokens per CPU second)\n",
			   bm[a].path, bm[0].path,
			   (bm[a].toks[0] / bm[a].cpu[0]) / (bm[0].toks[0] / bm[0].cpu[0]),
			   (bm[a].toks[1] / bm[a].cpu[1]) / (bm[0].toks[1] / bm[0].cpu[1]));
	for (a = 0; a < nm; a++)
	{
		persner_tagger_free(bm[a].tg);
		persner_model_unmap(&bm[a].file);
	}
	free(text);
	return 0;
}

static int
cmd_info(int argc, char **argv)
{
	PersnerModelFile mf;
	PersnerModel *m;
	PersnerModelStats ms;
	PersnerModelDict md;
	char		version[PERSNER_VERSION_LEN + 1];
	int			k;
	static const char *const keys[] = {"name", "version", "corpus", "licence", "dev_f1", "settings"};

	if (argc != 1)
	{
		fprintf(stderr, "usage: persner info FILE\n");
		return 2;
	}
	m = load_model(argv[0], &mf);
	if (m == NULL)
		return 1;
	persner_model_stats(m, &ms);
	printf("file               %s\n", argv[0]);
	printf("size               %zu bytes\n", ms.size);
	printf("format version     %u\n", persner_model_format_version(m));
	persner_model_version_text(m, version);
	printf("checksum           %s\n", version);
	printf("labels            ");
	for (k = 0; k < persner_model_ntypes(m); k++)
		printf(" %s", persner_model_type(m, k));
	printf("\ntag scheme         %s\n", persner_model_scheme(m) == PERSNER_BIOES ? "BIOES" : "BIO");
	printf("attributes         %u (%u nonzero weights)\n", ms.nfeatures, ms.nweights);
	printf("feature slots      %u\n", ms.feature_slots);
	printf("gazetteer keys     %u slots\n", ms.gazetteer_slots);
	printf("cluster keys       %u slots\n", ms.cluster_slots);
	printf("feature flags      0x%x\n", ms.feat_flags);
	if (persner_model_dict(m, &md))
	{
		printf("base model         %s (checksum %s)\n", md.base_model, md.base_checksum);
		printf("dictionary         %llu names (%u tagged, %u never tagged), %u slots\n",
			   (unsigned long long) md.entries + md.never, md.entries, md.never, md.slots);
	}
	for (k = 0; k < (int) (sizeof(keys) / sizeof(keys[0])); k++)
	{
		const char *v = persner_model_meta(m, keys[k]);

		if (v)
			printf("%-18s %s\n", keys[k], v);
	}
	persner_model_unmap(&mf);
	return 0;
}

static void
usage(FILE *out)
{
	fprintf(out,
			"usage: persner COMMAND [options]\n"
			"  tag [--model FILE] [--format tsv|json|conll]   tag raw UTF-8 text from stdin\n"
			"  tag --pretokenized [--model FILE]              one token a line; prints token<TAB>tag\n"
			"  value [--model FILE] [--anchor YYYY-MM-DD]     entities with their dates, amounts, times\n"
			"  train --out F [--corpus-dir D] [--gazetteer-dir D] [--list-dir D] [--train F]... [--silver F]...\n"
			"        [--silver-credit TEXT] [--affinity-text F]... [--affinity-credit TEXT] [--dev F] [--card F]\n"
			"        [--c1 X] [--c2 X] [--iters N] [--min-count N] [--prune X] [--augment 0|1] [--threads N]\n"
			"        [--cluster-sizes FINE,COARSE] [--partial F --partial-types T,...] [--flags X]\n"
			"        [--types T,...] [--name N] [--partial-dev] [--train-sets S] [--partial-sets S]\n"
			"        [--scheme bio|bioes] [--margin X] [--margin-missed X] [--press-lines N]\n"
			"  dict --base FILE --add names.tsv [--never stop.tsv] -o OUT.model\n"
			"                                                 a user dictionary compiled into a model\n"
			"  eval [--model FILE] [--labels T,...] [--dev-split] [--scores] FILE...\n"
			"                                                 entity-level P/R/F1 (PEYMA or CoNLL files);\n"
			"                                                 --scores: and the precision of each score band\n"
			"  eval --marked [--by-category] [--model FILE] [--labels T,...] [--scores] FILE...\n"
			"                                                 the same over raw sentences with [LABEL marks]\n"
			"  silver [--model FILE] [--threshold P] [--o-threshold P] [--every N] [--max-tokens N]\n"
			"         [--min-known F] [--min-entities E] [FILE...]\n"
			"                                                 raw text into a silver corpus: confident labels, \"?\" elsewhere\n"
			"  bench [--model FILE]... [--seconds S] FILE...  tokens per second on raw text\n"
			"  info FILE                                      what a model file holds\n"
			"The model defaults to $PERSNER_MODEL or %s.\n", DEFAULT_MODEL);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
	{
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "tag") == 0)
		return cmd_tag(argc - 2, argv + 2);
	if (strcmp(argv[1], "value") == 0)
		return cmd_value(argc - 2, argv + 2, model_path_default());
	if (strcmp(argv[1], "train") == 0)
		return cmd_train(argc - 2, argv + 2);
	if (strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc - 2, argv + 2);
	if (strcmp(argv[1], "bench") == 0)
		return cmd_bench(argc - 2, argv + 2);
	if (strcmp(argv[1], "info") == 0)
		return cmd_info(argc - 2, argv + 2);
	if (strcmp(argv[1], "dict") == 0)
		return cmd_dict(argc - 2, argv + 2);
	if (strcmp(argv[1], "silver") == 0)
		return cmd_silver(argc - 2, argv + 2, model_path_default());
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)
	{
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
	{
		printf("persner %s\n", PERSNER_VERSION);
		return 0;
	}
	fprintf(stderr, "persner: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
