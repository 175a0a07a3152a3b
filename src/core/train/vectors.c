/*
 * vectors.c - skip-gram word vectors and spherical k-means (vectors.h)
 *
 * Skip-gram with negative sampling, as word2vec's reference code does it:
 * for each kept token w and each word c within a window of random width
 * (1..window) on either side, in the same sentence, raise
 * log s(u_c . v_w) + sum over negative noise words n of log s(-u_n . v_w),
 * by stochastic gradient with a learning rate falling linearly to 1/10000
 * of its start.  Noise words are drawn from the unigram counts to the power
 * 3/4 (a table of word ids); a token of frequency f is kept with
 * probability (sqrt(f / (sample N)) + 1) (sample N) / f, which thins out
 * the function words.  Input vectors start uniform in +-0.5/dim, output
 * vectors at zero.
 *
 * The generator is splitmix64 from a constant seed; no threads, so the
 * order of every update is fixed.
 */
#include "vectors.h"

#include <math.h>
#include <string.h>

#include "clusters.h"

const PersnerVecOpts persner_vec_default = {
	.dim = 64, .window = 5, .negative = 5, .epochs = 3, .sample = 1e-4
};

#define NOISE_TABLE		(1u << 22)
#define MAX_SENT		1000	/* a longer sentence is cut into pieces */
#define START_RATE		0.025f

typedef struct Rng
{
	uint64_t	s;
} Rng;

