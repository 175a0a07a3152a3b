/*
 * crf.c - linear-chain CRF inference on score matrices: Viterbi, marginals,
 *         forward-backward for training
 *
 * Matrices only: no strings, no files, no features (see crf.h).
 *
 * Speed.  The tagger must reach a million tokens a second on one core, and
 * Viterbi plus marginals is the part of it that grows with L^2, so the inner
 * loops are written for the vectorizer of a plain "gcc -O2" (PGXS builds
 * with -O2 and no -march): every row is padded to LP = L rounded up to a
 * multiple of 8 floats, loop bounds are written as "LP & ~7" so gcc can prove
 * there is no scalar remainder (its -O2 "very cheap" cost model vectorizes
 * only such loops), rows are contiguous, and the inner loops call no
 * function and contain no branch: selects are bit masks.  Padding cells hold
 * -INFINITY (log space) or 0 (probability space) so they never win or add.
 * The kernels are built twice, for SSE2 and for AVX2, and the loader picks
 * (CRF_CLONES); the bits are the same.
 *
 * Viterbi runs "push" style: for each predecessor i, the row trans[i][*] is
 * added to v[i] and compared against the running best of every label j at
 * once; the comparison is strict and i ascends, so among equal scores the
 * lower predecessor wins, and the final argmax is strict too: ties go to the
 * lower label index, deterministically.  Only the dense columns go this way;
 * the I-X columns, which the BIO grammar gives two predecessors, are taken
 * one by one ("Sparse columns" below).
 *
 * Marginals run the scaled forward-backward recursion in probability space
 * (Rabiner's scaling):
 *
 *   E[i][j]  = exp(trans[i][j] - tmax)           (once per call)
 *   es[t][j] = exp(state[t][j] - smax_t)         (row max subtracted)
 *   a_0      = exp(start) * es_0 / c_0
 *   a_t[j]   = (sum_i a_t-1[i] * E[i][j]) * es_t[j] / c_t,  c_t = row sum
 *   Zhat     = sum_j a_T-1[j] * exp(end[j])
 *   b_T-1    = exp(end) / Zhat
 *   b_t[i]   = (sum_j E[i][j] * es_t+1[j] * b_t+1[j]) / c_t+1
 *   P(y_t = j)            = a_t[j] * b_t[j]
 *   P(y_t-1 = i, y_t = j) = a_t-1[i] * E[i][j] * es_t[j] * b_t[j] / c_t
 *   log Z    = sum_t (smax_t + log c_t) + (T - 1) tmax + log Zhat + maxima
 *
 * Every alpha row sums to 1, so nothing overflows; exp(-inf) = 0 makes
 * forbidden cells vanish by themselves.  The float path uses a branch-free
 * polynomial exp (relative error < 1e-7 on [-87, 88], exactly 0 below -87
 * and for NaN) that gcc vectorizes; the double path for training uses libm.
 * The row kernels of the recursion are written once, in crf_kernels.h, and
 * made here for float and for double.
 *
 * Hostile input (a model with NaN, +-inf or huge weights) may produce
 * meaningless labels and scores, never a crash or an out-of-bounds access:
 * backpointers are always in [0, L), and a lattice where no path survives
 * (a row sum that is 0, infinite or NaN) gets uniform marginals and
 * log Z = -INFINITY.
 */
#include "crf.h"

#include <math.h>
#include <string.h>

/*
 * Rows are padded to a multiple of CRF_LANES floats (and doubles): 8, one
 * AVX register of floats, so that the AVX2 versions below have no
 * remainder either (L = 15 and L = 21 pad to 16 and 24 as with 4).  Pad
 * cells add exact zeros or lose every comparison, so the padding changes
 * no result.
 */
#define CRF_LANES		8
#define CRF_PAD(L)		(((L) + CRF_LANES - 1) & ~(CRF_LANES - 1))

/*
 * The row-step functions below vectorize on their own but not always once
 * gcc has inlined them into a big caller (it loses the no-alias facts), so
 * they stay out of line: one call per token costs a few cycles.
 */
#if defined(__GNUC__)
#define CRF_NOINLINE	__attribute__((noinline))
#else
#define CRF_NOINLINE
#endif

/*
 * CRF_CLONES: the tagger's row kernels twice, for plain x86-64 (SSE2, all
 * that PGXS's -O2 assumes) and for AVX2, which the loader picks (an ifunc)
 * where the processor has it: twice the lanes for the L^2 loops.  Each lane
 * does the same IEEE operations in the same order in both (no FMA: the
 * clone is AVX2 only, and -std=c11 does not contract), so the results are
 * the same bits on any machine.  Only where GNU ifuncs exist;
 * -DPERSNER_NO_CLONES builds the plain kernels alone (to compare).
 */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
	!defined(PERSNER_NO_CLONES)
#if __has_attribute(target_clones)
#define CRF_CLONES		__attribute__((target_clones("avx2", "default")))
#endif
#endif

/* a kernel out of line: cloned where that exists (a clone is never inlined) */
#ifdef CRF_CLONES
#define CRF_OUTLINED	CRF_CLONES
#else
#define CRF_OUTLINED	CRF_NOINLINE
#endif

/* Largest L accepted (keeps every size computation far from overflow). */
#define CRF_MAX_L		4096

