/*
 * keymap.h - a growable u64 -> u32 map for building models (keymap.c)
 *
 * Open addressing in the model's table layout (key 0 = empty, linear
 * probing, see PersnerTable in model.h), so a map under construction can be
 * handed to the features as a PersnerTable while training, and written
 * into a model file as it is.  Memory comes from the allocator seam.
 *
 * Iteration order (persner_keymap_arrays) is slot order: it depends only on
 * the keys inserted and their order, so two runs give the same bytes.
 */
#ifndef PERSNER_KEYMAP_H
#define PERSNER_KEYMAP_H

#include "model.h"

typedef struct PersnerKeyMap
{
	uint64_t   *keys;			/* [mask + 1], 0 = empty; NULL before the first insert */
	uint32_t   *vals;			/* [mask + 1] */
	uint32_t	mask;
	uint32_t	max_probe;
	uint32_t	n;				/* keys held */
} PersnerKeyMap;

/*
 * persner_keymap_slot - the value slot of key, created (value 0) if absent
 *
 * *slot points into the map until the next insert.  *created (may be NULL)
 * says whether the key was new.  Returns PERSNER_OK or PERSNER_ENOMEM (the
 * map is unchanged).  Key 0 is stored as 1, as PersnerTable looks it up.
 */
PersnerStatus persner_keymap_slot(PersnerKeyMap *km, uint64_t key,
								  uint32_t **slot, int *created);

/* persner_keymap_get - the value of key, or PERSNER_TABLE_MISS */
uint32_t	persner_keymap_get(const PersnerKeyMap *km, uint64_t key);

/* persner_keymap_table - a read-only view (an empty table for an empty map) */
PersnerTable persner_keymap_table(const PersnerKeyMap *km);

/*
 * persner_keymap_arrays - the map as parallel arrays in slot order
 *
 * *keys and *vals [km->n] are persner_alloc'd (caller frees).  Returns
 * PERSNER_OK or PERSNER_ENOMEM (nothing allocated).
 */
PersnerStatus persner_keymap_arrays(const PersnerKeyMap *km, uint64_t **keys,
									uint32_t **vals);

void		persner_keymap_free(PersnerKeyMap *km);

#endif							/* PERSNER_KEYMAP_H */
