/*
 * fuzz_values.c - libFuzzer target for the value parser (src/core/values.c)
 *
 * The first input byte picks the kind (DAT, MON, PCT, TIM) and whether
 * there is an anchor; the rest is the entity text, valid UTF-8 or not.
 * Every value must be well formed: a date range not empty, an amount plain
 * decimal text, a time of day within a day.  A violation traps, and so
 * does an input over the CPU budget (fuzz_tile.h).
 *
 *   bash test/fuzz/run-fuzz.sh -t 60 fuzz_values
 */
#include "values.h"

#include <string.h>

#include "fuzz_tile.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static PersnerValueParser *vp;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PersnerValue v;
	PersnerStatus st;
	PersnerValueKind kind;
	int32_t		anchor;
	size_t		i;
	double		t0 = fuzz_cpu_seconds();

	if (size < 1)
		return 0;
	if (vp == NULL && persner_values_create(&vp) != PERSNER_OK)
		__builtin_trap();
	kind = (PersnerValueKind) (1 + (data[0] & 3));
	anchor = (data[0] & 4) ? 2460466 : PERSNER_NO_ANCHOR;	/* 2024-06-04 */
	st = persner_values_parse(vp, kind, (const char *) data + 1, size - 1, anchor, &v);
	REQUIRE(st == PERSNER_OK || st == PERSNER_EUTF8 || st == PERSNER_ENOMEM ||
			st == PERSNER_ELIMIT);
	if (st != PERSNER_OK)
		return 0;
	if (v.has_dates)
		REQUIRE(v.day_lo < v.day_hi);
	if (v.has_amount)
	{
		size_t		n = strlen(v.amount);

		REQUIRE(n > 0 && n < PERSNER_AMOUNT_MAX);
		for (i = 0; i < n; i++)
			REQUIRE((v.amount[i] >= '0' && v.amount[i] <= '9') || v.amount[i] == '.');
	}
	if (v.has_time)
		REQUIRE(v.seconds >= 0 && v.seconds <= 86400);
	fuzz_cpu_check(t0);
	return 0;
}
