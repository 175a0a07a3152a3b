/*
 * silver.c - "persner silver": a silver corpus from raw text and a model
 *
 *   persner silver [--model FILE]... [--threshold P] [--o-threshold P] [--every N]
 *                  [--max-tokens N] [--min-known F] [--min-entities E] FILE...
 *
 * Reads raw UTF-8 text (stdin without FILE), one paragraph a line, with
 * column-wrapped lines joined first (persner_silver_unwrap); takes every
 * N-th paragraph, counting from the first, in file order; tags it, one
 * document a paragraph; and writes each sentence of 3 to 100 tokens whose
 * known labels (persner_silver_keep at threshold P, an O at the
 * --o-threshold, default P) are at least the
 * fraction F of its tokens and whose kept entities number at least E
 * (default 0), in the silver corpus's lines (silver.h), to
 * stdout, until N tokens are written.  With several --model, an ensemble:
 * the first model's labels, kept only where every other model tags the
 * same, at the lowest of their marginals (persner_silver_agree).  The same input, model and options
 * always write the same bytes.  A summary goes to stderr.
 */
#include "cli.h"
#include "silver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SILVER_MIN_TOKENS	3	/* shorter sentences are headlines and scraps */
#define SILVER_MAX_TOKENS	100	/* longer ones are run-ons the wrapping made */
#define SILVER_MAX_MODELS	4

typedef struct SilverOpts
{
	const char *model[SILVER_MAX_MODELS];
	int			nmodels;
	double		threshold,
				o_threshold;
	long		every;
	long		max_tokens;
	double		min_known;
	long		min_entities;
} SilverOpts;

typedef struct SilverRun
{
	long		paragraphs,
				tagged,
				sentences,
				written,
				tokens,
				known,
				ents[PERSNER_NTYPES];
} SilverRun;

/* the work arrays of one sentence, grown on demand */
typedef struct SilverBuf
{
	const char **tok;
	size_t	   *len;
	int		   *tags,
			   *tags2,
			   *kept;
	float	   *scores;
	char	   *out;
	size_t		cap,
				outcap;
} SilverBuf;

static int
grow(SilverBuf *b, size_t T, size_t bytes)
{
	size_t		need = PERSNER_SILVER_FORMAT_CAP(bytes, T);

	if (T > b->cap)
	{
		b->cap = 2 * T;
		if (!(b->tok = realloc(b->tok, b->cap * sizeof(*b->tok))) ||
			!(b->len = realloc(b->len, b->cap * sizeof(*b->len))) ||
			!(b->tags = realloc(b->tags, b->cap * sizeof(*b->tags))) ||
			!(b->tags2 = realloc(b->tags2, b->cap * sizeof(*b->tags2))) ||
			!(b->kept = realloc(b->kept, b->cap * sizeof(*b->kept))) ||
			!(b->scores = realloc(b->scores, b->cap * sizeof(*b->scores))))
			return -1;
	}
	if (need > b->outcap)
	{
		b->outcap = 2 * need;
		if (!(b->out = realloc(b->out, b->outcap)))
			return -1;
	}
	return 0;
}

