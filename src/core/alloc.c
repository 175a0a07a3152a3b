/*
 * alloc.c - the allocator seam: every core allocation goes through here
 *
 * One process-wide allocator (malloc by default).  The PostgreSQL glue
 * points it at a memory context; the unit tests point it at an allocator
 * that fails the Nth call.
 */
#include "persner.h"

#include <stdlib.h>
#include <string.h>

static void *
default_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
default_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

static PersnerAllocator allocator = {default_alloc, default_free, NULL};

void
persner_set_allocator(const PersnerAllocator *a)
{
	if (a == NULL)
	{
		allocator.alloc = default_alloc;
		allocator.free = default_free;
		allocator.ctx = NULL;
	}
	else
		allocator = *a;
}

void *
persner_alloc(size_t size)
{
	if (size == 0)
		return NULL;
	return allocator.alloc(allocator.ctx, size);
}

void *
persner_calloc(size_t n, size_t size)
{
	void	   *p;

	if (n == 0 || size == 0 || n > SIZE_MAX / size)
		return NULL;
	p = persner_alloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

/*
 * persner_realloc - grow or shrink a block (alloc + copy + free, since the
 * seam has no realloc).  On failure returns NULL and leaves ptr untouched.
 */
void *
persner_realloc(void *ptr, size_t old_size, size_t new_size)
{
	void	   *p = persner_alloc(new_size);

	if (p == NULL)
		return NULL;
	if (ptr != NULL)
	{
		memcpy(p, ptr, old_size < new_size ? old_size : new_size);
		persner_free(ptr);
	}
	return p;
}

void
persner_free(void *ptr)
{
	if (ptr != NULL)
		allocator.free(allocator.ctx, ptr);
}

void
persner_free_all(void *const *ptrs, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		persner_free(ptrs[i]);
}

void *
persner_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	void	   *q;

	if (need == 0)
		need = 1;				/* so that a NULL result always means failure */
	if (need <= *cap && p != NULL)
		return p;
	if (need > SIZE_MAX / 2 / elem)
		return NULL;
	q = persner_realloc(p, *cap * elem, 2 * need * elem);
	if (q != NULL)
		*cap = 2 * need;
	return q;
}

void *
persner_scratch(void *p, size_t *cap, size_t need, size_t elem)
{
	void	   *q;

	if (need == 0)
		need = 1;
	if (need <= *cap && p != NULL)
		return p;
	q = persner_calloc(need, elem);
	if (q == NULL)
		return NULL;
	persner_free(p);
	*cap = need;
	return q;
}
