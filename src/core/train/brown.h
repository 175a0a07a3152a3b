/*
 * brown.h - a merge tree over word classes, Brown's way (brown.c)
 *
 * Brown et al. (1992) cluster words bottom-up: start from one class per
 * word and merge, at each step, the two classes whose merge loses the least
 * class-bigram likelihood, until one class is left.  The merge history is a
 * binary tree and a word's path from the root (0 left, 1 right) is a bit
 * string whose prefixes name its classes at every grain: the features of
 * Ratinov & Roth (2009) and Turian et al. (2010).
 *
 * persner starts not from single words but from the fine exchange classes
 * (clusters.c), which optimize the same objective F, and builds the tree
 * over them: the leaves are the C fine classes and the prefixes group them.
 */
#ifndef PERSNER_BROWN_H
#define PERSNER_BROWN_H

#include "persner.h"

/*
 * persner_brown_merge - greedy bottom-up merging of C word classes
 *
 * stream[0..n) holds word ids in [0, V) with PERSNER_CLUSTER_BOUNDARY
 * (clusters.h) between sentences; cls[V] gives each word's class in [0, C).
 * Writes merges[2 * (C - 1)]: step k merged class merges[2k + 1] into class
 * merges[2k] (the lower index survives).  Deterministic: ties go to the
 * lowest pair of indices.  Returns PERSNER_OK, PERSNER_ENOMEM or
 * PERSNER_EINVAL (C = 0, a NULL pointer, a word id >= V, a class >= C, a
 * stream of 2^32 - 1 tokens or more).
 */
PersnerStatus persner_brown_merge(const uint32_t *stream, size_t n, uint32_t V,
								  const uint32_t *cls, uint32_t C, uint32_t *merges);

/*
 * persner_brown_paths - each class's path in the merge tree
 *
 * merges[2 * (C - 1)] as persner_brown_merge writes it.  Writes path[C]:
 * PERSNER_BROWN_VALUE (model.h) of the bits from the root, the first step
 * in the lowest bit, cut to PERSNER_BROWN_MAX_BITS.  Returns PERSNER_OK or
 * PERSNER_EINVAL (C = 0, a NULL pointer, merges that are not a tree).
 */
PersnerStatus persner_brown_paths(const uint32_t *merges, uint32_t C, uint32_t *path);

#endif							/* PERSNER_BROWN_H */
