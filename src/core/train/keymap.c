/*
 * keymap.c - the growable u64 -> u32 map used while building a model
 *
 * Capacity doubles when the map is half full; growing reinserts in old slot
 * order, so the layout is a function of the insertion sequence alone.
 */
#include "keymap.h"

#include <string.h>

static PersnerStatus
keymap_grow(PersnerKeyMap *km)
{
	uint32_t	oldcap = km->keys ? km->mask + 1 : 0;
	uint32_t	cap = oldcap ? oldcap * 2 : 1024;
	uint64_t   *ok = km->keys;
	uint32_t   *ov = km->vals;
	uint64_t   *nk = persner_calloc(cap, sizeof(uint64_t));
	uint32_t   *nv = persner_calloc(cap, sizeof(uint32_t));
	uint32_t	i;

	if (oldcap > UINT32_MAX / 2 || nk == NULL || nv == NULL)
	{
		persner_free(nk);
		persner_free(nv);
		return PERSNER_ENOMEM;
	}
	km->keys = nk;
	km->vals = nv;
	km->mask = cap - 1;
	km->max_probe = 1;
	for (i = 0; i < oldcap; i++)
	{
		uint32_t	pos,
					probe = 1;

		if (ok[i] == 0)
			continue;
		pos = (uint32_t) ok[i] & km->mask;
		while (km->keys[pos] != 0)
		{
			pos = (pos + 1) & km->mask;
			probe++;
		}
		km->keys[pos] = ok[i];
		km->vals[pos] = ov[i];
		if (probe > km->max_probe)
			km->max_probe = probe;
	}
	persner_free(ok);
	persner_free(ov);
	return PERSNER_OK;
}

PersnerStatus
persner_keymap_slot(PersnerKeyMap *km, uint64_t key, uint32_t **slot, int *created)
{
	uint32_t	pos,
				probe = 1;

	if (key == 0)
		key = 1;
	if (km->keys == NULL || 2 * ((uint64_t) km->n + 1) > (uint64_t) km->mask + 1)
	{
		PersnerStatus st = keymap_grow(km);

		if (st != PERSNER_OK)
			return st;
	}
	pos = (uint32_t) key & km->mask;
	while (km->keys[pos] != 0 && km->keys[pos] != key)
	{
		pos = (pos + 1) & km->mask;
		probe++;
	}
	if (created)
		*created = km->keys[pos] == 0;
	if (km->keys[pos] == 0)
	{
		km->keys[pos] = key;
		km->vals[pos] = 0;
		km->n++;
		if (probe > km->max_probe)
			km->max_probe = probe;
	}
	*slot = &km->vals[pos];
	return PERSNER_OK;
}

PersnerTable
persner_keymap_table(const PersnerKeyMap *km)
{
	PersnerTable t = {0};

	if (km->keys)
	{
		t.keys = km->keys;
		t.vals = km->vals;
		t.mask = km->mask;
		t.max_probe = km->max_probe;
	}
	return t;
}

uint32_t
persner_keymap_get(const PersnerKeyMap *km, uint64_t key)
{
	PersnerTable t = persner_keymap_table(km);

	return persner_table_get(&t, key);
}

PersnerStatus
persner_keymap_arrays(const PersnerKeyMap *km, uint64_t **keys, uint32_t **vals)
{
	uint32_t	i,
				n = 0,
				cap = km->keys ? km->mask + 1 : 0;

	*keys = persner_calloc((size_t) km->n + 1, sizeof(uint64_t));
	*vals = persner_calloc((size_t) km->n + 1, sizeof(uint32_t));
	if (*keys == NULL || *vals == NULL)
	{
		persner_free(*keys);
		persner_free(*vals);
		*keys = NULL;
		*vals = NULL;
		return PERSNER_ENOMEM;
	}
	for (i = 0; i < cap; i++)
		if (km->keys[i] != 0)
		{
			(*keys)[n] = km->keys[i];
			(*vals)[n] = km->vals[i];
			n++;
		}
	return PERSNER_OK;
}

void
persner_keymap_free(PersnerKeyMap *km)
{
	persner_free(km->keys);
	persner_free(km->vals);
	memset(km, 0, sizeof(*km));
}