static inline uint64_t
rng_next(Rng *r)
{
	uint64_t	z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static inline double
rng_unit(Rng *r)
{
	return (double) (rng_next(r) >> 11) / 9007199254740992.0;
}

static inline float
sigmoid(float x)
{
	if (x > 6.0f)
		return 1.0f;
	if (x < -6.0f)
		return 0.0f;
	return 1.0f / (1.0f + expf(-x));
}

/* word ids by count^0.75, NOISE_TABLE slots */
static uint32_t *
noise_table(const uint64_t *count, uint32_t V)
{
	uint32_t   *tab = persner_alloc(NOISE_TABLE * sizeof(uint32_t));
	double		total = 0.0,
				acc;
	uint32_t	w = 0,
				i;

	if (tab == NULL)
		return NULL;
	for (i = 0; i < V; i++)
		total += pow((double) count[i], 0.75);
	acc = V > 0 ? pow((double) count[0], 0.75) / total : 1.0;
	for (i = 0; i < NOISE_TABLE; i++)
	{
		tab[i] = w;
		if ((double) (i + 1) / NOISE_TABLE > acc && w + 1 < V)
			acc += pow((double) count[++w], 0.75) / total;
	}
	return tab;
}

/* one (centre, context) pair: update the centre's input vector and the outputs */
static void
train_pair(float *in, float *out, const uint32_t *noise, int dim, int negative,
		   uint32_t centre, uint32_t context, float rate, float *grad, Rng *rng)
{
	float	   *v = in + (size_t) centre * dim;
	int			d,
				j;

	memset(grad, 0, (size_t) dim * sizeof(float));
	for (j = 0; j <= negative; j++)
	{
		uint32_t	target = context;
		float	   *u,
					dot = 0.0f,
					g;

		if (j > 0)
		{
			target = noise[rng_next(rng) % NOISE_TABLE];
			if (target == context)
				continue;
		}
		u = out + (size_t) target * dim;
		for (d = 0; d < dim; d++)
			dot += v[d] * u[d];
		g = ((j == 0 ? 1.0f : 0.0f) - sigmoid(dot)) * rate;
		for (d = 0; d < dim; d++)
		{
			grad[d] += g * u[d];
			u[d] += g * v[d];
		}
	}
	for (d = 0; d < dim; d++)
		v[d] += grad[d];
}

PersnerStatus
persner_vectors_learn(const uint32_t *stream, size_t n, uint32_t V,
					  const PersnerVecOpts *o, float *vec_out)
{
	uint64_t   *count = NULL,
				total = 0,
				done = 0,
				work;
	uint32_t   *noise = NULL,
				sent[MAX_SENT];
	float	   *out = NULL,
			   *grad = NULL;
	Rng			rng = {.s = 1};
	size_t		h,
				i;
	int			dim = o->dim,
				e;

	if (V == 0 || dim < 1 || o->window < 1 || o->negative < 0 || o->epochs < 1)
		return PERSNER_EINVAL;
	count = persner_calloc(V, sizeof(uint64_t));
	out = persner_calloc((size_t) V * dim, sizeof(float));
	grad = persner_calloc((size_t) dim, sizeof(float));
	if (count == NULL || out == NULL || grad == NULL)
		goto nomem;
	for (h = 0; h < n; h++)
		if (stream[h] < V)
			count[stream[h]]++, total++;
	if (total == 0 || (noise = noise_table(count, V)) == NULL)
	{
		if (total != 0)
			goto nomem;
		memset(vec_out, 0, (size_t) V * dim * sizeof(float));
		persner_free_all((void *[]) {count, out, grad}, 3);
		return PERSNER_OK;
	}
	for (i = 0; i < (size_t) V * dim; i++)
		vec_out[i] = (float) ((rng_unit(&rng) - 0.5) / dim);

	work = total * (uint64_t) o->epochs;
	for (e = 0; e < o->epochs; e++)
	{
		h = 0;
		while (h < n)
		{
			int			len = 0,
						p;
			float		rate;

			/* the next sentence (or MAX_SENT of it), thinned out */
			for (; h < n && stream[h] != PERSNER_CLUSTER_BOUNDARY && len < MAX_SENT; h++)
			{
				uint32_t	w = stream[h];
				double		f,
							keep;

				if (w >= V)
					continue;
				done++;
				f = (double) count[w];
				keep = (sqrt(f / (o->sample * (double) total)) + 1.0) * (o->sample * (double) total) / f;
				if (keep < 1.0 && keep < rng_unit(&rng))
					continue;
				sent[len++] = w;
			}
			if (h < n && stream[h] == PERSNER_CLUSTER_BOUNDARY)
				h++;
			rate = START_RATE * (1.0f - (float) ((double) done / (double) (work + 1)));
			if (rate < START_RATE * 1e-4f)
				rate = START_RATE * 1e-4f;
			for (p = 0; p < len; p++)
			{
				int			b = (int) (rng_next(&rng) % (uint64_t) o->window),
							q;

				for (q = p - o->window + b; q <= p + o->window - b; q++)
					if (q != p && q >= 0 && q < len)
						train_pair(vec_out, out, noise, dim, o->negative, sent[p], sent[q],
								   rate, grad, &rng);
			}
		}
	}

	/* unit rows */
	for (i = 0; i < V; i++)
	{
		float	   *v = vec_out + i * dim;
		double		norm = 0.0;
		int			d;

		for (d = 0; d < dim; d++)
			norm += (double) v[d] * v[d];
		norm = sqrt(norm);
		for (d = 0; d < dim; d++)
			v[d] = count[i] == 0 || norm == 0.0 ? 0.0f : (float) (v[d] / norm);
	}
	persner_free_all((void *[]) {count, noise, out, grad}, 4);
	return PERSNER_OK;

nomem:
	persner_free_all((void *[]) {count, noise, out, grad}, 4);
	return PERSNER_ENOMEM;
}

static inline float
dot_rows(const float *a, const float *b, int dim)
{
	float		s = 0.0f;
	int			d;

	for (d = 0; d < dim; d++)
		s += a[d] * b[d];
	return s;
}

/* k-means++ seeds: each next centre drawn with probability ~ its distance
 * to the nearest centre so far (1 - cosine for unit rows) */
static void
seed_centres(const float *vec, uint32_t V, int dim, uint32_t k, float *centre, float *dist,
			 Rng *rng)
{
	uint32_t	c,
				i;

	memcpy(centre, vec, (size_t) dim * sizeof(float));
	for (i = 0; i < V; i++)
		dist[i] = 1.0f - dot_rows(vec + (size_t) i * dim, centre, dim);
	for (c = 1; c < k; c++)
	{
		double		sum = 0.0,
					r;
		uint32_t	pick = V - 1;

		for (i = 0; i < V; i++)
			sum += dist[i] > 0.0f ? dist[i] : 0.0f;
		r = rng_unit(rng) * sum;
		for (i = 0; i < V; i++)
		{
			r -= dist[i] > 0.0f ? dist[i] : 0.0f;
			if (r < 0.0)
			{
				pick = i;
				break;
			}
		}
		memcpy(centre + (size_t) c * dim, vec + (size_t) pick * dim, (size_t) dim * sizeof(float));
		for (i = 0; i < V; i++)
		{
			float		d = 1.0f - dot_rows(vec + (size_t) i * dim, centre + (size_t) c * dim, dim);

			if (d < dist[i])
				dist[i] = d;
		}
	}
}

PersnerStatus
persner_vectors_kmeans(const float *vec, uint32_t V, int dim, uint32_t k, int iters,
					   uint32_t *cls_out)
{
	float	   *centre,
			   *sum,
			   *dist;
	Rng			rng = {.s = 7};
	uint32_t	i,
				c;
	int			it;

	if (V == 0 || k == 0 || dim < 1)
		return PERSNER_EINVAL;
	if (k > V)
		k = V;
	centre = persner_calloc((size_t) k * dim, sizeof(float));
	sum = persner_calloc((size_t) k * dim, sizeof(float));
	dist = persner_calloc(V, sizeof(float));
	if (centre == NULL || sum == NULL || dist == NULL)
	{
		persner_free_all((void *[]) {centre, sum, dist}, 3);
		return PERSNER_ENOMEM;
	}
	seed_centres(vec, V, dim, k, centre, dist, &rng);
	for (it = 0; it < iters; it++)
	{
		/* assign each row to the centre of highest cosine (lowest index on ties) */
		for (i = 0; i < V; i++)
		{
			const float *v = vec + (size_t) i * dim;
			float		best = -2.0f;

			cls_out[i] = 0;
			for (c = 0; c < k; c++)
			{
				float		s = dot_rows(v, centre + (size_t) c * dim, dim);

				if (s > best)
					best = s, cls_out[i] = c;
			}
		}
		if (it + 1 == iters)
			break;
		/* move each centre to the normalized mean of its rows; an empty one stays */
		memset(sum, 0, (size_t) k * dim * sizeof(float));
		for (i = 0; i < V; i++)
		{
			float	   *m = sum + (size_t) cls_out[i] * dim;
			const float *v = vec + (size_t) i * dim;
			int			d;

			for (d = 0; d < dim; d++)
				m[d] += v[d];
		}
		for (c = 0; c < k; c++)
		{
			const float *m = sum + (size_t) c * dim;
			double		norm = 0.0;
			int			d;

			for (d = 0; d < dim; d++)
				norm += (double) m[d] * m[d];
			norm = sqrt(norm);
			if (norm > 0.0)
				for (d = 0; d < dim; d++)
					centre[(size_t) c * dim + d] = (float) (m[d] / norm);
		}
	}
	persner_free_all((void *[]) {centre, sum, dist}, 3);
	return PERSNER_OK;
}