/* one sentence's tokens: written if it qualifies; 0, or 1 after saying why */
static int
silver_sentence(const SilverOpts *o, SilverBuf *b, const PersnerTokenInfo *ti, size_t T,
				const PersnerTokenInfo *const *other, const size_t *nother, SilverRun *run)
{
	size_t		bytes = 0,
				known,
				nents = 0,
				outlen,
				t;
	int			a;
	PersnerStatus st;

	run->sentences++;
	if (T < SILVER_MIN_TOKENS || T > SILVER_MAX_TOKENS)
		return 0;
	for (t = 0; t < T; t++)
		bytes += ti[t].norm_len;
	if (grow(b, T, bytes) != 0)
	{
		fprintf(stderr, "persner silver: out of memory\n");
		return 1;
	}
	for (t = 0; t < T; t++)
	{
		b->tok[t] = ti[t].norm;
		b->len[t] = ti[t].norm_len;
		b->tags[t] = ti[t].tag;
		b->scores[t] = ti[t].score;
	}
	for (a = 0; a + 1 < o->nmodels; a++)
	{
		float		sc2[SILVER_MAX_TOKENS];

		if (nother[a] != T)
			return 0;			/* cannot happen (one tokenizer): skipped */
		for (t = 0; t < T; t++)
		{
			b->tags2[t] = other[a][t].tag;
			sc2[t] = other[a][t].score;
		}
		(void) persner_silver_agree(b->tags, b->scores, b->tags2, sc2, T);
	}
	if ((st = persner_silver_keep(b->tags, b->scores, T, (float) o->threshold,
								  (float) o->o_threshold, b->kept, &known)) != PERSNER_OK)
	{
		fprintf(stderr, "persner silver: %s\n", persner_strerror(st));
		return 1;
	}
	for (t = 0; t < T; t++)
		nents += b->kept[t] > 0 && PERSNER_TAG_IS_B(PERSNER_BIO, b->kept[t]);
	if ((double) known < o->min_known * (double) T || (long) nents < o->min_entities)
		return 0;
	if ((st = persner_silver_format(b->tok, b->len, b->kept, T, b->out, b->outcap, &outlen)) != PERSNER_OK)
	{
		fprintf(stderr, "persner silver: %s\n", persner_strerror(st));
		return 1;
	}
	fwrite(b->out, 1, outlen, stdout);
	run->written++;
	run->tokens += (long) T;
	run->known += (long) known;
	for (t = 0; t < T; t++)
		if (b->kept[t] > 0 && PERSNER_TAG_IS_B(PERSNER_BIO, b->kept[t]))
			run->ents[PERSNER_TAG_TYPE(PERSNER_BIO, b->kept[t])]++;
	return 0;
}

/* the paragraphs of text [len] (unwrapped in place); 0, or 1 after saying why */
static int
silver_text(const SilverOpts *o, PersnerTagger *const *tg, char *text, size_t len, SilverBuf *b,
			SilverRun *run)
{
	size_t		p = 0;

	(void) persner_silver_unwrap(text, len, NULL);
	while (p < len && (o->max_tokens <= 0 || run->tokens < o->max_tokens))
	{
		char	   *eol = memchr(text + p, '\n', len - p);
		size_t		e = eol ? (size_t) (eol - text) : len;
		const PersnerTokenInfo *ti[SILVER_MAX_MODELS];
		size_t		nt[SILVER_MAX_MODELS];
		PersnerStatus st = PERSNER_OK;
		int			m;

		if (e > p && run->paragraphs++ % o->every == 0)
		{
			run->tagged++;
			for (m = 0; m < o->nmodels && st == PERSNER_OK; m++)
				st = persner_tagger_begin(tg[m], text + p, e - p);
			if (st != PERSNER_OK)
			{
				p = e + 1;		/* not UTF-8: skipped */
				continue;
			}
			/* the models' sentences in step: one segmenter, one tokenizer */
			while ((st = persner_tagger_next(tg[0], NULL, NULL, &ti[0], &nt[0])) == PERSNER_OK)
			{
				for (m = 1; m < o->nmodels && st == PERSNER_OK; m++)
					st = persner_tagger_next(tg[m], NULL, NULL, &ti[m], &nt[m]);
				if (st != PERSNER_OK)
					break;
				if (nt[0] > 0 && silver_sentence(o, b, ti[0], nt[0], ti + 1, nt + 1, run) != 0)
					return 1;
			}
			if (st != PERSNER_DONE)
			{
				fprintf(stderr, "persner silver: %s\n", persner_strerror(st));
				return 1;
			}
		}
		p = e + 1;
	}
	return 0;
}

