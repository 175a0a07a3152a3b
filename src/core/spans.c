/*
 * spans.c - BIO and BIOES tags -> entity spans with scores
 */
#include "spans.h"

size_t
persner_spans(const int *tags, const float *scores, int T, int w, int L, PersnerSpan *out)
{
	size_t		n = 0;
	int			open = 0,		/* a span is open in out[n] */
				ended = 0;		/* and its last tag was E- or S- */
	double		sum = 0;
	int			t;

	for (t = 0; t <= T; t++)
	{
		int			tag = t < T ? tags[t] : PERSNER_TAG_O;
		int			type;

		if (tag <= 0 || tag >= L)
			tag = PERSNER_TAG_O;
		type = tag == PERSNER_TAG_O ? -1 : PERSNER_TAG_TYPE(w, tag);

		/* close the open span unless this tag continues it */
		if (open && (ended || tag == PERSNER_TAG_O || PERSNER_TAG_IS_B(w, tag) ||
					 type != out[n].type))
		{
			out[n].end = t;
			out[n].score = (float) (sum / (t - out[n].beg));
			n++;
			open = 0;
		}
		if (tag != PERSNER_TAG_O && !open)
		{
			out[n].beg = t;
			out[n].type = type;
			sum = 0;
			open = 1;
		}
		if (open)
			sum += scores ? scores[t] : 1.0;
		ended = w == PERSNER_BIOES && tag != PERSNER_TAG_O && PERSNER_TAG_POS(w, tag) >= 2;
	}
	return n;
}
