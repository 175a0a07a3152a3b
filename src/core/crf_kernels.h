/*
 * crf_kernels.h - the row kernels of forward-backward, written once for
 * both precisions
 *
 * Not a header of declarations: a template that crf.c includes twice, with
 * CRF_T the element type and CRF_SFX the name suffix (float, f: the
 * tagger's marginals; double, d: the trainer's expectations).  Each
 * inclusion defines crf_axpy4<sfx>, crf_mul<sfx>, crf_forward_step<sfx>,
 * crf_backward_step<sfx> and crf_max<sfx>, and undefines CRF_T and CRF_SFX.
 * The arithmetic is the same in both, in the same order, so the two
 * precisions differ only in rounding.  CRF_LANES comes from crf.c, and
 * CRF_KERNEL, the attributes of the out-of-line steps, with each inclusion
 * from crf.c.
 */
#define CRF_CAT_(a, b)	a##b
#define CRF_CAT(a, b)	CRF_CAT_(a, b)
#define CRF_FN(name)	CRF_CAT(name, CRF_SFX)

/* y[j] += x0 r0[j] + x1 r1[j] + x2 r2[j] + x3 r3[j] */
static inline void
CRF_FN(crf_axpy4) (CRF_T *restrict y, const CRF_T *restrict r0, const CRF_T *restrict r1,
				   const CRF_T *restrict r2, const CRF_T *restrict r3,
				   CRF_T x0, CRF_T x1, CRF_T x2, CRF_T x3, int n)
{
	int			j;

	n &= ~(CRF_LANES - 1);
	for (j = 0; j < n; j++)
		y[j] += (x0 * r0[j] + x1 * r1[j]) + (x2 * r2[j] + x3 * r3[j]);
}

/* out[j] = a[j] * b[j] * k */
static inline void
CRF_FN(crf_mul) (CRF_T *restrict out, const CRF_T *restrict a, const CRF_T *restrict b,
				 CRF_T k, int n)
{
	int			j;

	n &= ~(CRF_LANES - 1);
	for (j = 0; j < n; j++)
		out[j] = a[j] * b[j] * k;
}

/*
 * One forward step: a[j] = (sum_i ap[i] * E[i][j]) * e[j] (not yet scaled).
 * E has R rows of C columns; pad rows and ap's padding are 0.  The sum of
 * column j runs over the rows in groups of four whatever C is, so a
 * column gives the same bits in a matrix of its own columns only.
 */
static CRF_KERNEL void
CRF_FN(crf_forward_step) (CRF_T *restrict a, const CRF_T *restrict ap,
						  const CRF_T *restrict E, const CRF_T *restrict e, int R, int C)
{
	int			i,
				j;

	R &= ~(CRF_LANES - 1);
	C &= ~(CRF_LANES - 1);
	for (j = 0; j < C; j++)
		a[j] = (CRF_T) 0;
	for (i = 0; i < R; i += 4)
	{
		const CRF_T *r = E + (size_t) i * C;

		CRF_FN(crf_axpy4) (a, r, r + C, r + 2 * C, r + 3 * C,
						   ap[i], ap[i + 1], ap[i + 2], ap[i + 3], C);
	}
	for (j = 0; j < C; j++)
		a[j] *= e[j];
}

/*
 * One backward step: u[j] = e[j] * bn[j] * cinv, then
 * b[i] = sum_j E[i][j] * u[j] = sum_j u[j] * ET[j][i].
 */
static CRF_KERNEL void
CRF_FN(crf_backward_step) (CRF_T *restrict b, CRF_T *restrict u,
						   const CRF_T *restrict bn, const CRF_T *restrict ET,
						   const CRF_T *restrict e, CRF_T cinv, int LP)
{
	int			i,
				j;

	LP &= ~(CRF_LANES - 1);
	for (j = 0; j < LP; j++)
	{
		u[j] = e[j] * bn[j] * cinv;
		b[j] = (CRF_T) 0;
	}
	for (i = 0; i < LP; i += 4)
	{
		const CRF_T *r = ET + (size_t) i * LP;

		CRF_FN(crf_axpy4) (b, r, r + LP, r + 2 * LP, r + 3 * LP,
						   u[i], u[i + 1], u[i + 2], u[i + 3], LP);
	}
}

/* Largest of x[0..n) ignoring NaN; 0 if none is finite (a safe offset) */
static CRF_T
CRF_FN(crf_max) (const CRF_T *x, int n)
{
	CRF_T		m = -INFINITY;
	int			j;

	for (j = 0; j < n; j++)
		m = x[j] > m ? x[j] : m;
	return isfinite(m) ? m : (CRF_T) 0;
}

#undef CRF_FN
#undef CRF_CAT
#undef CRF_CAT_
#undef CRF_T
#undef CRF_SFX
#undef CRF_KERNEL
