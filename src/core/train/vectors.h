/*
 * vectors.h - word vectors from unlabelled text, and classes of them (vectors.c)
 *
 * Skip-gram with negative sampling (Mikolov et al. 2013) reads the word-id
 * stream the exchange clusters read, so a word's vector comes from the
 * words within a few places of it on either side, not only the one before
 * it.  Spherical k-means then cuts the unit-length vectors into classes at
 * several sizes (Guo et al. 2014: clusters of embeddings as CRF features).
 *
 * Everything runs on one thread with a fixed-seed generator, so the same
 * stream gives the same vectors and the same classes on every machine
 * with IEEE floats (make model stays deterministic).
 */
#ifndef PERSNER_VECTORS_H
#define PERSNER_VECTORS_H

#include "persner.h"

/* How the vectors are learned. */
typedef struct PersnerVecOpts
{
	int			dim;			/* vector length */
	int			window;			/* words on each side, at most */
	int			negative;		/* noise words per pair */
	int			epochs;			/* passes over the stream */
	double		sample;			/* frequent words are kept with p ~ sqrt(sample / freq) */
} PersnerVecOpts;

extern const PersnerVecOpts persner_vec_default;

/*
 * persner_vectors_learn - skip-gram vectors of words 0..V-1
 *
 * stream[0..n) holds word ids; ids >= V (rare words) are skipped and
 * PERSNER_CLUSTER_BOUNDARY (clusters.h) ends a window.  Writes
 * vec_out[V * dim], each row scaled to unit length (a word never seen
 * keeps a zero row).  PERSNER_OK, PERSNER_ENOMEM or PERSNER_EINVAL.
 */
PersnerStatus persner_vectors_learn(const uint32_t *stream, size_t n, uint32_t V,
									const PersnerVecOpts *o, float *vec_out);

/*
 * persner_vectors_kmeans - k classes of the unit rows vec[V * dim]
 *
 * Spherical k-means: seeds by k-means++ from a fixed seed, then iters
 * rounds of assigning each row to its nearest centre by cosine and moving
 * the centres.  Writes cls_out[V] in [0, k).
 */
PersnerStatus persner_vectors_kmeans(const float *vec, uint32_t V, int dim, uint32_t k,
									 int iters, uint32_t *cls_out);

#endif							/* PERSNER_VECTORS_H */