/*
 * Sparse columns.  A column j of trans with at most CRF_SPARSE allowed
 * predecessors (cells that are not -INFINITY) is sparse: the BIO grammar
 * makes every I-X one (only B-X and I-X may precede it), K of the 2K + 1
 * columns of a model with K types.  Viterbi and the forward recursion run
 * their vector kernels over the other, dense, columns only, gathered into
 * matrices of their own (crf_model_cache), and take each sparse column
 * over its predecessors one by one: a step costs about LP * (K + 1) + 2K
 * instead of LP * LP.  The results are the same to the bit:
 *
 * - Viterbi: a forbidden cell never wins (v[i] - inf is -inf, and every
 *   comparison is strict), so the best over a column's allowed
 *   predecessors, scanned in ascending order, is the best over all of
 *   them, the same lowest index among equals, and -INFINITY with index 0
 *   when none is finite.  (Scores with NaN, which only a hostile model
 *   makes, may decode differently: labels stay in range.)
 * - Forward: a forbidden cell of E is exactly 0 (crf_expf(-inf)), and
 *   adding 0 is exact, so a sparse column's sum is the sum of at most two
 *   terms, the same in any order; a dense column's sum is the kernel's,
 *   row group by row group, whatever the other columns are.
 *
 * Rows too: Viterbi and the forward step skip the rows that allow no
 * dense column.  In BIOES only O, E-X and S-X may precede O, B-X and S-X,
 * 2K + 1 of the 4K + 1 rows; in BIO every row may precede O.  The rows
 * kept are gathered in ascending order, so Viterbi's best of a column,
 * and the lowest index among equals, is what the full scan gives, to the
 * bit, and so is BIO's forward step, which keeps all its rows in their
 * groups of four.
 *
 * The backward step sums along rows, where BIO's I-X columns sit between
 * the dense ones, so for BIO it keeps the full matrix: skipping its zeros
 * would regroup the sums and change their rounding.  A scheme whose rows
 * each reach dense columns only or at most CRF_SPARSE sparse ones (BIOES:
 * O, E-X and S-X reach O, B-X and S-X; B-X and I-X reach I-X and E-X) is
 * "split": its backward step sums each kind of row over its own columns.
 */
#define CRF_SPARSE		2

/*
 * Float scratch, in this order (all offsets multiples of LP):
 *
 *   model cache (see crf_model_cache): header [LP], key [LP][LP] + 2 rows,
 *   E, ET [LP][LP], estart, eend [LP], VD [LP][LP] (trans over the dense
 *   columns, [NR][DP] used: only the rows that allow one of them), ED
 *   [LP][LP] (E over the same, [NR][DP] used), EDT [LP][LP] (its
 *   transpose, [DP][NR] used), SW, ESW, RSW [CRF_SPARSE][LP] (trans and E
 *   of the sparse columns' predecessors, E of a split model's other rows'
 *   successors), one [LP] (1.0f: the backward step's dense part is a
 *   forward step over EDT that multiplies by it);
 *   Viterbi: v, vn, bestd [LP];
 *   marginals: es, alpha [T][LP], b, u, tmp, ag, ad, ed, ud, bd [LP],
 *   scales c [T].
 *
 * Int scratch: the model cache's lists (CRF_I_CACHE: a header of 8,
 * dense, sparse [LP], spi [CRF_SPARSE][LP], rows [LP]: VD's rows, rsi
 * [CRF_SPARSE][LP]: RSW's columns), argd [LP], then the backpointers
 * [T][LP].
 */
#define CRF_F_CACHE(LP)		((LP) + 6 * (LP) * (LP) + (5 + 3 * CRF_SPARSE) * (LP))
#define CRF_F_VITERBI(LP)	(3 * (LP))
#define CRF_F_MARGINALS(T, LP)	(2 * (T) * (LP) + 8 * (LP) + (T))
#define CRF_I_HDR			8
#define CRF_I_CACHE(LP)		(CRF_I_HDR + (3 + 2 * CRF_SPARSE) * (LP))

static size_t
crf_fneed(size_t T, size_t LP)
{
	return CRF_F_CACHE(LP) + CRF_F_VITERBI(LP) + CRF_F_MARGINALS(T, LP);
}

static size_t
crf_ineed(size_t T, size_t LP)
{
	return CRF_I_CACHE(LP) + LP + T * LP;
}

static size_t
crf_dneed(size_t T, size_t LP)
{
	/* E, ET, acc [LP][LP]; es, alpha, beta [T][LP]; 8 rows; scales [T] */
	return 3 * LP * LP + 3 * T * LP + 8 * LP + T;
}

/*
 * persner_crf_reserve - grow the workspace to hold T x L
 *
 * Never shrinks.  On failure the workspace keeps its previous buffers (and
 * stays usable for what it could hold before).  PERSNER_EINVAL when T < 0,
 * L < 1 or L > 4096 or T is so large that the sizes would overflow.
 */
PersnerStatus
persner_crf_reserve(PersnerCrfWork *w, int T, int L)
{
	size_t		LP,
				fneed,
				dneed,
				ineed;
	float	   *f;
	int		   *i;
	double	   *d;

	if (w == NULL || T < 0 || L < 1 || L > CRF_MAX_L)
		return PERSNER_EINVAL;
	LP = (size_t) CRF_PAD(L);
	if ((size_t) T > SIZE_MAX / sizeof(double) / (4 * LP + 1))
		return PERSNER_EINVAL;
	fneed = crf_fneed((size_t) T, LP);
	dneed = crf_dneed((size_t) T, LP);
	ineed = crf_ineed((size_t) T, LP);

	if ((f = persner_scratch(w->fbuf, &w->fcap, fneed, sizeof(*f))) == NULL)
		return PERSNER_ENOMEM;
	w->fbuf = f;
	if ((i = persner_scratch(w->ibuf, &w->icap, ineed, sizeof(*i))) == NULL)
		return PERSNER_ENOMEM;
	w->ibuf = i;
	if ((d = persner_scratch(w->dbuf, &w->dcap, dneed, sizeof(*d))) == NULL)
		return PERSNER_ENOMEM;
	w->dbuf = d;
	return PERSNER_OK;
}

/* persner_crf_work_free - release the buffers; w itself is the caller's */
void
persner_crf_work_free(PersnerCrfWork *w)
{
	if (w == NULL)
		return;
	persner_free(w->fbuf);
	persner_free(w->ibuf);
	persner_free(w->dbuf);
	memset(w, 0, sizeof(*w));
}

/* Does the workspace hold T x L?  (A caller bug otherwise; we refuse.) */
static int
crf_fits(const PersnerCrfWork *w, int T, int L)
{
	size_t		LP;

	if (w == NULL || T < 0 || L < 1 || L > CRF_MAX_L)
		return 0;
	LP = (size_t) CRF_PAD(L);
	return w->fbuf != NULL && w->ibuf != NULL && w->dbuf != NULL &&
		w->fcap >= crf_fneed((size_t) T, LP) &&
		w->icap >= crf_ineed((size_t) T, LP) &&
		w->dcap >= crf_dneed((size_t) T, LP);
}

