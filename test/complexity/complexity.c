/*
 * complexity.c - the core is linear in its input, whatever the bytes
 *
 *   build/complexity [-n BYTES] [-r REPS] [-x MAX_RATIO] [-p PATTERN] MODEL
 *
 * For each hostile pattern (runs of every sentence terminator and closer
 * and mixtures of them, one long token, long digit runs, runs of ZWNJ,
 * bidi marks and combining marks, alternating scripts, a very long
 * sentence with no terminator, ...) the driver builds a document of N
 * bytes and one of 8N bytes from the same unit, and measures two things
 * on each, in this one run:
 *
 *   tag        the whole pipeline, as persner_tag runs it: segment,
 *              normalize, tokenize, features, Viterbi and marginals,
 *              sentence by sentence (persner_tagger_begin/next)
 *   normalize  persner_normalize over the whole document in one call, as
 *              persner_normalize(text) and the entity type do, then
 *              persner_tokenize over the result
 *
 * A time is process CPU time (CLOCK_PROCESS_CPUTIME_ID, so other
 * processes on a shared machine disturb it less than wall time), of as
 * many calls as fill 20 ms, per call, the minimum over REPS such
 * measurements.  Linear code gives a ratio t(8N)/t(N) near 8; quadratic
 * code gives 64.  A pattern fails when a ratio exceeds MAX_RATIO (default
 * 20: generous, so that load cannot fail it), and also when the 8N run
 * takes longer than MAX_RATIO * t(N) + 2 s: the interrupt hook (the one
 * the PostgreSQL glue uses for CHECK_FOR_INTERRUPTS) then jumps out of the
 * core, which exercises it, and a quadratic run does not take minutes.
 *
 * Prints a table (pattern, stage, t(N), t(8N), ratio) and ends with
 * "N passed, N failed" (one count per pattern and stage).  Exit status 0
 * when all pass.
 */
#include "persner.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Pattern
{
	const char *name;
	const char *unit;			/* repeated to fill the document */
	const char *head;			/* written once before the units (or NULL) */
} Pattern;

/* Persian words are written here as escapes only where they hold marks. */
static const Pattern patterns[] = {
	{"dots", ".", NULL},
	{"exclamation marks", "!", NULL},
	{"question marks", "?", NULL},
	{"arabic question marks", "\xD8\x9F", NULL},
	{"urdu full stops", "\xDB\x94", NULL},
	{"ellipses", "\xE2\x80\xA6", NULL},
	{"dot + paren", ".)", NULL},
	{"closing parens", ")", NULL},
	{"closing guillemets", "\xC2\xBB", NULL},
	{"closing quotes", "\"'\xE2\x80\x9D\xE2\x80\x99]", NULL},
	{"terminator/closer mix", ".!?\xD8\x9F\xDB\x94\xE2\x80\xA6\xC2\xBB)]\"'", NULL},
	{"word + dots", "\xD8\xAA\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86...", NULL},
	{"dot space", ". ", NULL},
	{"newlines", "\n", NULL},
	{"open parens", "(", NULL},
	{"honorifics", "(\xD8\xB9)", NULL},
	{"one long persian token", "\xD8\xA8", NULL},
	{"one long latin token", "x", NULL},
	{"dotted token", "a.", NULL},
	{"latin digits", "1", NULL},
	{"persian digits", "\xDB\xB1", NULL},
	{"digits and separators", "1/2:3,4.", NULL},
	{"zwnj run", "\xE2\x80\x8C", "\xD8\xA8"},
	{"zwnj-joined token", "\xD9\x85\xDB\x8C\xE2\x80\x8C", NULL},
	{"letter zwnj zwnj", "\xD8\xA8\xE2\x80\x8C\xE2\x80\x8C", NULL},
	{"bidi marks", "\xE2\x80\x8F\xE2\x80\xAB\xE2\x80\xAC\xE2\x81\xA7\xE2\x81\xA9\xD8\x9C", NULL},
	{"zero-width spaces", "\xE2\x80\x8B\xEF\xBB\xBF", NULL},
	{"combining marks", "\xD9\x8B\xD9\x8C\xD9\x8D\xD9\x8E\xD9\x8F\xD9\x90\xD9\x91\xD9\x92", "\xD8\xAA"},
	{"tatweel", "\xD9\x80", "\xD8\xB3"},
	{"compatibility forms", "\xEF\xB7\xBA\xEF\xBB\xBB\xC2\xBD", NULL},
	{"alternating scripts", "a\xD8\xA8" "1\xDB\xB1\xD8\xAC", NULL},
	{"script per word", "Tehran \xD8\xAA\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86 2019 ", NULL},
	{"emoji", "\xF0\x9F\x98\x80", NULL},
	{"long sentence, no terminator",
		"\xD8\xB3\xD8\xA7\xD8\xB2\xD9\x85\xD8\xA7\xD9\x86 \xD9\x85\xD9\x84\xD9\x84 "
		"\xD8\xAF\xD8\xB1 \xD8\xAA\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86 ", NULL},
};

