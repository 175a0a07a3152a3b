/*
 * docmem.c - the names a document has tagged so far (docmem.h)
 */
#include "docmem.h"
#include "feat.h"

#include <string.h>

#define MASK		(PERSNER_DOCMEM_SLOTS - 1)
#define TYPE_BITS	0xFFu

/*
 * A new document per SQL value, so forgetting must be cheap: it moves on to
 * the next generation instead of clearing 12 kB (short documents of one
 * sentence each would pay that every time).
 */
void
persner_docmem_reset(PersnerDocMem *d)
{
	if (++d->cur == 0)
	{
		memset(d->gen, 0, sizeof(d->gen));
		d->cur = 1;
	}
	d->nkeys = 0;
	d->sent = 0;
}

static inline int
taken(const PersnerDocMem *d, uint32_t i)
{
	return d->gen[i] == d->cur;
}

/* slot of key in d, or of the free slot where it would go (the table is never full) */
static uint32_t
slot_of(const PersnerDocMem *d, uint64_t key)
{
	uint32_t	i = (uint32_t) key & MASK;

	while (taken(d, i) && d->keys[i] != key)
		i = (i + 1) & MASK;
	return i;
}

void
persner_docmem_apply(const PersnerDocMem *d, const uint64_t *ident, int T,
					 uint32_t window, float bonus, int w, int L, float *state)
{
	int			i = 0;

	if (d->nkeys == 0)
		return;
	while (i < T)
	{
		uint64_t	k = 0;
		int			best = -1,
					type = 0,
					u;

		for (u = i; u < T && u < i + PERSNER_GAZ_MAX_TOKENS; u++)
		{
			uint32_t	s,
						v;

			k = persner_phrase_extend(k, ident[u]);
			s = slot_of(d, k);
			if (!taken(d, s))
				break;
			v = d->vals[s];
			if ((v & TYPE_BITS) != 0 && PERSNER_L_OF(w, (int) (v & TYPE_BITS)) <= L &&
				(window == 0 || d->sent - d->seen[s] <= window))
			{
				best = u;
				type = (int) (v & TYPE_BITS) - 1;
			}
			if (!(v & PERSNER_GAZ_PREFIX))
				break;
		}
		if (best < 0)
		{
			i++;
			continue;
		}
		if (best == i)
			state[(size_t) i * L + PERSNER_TAG_S(w, type)] += bonus;
		else
		{
			state[(size_t) i * L + PERSNER_TAG_B(w, type)] += bonus;
			for (u = i + 1; u < best; u++)
				state[(size_t) u * L + PERSNER_TAG_I(w, type)] += bonus;
			state[(size_t) best * L + PERSNER_TAG_E(w, type)] += bonus;
		}
		i = best + 1;
	}
}

void
persner_docmem_learn(PersnerDocMem *d, const uint64_t *ident, const PersnerSpan *spans,
					 size_t nsp)
{
	size_t		e;

	for (e = 0; e < nsp; e++)
	{
		const PersnerSpan *sp = &spans[e];
		uint64_t	k = 0;
		int			u;

		if (sp->end - sp->beg > PERSNER_GAZ_MAX_TOKENS || sp->type < 0 ||
			sp->type >= (int) TYPE_BITS)
			continue;
		if (d->nkeys + PERSNER_GAZ_MAX_TOKENS > PERSNER_DOCMEM_SLOTS / 4 * 3)
		{
			uint32_t	sent = d->sent;

			persner_docmem_reset(d);
			d->sent = sent;
		}
		for (u = sp->beg; u < sp->end; u++)
		{
			uint32_t	s;

			k = persner_phrase_extend(k, ident[u]);
			s = slot_of(d, k);
			if (!taken(d, s))
			{
				d->keys[s] = k;
				d->gen[s] = d->cur;
				d->vals[s] = 0;
				d->nkeys++;
			}
			if (u + 1 < sp->end)
				d->vals[s] |= PERSNER_GAZ_PREFIX;
			else
			{
				d->vals[s] = (d->vals[s] & PERSNER_GAZ_PREFIX) | (uint32_t) (sp->type + 1);
				d->seen[s] = d->sent;
			}
		}
	}
	d->sent++;
}

float
persner_docmem_bonus(const PersnerModel *m)
{
	const char *v = persner_model_meta(m, PERSNER_DOCMEM_META);
	long		n = 0;

	if (v == NULL || *v == '\0')
		return 0;
	for (; *v; v++)
	{
		if (*v < '0' || *v > '9')
			return 0;
		n = n * 10 + (*v - '0');
		if (n > PERSNER_DOCMEM_MAX_BONUS)
			return 0;
	}
	return (float) n / 100.0f;
}