/* ---------------------------------------------------------------------
 * Branch-free float helpers (inlined into vectorized loops)
 * ---------------------------------------------------------------------
 */

/* c ? a : b through bit masks: gcc if-converts it where ?: would block */
static inline float
crf_fsel(int c, float a, float b)
{
	int32_t		ia,
				ib,
				m = -(int32_t) c;
	float		r;

	memcpy(&ia, &a, sizeof(ia));
	memcpy(&ib, &b, sizeof(ib));
	ia = (ia & m) | (ib & ~m);
	memcpy(&r, &ia, sizeof(r));
	return r;
}

/*
 * crf_expf - exp(x) for the tagging path, vectorizable
 *
 * Cephes-style: x = n ln2 + r with |r| <= ln2 / 2 (ln2 split in two for
 * exactness), a degree-6 polynomial for exp(r), then 2^n built in the
 * exponent bits.  n is obtained with the 1.5 * 2^23 rounding trick, so
 * there is no float-to-int conversion (undefined for NaN).  Inputs below
 * -87 (the float range ends near -87.3), -INFINITY and NaN give exactly 0;
 * inputs above 88 are clamped (result about 1.65e38, finite).
 */
static inline float
crf_expf(float x)
{
	int			ok = x > -87.0f;	/* false for NaN too */
	float		xc,
				t,
				n,
				r,
				p,
				scale;
	int32_t		ti,
				bits;

	xc = crf_fsel(ok, x, -87.0f);
	xc = crf_fsel(xc < 88.0f, xc, 88.0f);
	t = xc * 1.44269504088896341f + 12582912.0f;
	n = t - 12582912.0f;
	memcpy(&ti, &t, sizeof(ti));
	r = xc - n * 0.693359375f;
	r = r - n * -2.12194440e-4f;
	p = 1.9875691500e-4f;
	p = p * r + 1.3981999507e-3f;
	p = p * r + 8.3334519073e-3f;
	p = p * r + 4.1665795894e-2f;
	p = p * r + 1.6666665459e-1f;
	p = p * r + 5.0000001201e-1f;
	p = p * r * r + r + 1.0f;
	/* low bits of t hold n + 0x400000; n in [-126, 127] here */
	bits = (ti - 0x4B400000 + 127) * (1 << 23);
	memcpy(&scale, &bits, sizeof(scale));
	return crf_fsel(ok, p * scale, 0.0f);
}

/* Sum of x[0..n), n a multiple of 4, in four lanes (vectorizable) */
static inline float
crf_sumf(const float *x, int n)
{
	float		s0 = 0.0f,
				s1 = 0.0f,
				s2 = 0.0f,
				s3 = 0.0f;
	int			j;

	for (j = 0; j < n; j += 4)
	{
		s0 += x[j];
		s1 += x[j + 1];
		s2 += x[j + 2];
		s3 += x[j + 3];
	}
	return (s0 + s1) + (s2 + s3);
}

/*
 * Row kernels.  restrict tells gcc the rows do not overlap (its -O2 cost
 * model will not add runtime alias checks), and "n &= ~3" that there is no
 * remainder; after inlining these are plain vector loops.
 *
 * The matrix-vector products take FOUR rows per pass over the output row.
 * With one row per pass the output row makes a round trip through memory
 * for every row (store, then reload for the next row: store forwarding
 * plus the add latency, some 10 cycles a row); four rows per pass cut those
 * round trips by four.  The matrices have LP rows (pad rows are 0 or
 * -INFINITY), so rows come in whole groups of four.
 */

/*
 * The kernels that forward-backward runs in float (the tagger) and in
 * double (the trainer): written once in crf_kernels.h, made here for each.
 */
#define CRF_T		float
#define CRF_SFX		f
#define CRF_KERNEL	CRF_OUTLINED
#include "crf_kernels.h"
#define CRF_T		double
#define CRF_SFX		d
#define CRF_KERNEL	CRF_NOINLINE
#include "crf_kernels.h"

/* y[j] += a * x[j] */
static inline void
crf_axpyd(double *restrict y, const double *restrict x, double a, int n)
{
	int			j;

	n &= ~(CRF_LANES - 1);
	for (j = 0; j < n; j++)
		y[j] += a * x[j];
}

/*
 * Four predecessors of a Viterbi step at once, rows i[0] < i[1] < i[2] <
 * i[3]: best[j] = max(best[j], v_k + r_k[j]), arg[j] = the i[k] that won.
 * Every comparison is strict and prefers the lower index (s0 over s1, the
 * pair (0,1) over (2,3), the earlier groups over this one), so ties go to
 * the lower predecessor exactly as a one-by-one scan would.
 */
static CRF_OUTLINED void
crf_vit_push4(float *restrict best, int *restrict arg,
			  const float *restrict r0, const float *restrict r1,
			  const float *restrict r2, const float *restrict r3,
			  float v0, float v1, float v2, float v3, const int *restrict i, int n)
{
	const int	i0 = i[0],
				i1 = i[1],
				i2 = i[2],
				i3 = i[3];
	int			j;

	n &= ~(CRF_LANES - 1);
	for (j = 0; j < n; j++)
	{
		float		s0 = v0 + r0[j],
					s1 = v1 + r1[j],
					s2 = v2 + r2[j],
					s3 = v3 + r3[j];
		int			m01 = -(s1 > s0),
					m23 = -(s3 > s2),
					m,
					mb;
		float		b01 = s1 > s0 ? s1 : s0,
					b23 = s3 > s2 ? s3 : s2,
					bb;
		int			i01 = (i1 & m01) | (i0 & ~m01),
					i23 = (i3 & m23) | (i2 & ~m23),
					ib;

		m = -(b23 > b01);
		bb = b23 > b01 ? b23 : b01;
		ib = (i23 & m) | (i01 & ~m);
		mb = -(bb > best[j]);
		best[j] = bb > best[j] ? bb : best[j];
		arg[j] = (ib & mb) | (arg[j] & ~mb);
	}
}