#define NPATTERNS (sizeof(patterns) / sizeof(patterns[0]))

static PersnerModel *model;
static PersnerTagger *tagger;
static PersnerNormBuf nb;
static PersnerToken *toks;
static size_t toks_cap;

/* the budget: the hook jumps out of the core when CPU time passes it */
static double deadline;
static sigjmp_buf escape;

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* reads the clock (a system call) on every 64th call only, in both runs alike */
static void
budget_hook(void)
{
	static unsigned calls;

	if ((++calls & 63) == 0 && deadline > 0 && cpu_now() > deadline)
		siglongjmp(escape, 1);
}

/* make_doc - head + as many whole units as fit in n bytes */
static char *
make_doc(const Pattern *p, size_t n, size_t *len)
{
	size_t		hl = p->head ? strlen(p->head) : 0;
	size_t		ul = strlen(p->unit);
	char	   *d = malloc(n + 1);
	size_t		o = 0;

	if (d == NULL)
		exit(2);
	if (hl)
	{
		memcpy(d, p->head, hl);
		o = hl;
	}
	while (o + ul <= n)
	{
		memcpy(d + o, p->unit, ul);
		o += ul;
	}
	d[o] = '\0';
	*len = o;
	return d;
}

static int
run_tag(const char *doc, size_t len)
{
	const PersnerEntity *e;
	size_t		ne;
	PersnerStatus st;

	if (persner_tagger_begin(tagger, doc, len) != PERSNER_OK)
		return -1;
	while ((st = persner_tagger_next(tagger, &e, &ne, NULL, NULL)) == PERSNER_OK)
		;
	return st == PERSNER_DONE ? 0 : -1;
}

static int
run_normalize(const char *doc, size_t len)
{
	if (persner_normalize(doc, len, PERSNER_NORM_DEFAULT, &nb) != PERSNER_OK)
		return -1;
	if (toks_cap < nb.len + 1)
	{
		free(toks);
		toks_cap = nb.len + 1;
		toks = malloc(toks_cap * sizeof(PersnerToken));
		if (toks == NULL)
			exit(2);
	}
	(void) persner_tokenize(&nb, toks);
	return 0;
}

/*
 * measure - seconds of CPU per call of fn(doc), the minimum over reps
 * measurements of as many calls as fill 20 ms; -1 on error, -2 when the
 * budget ran out (the hook jumped out of the core)
 */
static double
measure(int (*fn) (const char *, size_t), const char *doc, size_t len, int reps,
		double budget)
{
	volatile double best = -1;
	volatile int r;

	deadline = budget > 0 ? cpu_now() + budget : 0;
	if (sigsetjmp(escape, 1) != 0)
	{
		deadline = 0;
		return -2;
	}
	for (r = 0; r < reps; r++)
	{
		double		t0 = cpu_now(),
					t;
		long		calls = 0;

		do
		{
			if (fn(doc, len) != 0)
			{
				deadline = 0;
				return -1;
			}
			calls++;
			t = cpu_now() - t0;
		} while (t < 0.02);
		t /= (double) calls;
		if (best < 0 || t < best)
			best = t;
	}
	deadline = 0;
	return best;
}

