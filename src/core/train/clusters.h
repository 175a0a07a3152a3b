/*
 * clusters.h - word classes from unlabelled text (clusters.c)
 *
 * The exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
 * start from a deterministic assignment, then move each word to the class
 * that most raises the class-bigram log-likelihood, until few words move.
 * Words that behave alike in context (city names, first names, months)
 * land in one class, which gives the tagger evidence about words it never
 * saw labelled.
 */
#ifndef PERSNER_CLUSTERS_H
#define PERSNER_CLUSTERS_H

#include "persner.h"

#define PERSNER_CLUSTER_BOUNDARY UINT32_MAX	/* sentence break in a stream */

/*
 * persner_clusters_exchange - cluster V words into C classes
 *
 * stream[0..n) holds word ids in [0, V) with PERSNER_CLUSTER_BOUNDARY
 * between sentences.  Writes cls_out[V] in [0, C).  Deterministic (no
 * randomness, fixed visiting order: word ids ascending; callers number
 * words by descending frequency).  Returns PERSNER_OK, PERSNER_ENOMEM or
 * PERSNER_EINVAL.
 */
PersnerStatus persner_clusters_exchange(const uint32_t *stream, size_t n,
										uint32_t V, uint32_t C, int iters,
										uint32_t *cls_out);

#endif							/* PERSNER_CLUSTERS_H */