/*
 * crf_load_expf - out[j] = exp(in[j] - off) for j < L, 0 in the padding
 *
 * With find_max, off is the largest finite-or-not score of the row (NaN
 * ignored; 0 if it is not finite), so the largest cell becomes exp(0) = 1
 * and nothing overflows.  Returns off.  Out of line for the vectorizer.
 */
static CRF_OUTLINED float
crf_load_expf(float *restrict out, const float *restrict in, int L, int LP,
			  int find_max, float off)
{
	int			j;

	LP &= ~(CRF_LANES - 1);
	for (j = 0; j < L; j++)
		out[j] = in[j];
	for (; j < LP; j++)
		out[j] = -INFINITY;
	if (find_max)
	{
		float		m0 = -INFINITY,
					m1 = -INFINITY,
					m2 = -INFINITY,
					m3 = -INFINITY;

		for (j = 0; j < LP; j += 4)
		{
			m0 = out[j] > m0 ? out[j] : m0;
			m1 = out[j + 1] > m1 ? out[j + 1] : m1;
			m2 = out[j + 2] > m2 ? out[j + 2] : m2;
			m3 = out[j + 3] > m3 ? out[j + 3] : m3;
		}
		m0 = m1 > m0 ? m1 : m0;
		m2 = m3 > m2 ? m3 : m2;
		m0 = m2 > m0 ? m2 : m0;
		off = isfinite(m0) ? m0 : 0.0f;
	}
	for (j = 0; j < LP; j++)
		out[j] = crf_expf(out[j] - off);
	return off;
}

/* Is c a usable scale: positive and finite (false for NaN)? */
static inline int
crf_good(double c)
{
	return c > 0.0 && c < INFINITY;
}

/* ---------------------------------------------------------------------
 * The model cache
 * ---------------------------------------------------------------------
 */

/* Views of the model cache in a workspace (see crf_model_cache) */
typedef struct CrfModel
{
	const float *hdr;			/* L, tmax, start and end offsets */
	const float *E;				/* [LP][LP] exp(trans - tmax), pad 0 */
	const float *ET;			/* [LP][LP] its transpose: ET[j][i] = E[i][j] */
	const float *estart;		/* [LP] exp(start - max) */
	const float *eend;			/* [LP] exp(end - max) */
	const float *VD;			/* [LP][DP] trans of the dense columns, pad -inf */
	const float *SW;			/* [CRF_SPARSE][LP] trans[spi[q][s]][sparse[s]] */
	const int  *dense;			/* [nd] the dense columns, ascending */
	const int  *sparse;			/* [ns] the sparse columns, ascending */
	const int  *spi;			/* [CRF_SPARSE][LP] their predecessors, ascending;
								 * a column with fewer has pad cells 0, -inf */
	const float *one;			/* [LP] 1.0f */
	const float *ED;			/* [NR][DP] E of VD's cells, pad 0 */
	const float *EDT;			/* [DP][NR] its transpose */
	const float *ESW;			/* [CRF_SPARSE][LP] E of SW's cells, pad 0 */
	const float *RSW;			/* [CRF_SPARSE][LP] split: E[i][rsi[q][i]] of the
								 * rows not in rows, 0 elsewhere */
	const int  *rows;			/* [NR] VD's rows: those that allow a dense column,
								 * ascending, then pad rows (index 0, all -inf) */
	const int  *rsi;			/* [CRF_SPARSE][LP] split: those columns (or 0) */
	int			nd,
				ns,
				DP,				/* nd rounded up to a multiple of CRF_LANES */
				nr,				/* the rows that allow a dense column */
				NR,				/* nr rounded up to a multiple of CRF_LANES */
				split;			/* each row reaches dense or sparse columns only */
} CrfModel;

/*
 * crf_model_cache - what the model's transition, start and end scores
 * give, whatever the sentence: exp() of them, and the split of the
 * columns into dense and sparse (see "Sparse columns" above)
 *
 * The workspace keeps them: the float header holds L (0 = nothing cached:
 * reserve hands out zeroed buffers), tmax and the start and end offsets,
 * the int header L again (the two buffers may be replaced apart); the key
 * holds a bitwise copy of trans, start and end.  A memcmp of those
 * 4 (L^2 + 2L) bytes replaces L^2 + 2L exponentials, a transpose and the
 * gathers per sentence.  Fills *cm with views into the workspace.
 */