static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *b;
	long		n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	b = malloc((size_t) n + 1);
	if (b == NULL || fread(b, 1, (size_t) n, f) != (size_t) n)
		return NULL;
	fclose(f);
	*len = (size_t) n;
	return b;
}

int
main(int argc, char **argv)
{
	size_t		n = 64 * 1024;
	int			reps = 3;
	double		max_ratio = 20;
	const char *only = NULL;
	const char *detail = NULL;
	char	   *img;
	size_t		imglen;
	size_t		k;
	int			opt,
				passed = 0,
				failed = 0;

	while ((opt = getopt(argc, argv, "n:r:x:p:")) != -1)
	{
		switch (opt)
		{
			case 'n':
				n = (size_t) strtoul(optarg, NULL, 10);
				break;
			case 'r':
				reps = atoi(optarg);
				break;
			case 'x':
				max_ratio = atof(optarg);
				break;
			case 'p':
				only = optarg;
				break;
			default:
				fprintf(stderr, "usage: %s [-n BYTES] [-r REPS] [-x MAX_RATIO] [-p PATTERN] MODEL\n", argv[0]);
				return 2;
		}
	}
	if (optind != argc - 1 || n < 64 || reps < 1)
	{
		fprintf(stderr, "usage: %s [-n BYTES] [-r REPS] [-x MAX_RATIO] [-p PATTERN] MODEL\n", argv[0]);
		return 2;
	}
	img = read_file(argv[optind], &imglen);
	if (img == NULL || persner_model_open(img, imglen, &model, &detail) != PERSNER_OK ||
		persner_tagger_create(model, &tagger) != PERSNER_OK)
	{
		fprintf(stderr, "complexity: cannot open model %s: %s\n", argv[optind],
				detail ? detail : "unreadable");
		return 2;
	}
	persner_set_interrupt(budget_hook);

	printf("# N = %zu bytes, 8N = %zu bytes; CPU time per call, min of %d; fail above ratio %.0f\n",
		   n, 8 * n, reps, max_ratio);
	printf("%-30s %-9s %12s %12s %7s\n", "pattern", "stage", "t(N) ms", "t(8N) ms", "ratio");
	for (k = 0; k < NPATTERNS; k++)
	{
		const Pattern *p = &patterns[k];
		size_t		l1,
					l8;
		char	   *d1,
				   *d8;
		int			s;

		if (only != NULL && strcmp(only, p->name) != 0)
			continue;
		d1 = make_doc(p, n, &l1);
		d8 = make_doc(p, 8 * n, &l8);
		for (s = 0; s < 2; s++)
		{
			int			(*fn) (const char *, size_t) = s == 0 ? run_tag : run_normalize;
			double		t1,
						t8,
						ratio;
			int			ok;

			(void) fn(d1, l1);	/* warm the word cache and the buffers */
			t1 = measure(fn, d1, l1, reps, 600.0);
			t8 = t1 > 0 ? measure(fn, d8, l8, reps, max_ratio * t1 * reps * 2 + 2.0) : -1;
			ratio = t1 > 0 && t8 > 0 ? t8 / t1 : -1;
			ok = ratio > 0 && ratio <= max_ratio;
			if (t8 == -2)
				printf("%-30s %-9s %12.3f %12s %7s  not ok (ran out of time)\n",
					   p->name, s == 0 ? "tag" : "normalize", t1 * 1e3, "> budget", "-");
			else if (ratio < 0)
				printf("%-30s %-9s %12s %12s %7s  not ok (the core failed)\n",
					   p->name, s == 0 ? "tag" : "normalize", "-", "-", "-");
			else
				printf("%-30s %-9s %12.3f %12.3f %7.2f%s\n",
					   p->name, s == 0 ? "tag" : "normalize", t1 * 1e3, t8 * 1e3, ratio,
					   ok ? "" : "  not ok");
			fflush(stdout);
			if (ok)
				passed++;
			else
				failed++;
		}
		free(d1);
		free(d8);
	}
	persner_set_interrupt(NULL);
	persner_tagger_free(tagger);
	persner_normbuf_free(&nb);
	free(toks);
	persner_model_close(model);
	free(img);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