int
cmd_silver(int argc, char **argv, const char *model_path)
{
	SilverOpts	o = {.threshold = 0.9, .o_threshold = -1, .every = 1,
	.max_tokens = 0, .min_known = 0.5};
	SilverRun	run = {0};
	SilverBuf	b = {0};
	const char *files[64];
	int			nfiles = 0,
				a,
				rc = 0,
				k;
	PersnerModelFile mf[SILVER_MAX_MODELS];
	PersnerModel *m[SILVER_MAX_MODELS];
	PersnerTagger *tg[SILVER_MAX_MODELS];

	for (a = 0; a < argc; a++)
	{
		if (CLI_OPT("--model") && o.nmodels < SILVER_MAX_MODELS)
			o.model[o.nmodels++] = argv[++a];
		else if (CLI_OPT("--threshold"))
			o.threshold = atof(argv[++a]);
		else if (CLI_OPT("--o-threshold"))
			o.o_threshold = atof(argv[++a]);
		else if (CLI_OPT("--every"))
			o.every = atol(argv[++a]);
		else if (CLI_OPT("--max-tokens"))
			o.max_tokens = atol(argv[++a]);
		else if (CLI_OPT("--min-entities"))
			o.min_entities = atol(argv[++a]);
		else if (CLI_OPT("--min-known"))
			o.min_known = atof(argv[++a]);
		else if (argv[a][0] != '-' && nfiles < (int) (sizeof(files) / sizeof(files[0])))
			files[nfiles++] = argv[a];
		else
		{
			fprintf(stderr, "persner silver: unknown or incomplete option \"%s\"\n", argv[a]);
			return 2;
		}
	}
	if (o.o_threshold < 0)
		o.o_threshold = o.threshold;
	if (o.every < 1 || o.min_entities < 0 || o.threshold < 0 || o.threshold > 1 || o.o_threshold > 1 ||
		o.min_known < 0 || o.min_known > 1)
	{
		fprintf(stderr, "persner silver: --every wants N >= 1; --threshold, --o-threshold and --min-known a number in [0, 1]\n");
		return 2;
	}
	if (o.nmodels == 0)
		o.model[o.nmodels++] = model_path;
	for (k = 0; k < o.nmodels; k++)
	{
		if ((m[k] = load_model(o.model[k], &mf[k])) == NULL)
			return 1;			/* said; the process ends */
		if (persner_tagger_create(m[k], &tg[k]) != PERSNER_OK)
		{
			fprintf(stderr, "persner silver: out of memory\n");
			return 1;
		}
	}
	for (a = 0; a < (nfiles ? nfiles : 1) && rc == 0; a++)
	{
		size_t		len;
		char	   *text = nfiles ? read_file(files[a], &len) : read_stdin(&len);

		if (text == NULL)
		{
			fprintf(stderr, "persner silver: could not read \"%s\": %s\n",
					nfiles ? files[a] : "standard input", strerror(errno));
			rc = 1;
			break;
		}
		rc = silver_text(&o, tg, text, len, &b, &run);
		free(text);
	}
	fprintf(stderr, "persner silver: %ld paragraphs, %ld tagged, %ld sentences, %ld written "
			"(%ld tokens, %.1f%% of their labels known); entities kept:",
			run.paragraphs, run.tagged, run.sentences, run.written, run.tokens,
			run.tokens ? 100.0 * run.known / run.tokens : 0.0);
	for (k = 0; k < persner_model_ntypes(m[0]); k++)
		fprintf(stderr, " %s %ld", persner_model_type(m[0], k), run.ents[k]);
	fputc('\n', stderr);
	free(b.tok);
	free(b.len);
	free(b.tags);
	free(b.tags2);
	free(b.kept);
	free(b.scores);
	free(b.out);
	for (k = 0; k < o.nmodels; k++)
	{
		persner_tagger_free(tg[k]);
		persner_model_unmap(&mf[k]);
	}
	return rc;
}