static void
crf_model_cache(PersnerCrfWork *w, const float *trans, const float *start,
				const float *end, int L, int LP, CrfModel *cm)
{
	float	   *hdr = w->fbuf;
	float	   *key = hdr + LP;
	float	   *E = key + (size_t) LP * LP + 2 * LP;
	float	   *ET = E + (size_t) LP * LP;
	float	   *estart = ET + (size_t) LP * LP;
	float	   *eend = estart + LP;
	float	   *VD = eend + LP;
	float	   *ED = VD + (size_t) LP * LP;
	float	   *EDT = ED + (size_t) LP * LP;
	float	   *SW = EDT + (size_t) LP * LP;
	float	   *ESW = SW + CRF_SPARSE * LP;
	float	   *RSW = ESW + CRF_SPARSE * LP;
	float	   *one = RSW + CRF_SPARSE * LP;
	int		   *ihdr = w->ibuf;
	int		   *dense = ihdr + CRF_I_HDR;
	int		   *sparse = dense + LP;
	int		   *spi = sparse + LP;
	int		   *rows = spi + CRF_SPARSE * LP;
	int		   *rsi = rows + LP;
	size_t		nt = (size_t) L * L;
	float		tmax;
	int			i,
				j,
				k,
				q,
				nd,
				ns,
				DP,
				nr,
				NR,
				split;

	*cm = (CrfModel) {
		.hdr = hdr, .E = E, .ET = ET, .estart = estart, .eend = eend,
		.VD = VD, .ED = ED, .EDT = EDT, .SW = SW, .ESW = ESW, .RSW = RSW, .one = one,
		.dense = dense, .sparse = sparse, .spi = spi, .rows = rows, .rsi = rsi
	};
	if (hdr[0] == (float) L && ihdr[0] == L &&
		memcmp(key, trans, sizeof(float) * nt) == 0 &&
		memcmp(key + nt, start, sizeof(float) * L) == 0 &&
		memcmp(key + nt + L, end, sizeof(float) * L) == 0)
	{
		cm->nd = ihdr[1];
		cm->ns = ihdr[2];
		cm->DP = ihdr[3];
		cm->nr = ihdr[4];
		cm->NR = ihdr[5];
		cm->split = ihdr[6];
		return;
	}

	hdr[0] = 0.0f;
	ihdr[0] = 0;
	tmax = crf_maxf(trans, L * L);
	for (i = 0; i < L; i++)
		crf_load_expf(E + (size_t) i * LP, trans + (size_t) i * L, L, LP, 0, tmax);
	memset(E + (size_t) L * LP, 0, sizeof(float) * (size_t) (LP - L) * LP);
	for (i = 0; i < LP; i++)
		for (j = 0; j < LP; j++)
			ET[(size_t) j * LP + i] = E[(size_t) i * LP + j];
	hdr[1] = tmax;
	hdr[2] = crf_load_expf(estart, start, L, LP, 1, 0.0f);
	hdr[3] = crf_load_expf(eend, end, L, LP, 1, 0.0f);

	/* the columns: sparse with at most CRF_SPARSE allowed cells (NaN counts) */
	nd = ns = 0;
	for (j = 0; j < L; j++)
	{
		int			n = 0;

		for (i = 0; i < L; i++)
			n += trans[(size_t) i * L + j] != -INFINITY;
		if (n > CRF_SPARSE)
		{
			dense[nd++] = j;
			continue;
		}
		for (i = 0, q = 0; i < L; i++)
			if (trans[(size_t) i * L + j] != -INFINITY)
			{
				spi[q * LP + ns] = i;
				SW[q * LP + ns] = trans[(size_t) i * L + j];
				ESW[q * LP + ns] = E[(size_t) i * LP + j];
				q++;
			}
		for (; q < CRF_SPARSE; q++)
		{
			spi[q * LP + ns] = 0;	/* v[0] - inf never wins */
			SW[q * LP + ns] = -INFINITY;
			ESW[q * LP + ns] = 0.0f;
		}
		sparse[ns++] = j;
	}
	DP = CRF_PAD(nd);

	/*
	 * VD and ED: the rows that allow a dense column (NaN counts), then pad
	 * rows; a split model's other rows go to RSW.  The split needs every
	 * row to reach dense columns only, or at most CRF_SPARSE sparse ones.
	 */
	nr = 0;
	split = 1;
	for (i = 0; i < LP; i++)
	{
		one[i] = 1.0f;
		for (q = 0; q < CRF_SPARSE; q++)
		{
			rsi[q * LP + i] = 0;
			RSW[q * LP + i] = 0.0f;
		}
	}
	for (i = 0; i < L; i++)
	{
		int			live = 0,
					nsucc = 0;

		for (k = 0; k < nd; k++)
			live |= trans[(size_t) i * L + dense[k]] != -INFINITY;
		for (k = 0; k < ns; k++)
			if (trans[(size_t) i * L + sparse[k]] != -INFINITY)
			{
				if (live || nsucc == CRF_SPARSE)
					split = 0;
				else
				{
					rsi[nsucc * LP + i] = sparse[k];
					RSW[nsucc * LP + i] = E[(size_t) i * LP + sparse[k]];
				}
				nsucc++;
			}
		if (!live)
			continue;
		for (k = 0; k < DP; k++)
		{
			VD[(size_t) nr * DP + k] = k < nd ? trans[(size_t) i * L + dense[k]] : -INFINITY;
			ED[(size_t) nr * DP + k] = k < nd ? E[(size_t) i * LP + dense[k]] : 0.0f;
		}
		rows[nr++] = i;
	}
	NR = CRF_PAD(nr);
	for (k = nr; k < NR; k++)
	{
		for (j = 0; j < DP; j++)
		{
			VD[(size_t) k * DP + j] = -INFINITY;
			ED[(size_t) k * DP + j] = 0.0f;
		}
		rows[k] = 0;
	}
	for (k = 0; k < DP; k++)
		for (j = 0; j < NR; j++)
			EDT[(size_t) k * NR + j] = ED[(size_t) j * DP + k];
	cm->nd = ihdr[1] = nd;
	cm->ns = ihdr[2] = ns;
	cm->DP = ihdr[3] = DP;
	cm->nr = ihdr[4] = nr;
	cm->NR = ihdr[5] = NR;
	cm->split = ihdr[6] = split;

	memcpy(key, trans, sizeof(float) * nt);
	memcpy(key + nt, start, sizeof(float) * L);
	memcpy(key + nt + L, end, sizeof(float) * L);
	ihdr[0] = L;
	hdr[0] = (float) L;
}

/* ---------------------------------------------------------------------
 * Viterbi
 * ---------------------------------------------------------------------
 */

/*
 * persner_crf_viterbi - best label path for one sentence
 *
 * Writes T labels to path (caller-owned) and returns the path score, or
 * -INFINITY if every path is forbidden (path is then all 0).  The workspace
 * must hold T x L (see persner_crf_reserve); if it does not, or L < 1, the
 * path is all 0 and the result -INFINITY.  T = 0 returns 0 and writes
 * nothing.
 */
