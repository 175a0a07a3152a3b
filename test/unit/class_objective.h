/*
 * class_objective.h - the class-bigram objective, counted from scratch for
 * the tests of clusters.c and brown.c (both optimize it)
 */
#ifndef PERSNER_CLASS_OBJECTIVE_H
#define PERSNER_CLASS_OBJECTIVE_H

#include <math.h>
#include <stdlib.h>

#include "clusters.h"

/*
 * objective - F = sum f(N(c1,c2)) - 2 sum f(N(c)) with f(x) = x log x,
 * counted here independently of clusters.c and brown.c: each sentence is wrapped in a
 * boundary of class C, runs of boundaries count as one.
 */
static double
objective(const uint32_t *stream, size_t n, const uint32_t *cls, uint32_t C)
{
	size_t		C1 = (size_t) C + 1;
	double	   *N = calloc(C1 * C1, sizeof(double));
	double	   *Nc = calloc(C1, sizeof(double));
	size_t		prev = C,
				i;
	double		F = 0.0;

	for (i = 0; i < n; i++)
	{
		size_t		c = stream[i] == PERSNER_CLUSTER_BOUNDARY ? C : cls[stream[i]];

		if (c == C && prev == C)
			continue;
		N[prev * C1 + c] += 1.0;
		if (c != C)
			Nc[c] += 1.0;
		prev = c;
	}
	if (prev != C)
		N[prev * C1 + C] += 1.0;
	for (i = 0; i < C1 * C1; i++)
		if (N[i] > 0)
			F += N[i] * log(N[i]);
	for (i = 0; i < C; i++)
		if (Nc[i] > 0)
			F -= 2.0 * Nc[i] * log(Nc[i]);
	free(N);
	free(Nc);
	return F;
}

#endif							/* PERSNER_CLASS_OBJECTIVE_H */
