/*
 * files.c - bin/persner's file reading and writing, model loading, eval table
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t		k;

		if (n + 65536 + 1 > cap)
		{
			char	   *q;

			cap = cap ? cap * 2 : 1 << 20;
			q = realloc(buf, cap);
			if (q == NULL)
			{
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = q;
		}
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f))
	{
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int
write_file(const char *path, const void *data, size_t len)
{
	char		tmp[4096];
	FILE	   *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0 ||
		rename(tmp, path) != 0)
	{
		fprintf(stderr, "persner: could not write \"%s\": %s\n", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

int
corpus_read(const char *path, PersnerCorpus *c)
{
	size_t		len;
	char	   *buf = read_file(path, &len);
	PersnerStatus st;

	memset(c, 0, sizeof(*c));
	if (buf == NULL)
	{
		fprintf(stderr, "persner: could not read \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	st = persner_corpus_parse(buf, len, c);
	free(buf);
	if (st != PERSNER_OK)
	{
		fprintf(stderr, "persner: could not read \"%s\": %s\n", path, persner_strerror(st));
		persner_corpus_free(c);
		return -1;
	}
	return 0;
}

PersnerModel *
load_model(const char *path, PersnerModelFile *mf)
{
	const char *detail = NULL;
	int			err = 0;
	PersnerStatus st = persner_model_map(path, mf, &err, &detail);

	if (st == PERSNER_EIO)
		fprintf(stderr, "persner: could not open model \"%s\": %s\n", path, strerror(err));
	else if (st != PERSNER_OK)
		fprintf(stderr, "persner: could not open model \"%s\": %s%s%s\n", path,
				persner_strerror(st), detail ? ": " : "", detail ? detail : "");
	return st == PERSNER_OK ? mf->model : NULL;
}

/* the overall counts of ec */
static void
eval_totals(const PersnerEval *ec, long *ng, long *np)
{
	*ng = *np = 0;
	for (int k = 0; k < ec->ntypes; k++)
		*ng += ec->ngold[k], *np += ec->npred[k];
}

void
eval_print(const PersnerEval *ec, FILE *out)
{
	double		p,
				r,
				f;
	long		ng,
				np;
	int			k;

	eval_totals(ec, &ng, &np);
	fprintf(out, "%-8s %9s %9s %9s %7s %7s\n", "label", "precision", "recall", "f1", "gold", "pred");
	for (k = 0; k < ec->ntypes; k++)
	{
		f = persner_eval_f1(ec, k, &p, &r);
		fprintf(out, "%-8s %9.2f %9.2f %9.2f %7ld %7ld\n", ec->names[k], p, r, f,
				ec->ngold[k], ec->npred[k]);
	}
	f = persner_eval_f1(ec, -1, &p, &r);
	fprintf(out, "%-8s %9.2f %9.2f %9.2f %7ld %7ld\n", "overall", p, r, f, ng, np);
}

void
eval_print_bands(const PersnerEval *ec, FILE *out)
{
	fprintf(out, "\n%-12s %9s %9s %9s\n", "score", "entities", "right", "precision");
	for (int b = 0; b < PERSNER_EVAL_BANDS; b++)
	{
		char		band[32];

		snprintf(band, sizeof(band), b + 1 < PERSNER_EVAL_BANDS ? "[%.2f,%.2f)" : "[%.2f,%.0f]",
				 persner_eval_band_floor[b],
				 b + 1 < PERSNER_EVAL_BANDS ? persner_eval_band_floor[b + 1] : 1.0f);
		fprintf(out, "%-12s %9ld %9ld %9.2f\n", band, ec->band_pred[b], ec->band_tp[b],
				ec->band_pred[b] ? 100.0 * ec->band_tp[b] / ec->band_pred[b] : 0.0);
	}
}

void
eval_print_categories(char *const *names, const PersnerEval *const *ec, int n, FILE *out)
{
	double		p,
				r,
				f;
	long		ng,
				np;

	fprintf(out, "\n%-12s %9s %9s %9s %7s %7s\n", "category", "precision", "recall", "f1", "gold", "pred");
	for (int c = 0; c < n; c++)
	{
		f = persner_eval_f1(ec[c], -1, &p, &r);
		eval_totals(ec[c], &ng, &np);
		fprintf(out, "%-12s %9.2f %9.2f %9.2f %7ld %7ld\n", names[c], p, r, f, ng, np);
	}
}

double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

char *
read_stdin(size_t *len)
{
	size_t		cap = 1 << 16,
				n = 0;
	char	   *buf = malloc(cap);

	if (!buf)
		return NULL;
	for (;;)
	{
		size_t		k;

		if (n + 1 >= cap)
		{
			char	   *q = realloc(buf, cap * 2);

			if (!q)
			{
				free(buf);
				return NULL;
			}
			buf = q;
			cap *= 2;
		}
		k = fread(buf + n, 1, cap - n - 1, stdin);
		if (k == 0)
			break;
		n += k;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