float
persner_crf_viterbi(PersnerCrfWork *w, const float *state,
					const float *trans, const float *start,
					const float *end, int T, int L, int *path)
{
	int			LP,
				DP;
	CrfModel	cm;
	float	   *v;				/* [LP] best score ending in j at t - 1 */
	float	   *vn;				/* [LP] the same at t */
	float	   *bestd;			/* [DP] best over the predecessors, dense columns */
	int		   *argd;			/* [DP] which */
	int		   *bp;				/* [T][LP] backpointers, row 0 unused */
	float		score;
	int			i,
				j,
				k,
				q,
				t,
				y;

	if (T <= 0)
		return 0.0f;
	if (!crf_fits(w, T, L))
	{
		for (t = 0; t < T; t++)
			path[t] = 0;
		return -INFINITY;
	}
	/* a multiple of CRF_LANES that gcc can see: no scalar remainder loops */
	LP = CRF_PAD(L) & ~(CRF_LANES - 1);
	crf_model_cache(w, trans, start, end, L, LP, &cm);
	DP = cm.DP & ~(CRF_LANES - 1);
	v = w->fbuf + CRF_F_CACHE((size_t) LP);
	vn = v + LP;
	bestd = vn + LP;
	argd = w->ibuf + CRF_I_CACHE((size_t) LP);
	bp = argd + LP;

	for (j = 0; j < L; j++)
		v[j] = start[j] + state[j];
	for (; j < LP; j++)
		v[j] = vn[j] = -INFINITY;

	for (t = 1; t < T; t++)
	{
		const float *st = state + (size_t) t * L;
		int		   *arg = bp + (size_t) t * LP;
		float	   *swap;

		/*
		 * The dense columns: bestd[k] = max_i v[i] + VD[i][k], four rows
		 * at a time over the rows that allow them (pad rows -inf never
		 * win); strict, so the lower i wins ties.
		 */
		for (k = 0; k < DP; k++)
		{
			bestd[k] = -INFINITY;
			argd[k] = 0;
		}
		if (DP > 0)
			for (i = 0; i < cm.NR; i += 4)
			{
				const float *r = cm.VD + (size_t) i * DP;
				const int  *ri = cm.rows + i;

				crf_vit_push4(bestd, argd, r, r + DP, r + 2 * DP, r + 3 * DP,
							  v[ri[0]], v[ri[1]], v[ri[2]], v[ri[3]], ri, DP);
			}
		for (k = 0; k < cm.nd; k++)
		{
			j = cm.dense[k];
			vn[j] = bestd[k] + st[j];
			arg[j] = argd[k];
		}
		/*
		 * The sparse columns over their predecessors, ascending, strict
		 * (selects, not branches: which one wins is anybody's guess)
		 */
		for (k = 0; k < cm.ns; k++)
		{
			float		b = -INFINITY;
			int			a = 0;

			for (q = 0; q < CRF_SPARSE; q++)
			{
				int			p = cm.spi[q * LP + k];
				float		x = v[p] + cm.SW[q * LP + k];

				a = x > b ? p : a;
				b = x > b ? x : b;
			}
			j = cm.sparse[k];
			vn[j] = b + st[j];
			arg[j] = a;
		}
		swap = v;
		v = vn;
		vn = swap;
	}

	/* the final label: strict >, so the lower index wins ties */
	score = -INFINITY;
	y = 0;
	for (j = 0; j < L; j++)
	{
		float		s = v[j] + end[j];

		if (s > score)
		{
			score = s;
			y = j;
		}
	}
	if (!(score > -INFINITY))
	{
		for (t = 0; t < T; t++)
			path[t] = 0;
		return -INFINITY;
	}
	path[T - 1] = y;
	for (t = T - 1; t > 0; t--)
	{
		y = bp[(size_t) t * LP + y];
		if (y < 0 || y >= L)	/* cannot happen: pad cells never win */
			y = 0;
		path[t - 1] = y;
	}
	return score;
}

/* ---------------------------------------------------------------------
 * Marginals (float, tagging)
 * ---------------------------------------------------------------------
 */

/*
 * crf_forward_sparse - one forward step, a[j] = (sum_i ap[i] E[i][j]) es[j]
 * (not yet scaled), over the allowed cells only (see "Sparse columns"):
 * the dense columns over VD's rows in their groups of four, as
 * crf_forward_stepf sums them, each sparse column over its at most two
 * predecessors.  For BIO that is the full step's arithmetic, to the bit.
 * ag, ad, ed are scratch of LP.
 */
static CRF_NOINLINE void
crf_forward_sparse(const CrfModel *cm, float *restrict a, const float *restrict ap,
				   const float *restrict e, float *ag, float *ad, float *ed, int LP)
{
	int			k,
				q;

	for (k = 0; k < cm->NR; k++)
		ag[k] = k < cm->nr ? ap[cm->rows[k]] : 0.0f;
	for (k = 0; k < cm->DP; k++)
		ed[k] = k < cm->nd ? e[cm->dense[k]] : 0.0f;
	crf_forward_stepf(ad, ag, cm->ED, ed, cm->NR, cm->DP);
	for (k = 0; k < LP; k++)
		a[k] = 0.0f;
	for (k = 0; k < cm->nd; k++)
		a[cm->dense[k]] = ad[k];
	for (k = 0; k < cm->ns; k++)
	{
		float		sum = 0.0f;

		for (q = 0; q < CRF_SPARSE; q++)
			sum += ap[cm->spi[q * LP + k]] * cm->ESW[q * LP + k];
		a[cm->sparse[k]] = sum * e[cm->sparse[k]];
	}
}

/*
 * crf_backward_split - crf_backward_stepf for a split model: u[j] =
 * es[j] bn[j] cinv, then b[i] = sum_j E[i][j] u[j] over VD's rows' dense
 * columns (in groups of four) and the other rows' at most CRF_SPARSE
 * sparse columns.  ud, bd are scratch of LP.
 */
static CRF_NOINLINE void
crf_backward_split(const CrfModel *cm, float *restrict b, float *restrict u,
				   const float *restrict bn, const float *restrict e, float cinv,
				   float *ud, float *bd, int LP)
{
	int			i,
				k,
				q;

	for (i = 0; i < LP; i++)
		u[i] = e[i] * bn[i] * cinv;
	for (k = 0; k < cm->DP; k++)
		ud[k] = k < cm->nd ? u[cm->dense[k]] : 0.0f;
	crf_forward_stepf(bd, ud, cm->EDT, cm->one, cm->DP, cm->NR);
	for (i = 0; i < LP; i++)
	{
		float		sum = 0.0f;

		for (q = 0; q < CRF_SPARSE; q++)
			sum += cm->RSW[q * LP + i] * u[cm->rsi[q * LP + i]];
		b[i] = sum;
	}
	for (k = 0; k < cm->nr; k++)
		b[cm->rows[k]] = bd[k];
}

/* Uniform rows: the answer when no path survives. */
static void
crf_uniform(float *marg, int T, int L)
{
	size_t		k,
				n = (size_t) T * L;

	for (k = 0; k < n; k++)
		marg[k] = 1.0f / (float) L;
}

/*
 * persner_crf_marginals - P(y_t = j | x) for every t, j (float, for tagging)
 *
 * Writes marg [T][L] (caller-owned), each row summing to 1, and returns
 * log Z.  T = 0 returns 0 and writes nothing.  When no path is allowed (or
 * the scores are so hostile that a scale is 0, infinite or NaN) every row
 * is uniform and the result is -INFINITY.  The workspace must hold T x L;
 * if it does not, rows are uniform and the result is -INFINITY.
 */
double
persner_crf_marginals(PersnerCrfWork *w, const float *state,
					  const float *trans, const float *start,
					  const float *end, int T, int L, float *marg)
{
	int			LP;
	CrfModel	cm;				/* E, ET, estart, eend, the columns */
	float	   *es;				/* [T][LP] exp(state - row max), pad 0 */
	float	   *alpha;			/* [T][LP] scaled forward rows */
	float	   *b;				/* [LP] scaled backward row b_t */
	float	   *u;				/* [LP] es_t+1 * b_t+1 */
	float	   *tmp;			/* [LP] */
	float	   *ag;				/* [NR] alpha_t-1 at VD's rows */
	float	   *ad;				/* [DP] the forward step's dense columns */
	float	   *ed;				/* [DP] es_t at them */
	float	   *ud;				/* [DP] u at them */
	float	   *bd;				/* [NR] b_t at VD's rows (split models) */
	float	   *c;				/* [T] scales */
	float		zhat;
	double		logz,
				cprod = 1.0;
	int			j,
				t;

	if (T <= 0)
		return 0.0;
	if (!crf_fits(w, T, L))
	{
		if (L >= 1)
			crf_uniform(marg, T, L);
		return -INFINITY;
	}
	/* a multiple of CRF_LANES that gcc can see: no scalar remainder loops */
	LP = CRF_PAD(L) & ~(CRF_LANES - 1);
	crf_model_cache(w, trans, start, end, L, LP, &cm);
	es = w->fbuf + CRF_F_CACHE((size_t) LP) + CRF_F_VITERBI((size_t) LP);
	alpha = es + (size_t) T * LP;
	b = alpha + (size_t) T * LP;
	u = b + LP;
	tmp = u + LP;
	ag = tmp + LP;
	ad = ag + LP;
	ed = ad + LP;
	ud = ed + LP;
	bd = ud + LP;
	c = bd + LP;

	logz = (double) cm.hdr[1] * (T - 1) + cm.hdr[2] + cm.hdr[3];

	/* es[t] = exp(state[t] - smax_t) */
	for (t = 0; t < T; t++)
		logz += crf_load_expf(es + (size_t) t * LP, state + (size_t) t * L, L, LP, 1, 0.0f);

	/* forward */
	for (t = 0; t < T; t++)
	{
		float	   *a = alpha + (size_t) t * LP;
		const float *e = es + (size_t) t * LP;
		float		ct,
					inv;

		if (t == 0)
			crf_mulf(a, cm.estart, e, 1.0f, LP);
		else
			crf_forward_sparse(&cm, a, a - LP, e, ag, ad, ed, LP);
		ct = crf_sumf(a, LP);
		if (!crf_good(ct))
		{
			crf_uniform(marg, T, L);
			return -INFINITY;
		}
		c[t] = ct;
		/* log Z gets log of the product of the c_t, one log() per few t */
		cprod *= ct;
		if (cprod < 1e-200 || cprod > 1e200)
		{
			logz += log(cprod);
			cprod = 1.0;
		}
		inv = 1.0f / ct;
		for (j = 0; j < LP; j++)
			a[j] *= inv;
	}
	crf_mulf(tmp, alpha + (size_t) (T - 1) * LP, cm.eend, 1.0f, LP);
	zhat = crf_sumf(tmp, LP);
	if (!crf_good(zhat))
	{
		crf_uniform(marg, T, L);
		return -INFINITY;
	}
	logz += log(cprod * zhat);

	/* backward, writing marginal rows as it goes */
	for (j = 0; j < LP; j++)
		b[j] = cm.eend[j] / zhat;
	for (t = T - 1; t >= 0; t--)
	{
		const float *a = alpha + (size_t) t * LP;
		float	   *m = marg + (size_t) t * L;
		float		s,
					inv;

		if (t < T - 1)
		{
			const float *e = es + (size_t) (t + 1) * LP;
			float		cinv = 1.0f / c[t + 1];

			/* b_t[i] = sum_j ET[j][i] * u[j] / c_t+1 */
			if (cm.split)
				crf_backward_split(&cm, tmp, u, b, e, cinv, ud, bd, LP);
			else
				crf_backward_stepf(tmp, u, b, cm.ET, e, cinv, LP);
			memcpy(b, tmp, sizeof(float) * LP);
		}
		crf_mulf(tmp, a, b, 1.0f, LP);
		/* exactly 1 in exact arithmetic; renormalize against rounding */
		s = crf_sumf(tmp, LP);
		if (!crf_good(s))
		{
			crf_uniform(marg, T, L);
			return -INFINITY;
		}
		inv = 1.0f / s;
		for (j = 0; j < L; j++)
			m[j] = tmp[j] * inv;
	}
	return logz;
}

/* ---------------------------------------------------------------------
 * Forward-backward (double, training)
 * ---------------------------------------------------------------------
 */

/*
 * persner_crf_forward_backward - training statistics in double precision
 *
 * For one sentence: writes node marginals marg [T][L] and ADDS the expected
 * transition counts sum_t P(y_t-1 = i, y_t = j) to trans_exp [L][L], and
 * P(y_0 = j), P(y_T-1 = j) to start_exp [L], end_exp [L].  Returns log Z.
 * T = 0 returns 0 and touches nothing.  When no path is allowed the
 * marginals are 0, nothing is added and the result is -INFINITY; a
 * workspace too small for T x L gives the same.
 */
double
persner_crf_forward_backward(PersnerCrfWork *w, const double *state,
							 const double *trans, const double *start,
							 const double *end, int T, int L,
							 double *marg, double *trans_exp,
							 double *start_exp, double *end_exp)
{
	int			LP;
	double	   *E;				/* [L][LP] exp(trans - tmax), pad 0 */
	double	   *ET;				/* [L][LP] transpose */
	double	   *es;				/* [T][LP] exp(state - row max) */
	double	   *alpha;			/* [T][LP] scaled forward rows */
	double	   *beta;			/* [T][LP] scaled backward rows */
	double	   *c;				/* [T] scales */
	double	   *u;				/* [LP] es_t * b_t */
	double	   *estart;			/* [LP] */
	double	   *eend;			/* [LP] */
	double	   *tmp;			/* [LP] */
	double	   *acc;			/* [L][LP] sum_t a_t-1[i] / c_t * u_t[j] */
	double		tmax,
				smax,
				zhat,
				logz;
	int			i,
				j,
				t;

	if (T <= 0)
		return 0.0;
	if (!crf_fits(w, T, L))
	{
		if (L >= 1)
			memset(marg, 0, sizeof(double) * (size_t) T * L);
		return -INFINITY;
	}
	/* a multiple of CRF_LANES that gcc can see: no scalar remainder loops */
	LP = CRF_PAD(L) & ~(CRF_LANES - 1);
	E = w->dbuf;
	ET = E + (size_t) LP * LP;
	es = ET + (size_t) LP * LP;
	alpha = es + (size_t) T * LP;
	beta = alpha + (size_t) T * LP;
	u = beta + (size_t) T * LP;
	estart = u + LP;
	eend = estart + LP;
	tmp = eend + LP;
	acc = tmp + LP;
	c = acc + (size_t) LP * LP;

	tmax = crf_maxd(trans, L * L);
	for (i = 0; i < L; i++)
	{
		for (j = 0; j < L; j++)
			E[(size_t) i * LP + j] = exp(trans[(size_t) i * L + j] - tmax);
		for (; j < LP; j++)
			E[(size_t) i * LP + j] = 0.0;
	}
	memset(E + (size_t) L * LP, 0, sizeof(double) * (size_t) (LP - L) * LP);
	for (i = 0; i < LP; i++)
		for (j = 0; j < LP; j++)
			ET[(size_t) j * LP + i] = E[(size_t) i * LP + j];

	logz = tmax * (T - 1);
	smax = crf_maxd(start, L);
	logz += smax;
	for (j = 0; j < L; j++)
		estart[j] = exp(start[j] - smax);
	smax = crf_maxd(end, L);
	logz += smax;
	for (j = 0; j < L; j++)
		eend[j] = exp(end[j] - smax);
	for (j = L; j < LP; j++)
		estart[j] = eend[j] = 0.0;

	for (t = 0; t < T; t++)
	{
		const double *st = state + (size_t) t * L;
		double	   *row = es + (size_t) t * LP;

		smax = crf_maxd(st, L);
		logz += smax;
		for (j = 0; j < L; j++)
			row[j] = exp(st[j] - smax);
		for (; j < LP; j++)
			row[j] = 0.0;
	}

	/* forward */
	for (t = 0; t < T; t++)
	{
		double	   *a = alpha + (size_t) t * LP;
		const double *e = es + (size_t) t * LP;
		double		ct = 0.0,
					inv;

		if (t == 0)
			crf_muld(a, estart, e, 1.0, LP);
		else
			crf_forward_stepd(a, a - LP, E, e, LP, LP);
		for (j = 0; j < LP; j++)
			ct += a[j];
		if (!crf_good(ct))
			goto dead;
		c[t] = ct;
		logz += log(ct);
		inv = 1.0 / ct;
		for (j = 0; j < LP; j++)
			a[j] *= inv;
	}
	zhat = 0.0;
	for (j = 0; j < LP; j++)
		zhat += alpha[(size_t) (T - 1) * LP + j] * eend[j];
	if (!crf_good(zhat))
		goto dead;
	logz += log(zhat);

	/* backward */
	for (j = 0; j < LP; j++)
		beta[(size_t) (T - 1) * LP + j] = eend[j] / zhat;
	for (t = T - 2; t >= 0; t--)
	{
		const double *bn = beta + (size_t) (t + 1) * LP;
		const double *e = es + (size_t) (t + 1) * LP;
		double	   *bt = beta + (size_t) t * LP;
		double		cinv = 1.0 / c[t + 1];

		crf_backward_stepd(bt, u, bn, ET, e, cinv, LP);
	}

	/* node marginals; start and end expectations */
	for (t = 0; t < T; t++)
	{
		const double *a = alpha + (size_t) t * LP;
		const double *bt = beta + (size_t) t * LP;
		double	   *m = marg + (size_t) t * L;

		for (j = 0; j < L; j++)
			m[j] = a[j] * bt[j];
	}
	for (j = 0; j < L; j++)
	{
		start_exp[j] += marg[j];
		end_exp[j] += marg[(size_t) (T - 1) * L + j];
	}

	/*
	 * Pair marginals: P(i, j at t-1, t) = a_t-1[i] E[i][j] es_t[j] b_t[j] / c_t.
	 * E[i][j] does not depend on t, so sum a_t-1[i] / c_t * es_t[j] b_t[j]
	 * over t first and multiply by E once.
	 */
	if (T > 1)
	{
		for (i = 0; i < L; i++)
			for (j = 0; j < LP; j++)
				acc[(size_t) i * LP + j] = 0.0;
		for (t = 1; t < T; t++)
		{
			const double *ap = alpha + (size_t) (t - 1) * LP;
			const double *e = es + (size_t) t * LP;
			const double *bt = beta + (size_t) t * LP;
			double		cinv = 1.0 / c[t];

			crf_muld(u, e, bt, 1.0, LP);
			for (i = 0; i < L; i++)
				crf_axpyd(acc + (size_t) i * LP, u, ap[i] * cinv, LP);
		}
		for (i = 0; i < L; i++)
			for (j = 0; j < L; j++)
				trans_exp[(size_t) i * L + j] +=
					acc[(size_t) i * LP + j] * E[(size_t) i * LP + j];
	}
	return logz;

dead:
	memset(marg, 0, sizeof(double) * (size_t) T * L);
	return -INFINITY;
}
