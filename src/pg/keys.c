/*
 * keys.c - persner_entity_keys: entity keys for search, names inside names included
 *
 *   persner_entity_keys([model text,] doc text) -> entity[]
 *
 * PEYMA tags a coordinated or nested name as one ORG: «بانک مرکزی و
 * شهرداری تهران», «شبکه شهرداری تهران».  persner_entities stores that one
 * key, so entities @> '{"ORG:شهرداری تهران"}' misses the article.  This
 * function returns persner_entities' keys plus the organizations and places
 * named inside each longer name, as the model itself sees them:
 *
 *   1. the document is tagged; each entity is a key, as in persner_entities;
 *   2. for each ORG or LOC of two words or more, its inside is tagged again as
 *      text of its own: the name without its first word («شهرداری تهران»
 *      of «شبکه شهرداری تهران») and, for a coordination, each conjunct
 *      («بانک مرکزی» and «شهرداری تهران»); every ORG or LOC found there
 *      with a score of KEY_INNER_MIN_SCORE or more is a key too;
 *   3. step 2 repeats on what it found, until nothing shorter is left (each
 *      round's texts are shorter than the last's, so it ends; at most
 *      KEY_ROUNDS rounds).
 *
 * The inner texts of a round are tagged in one call, one line each (the
 * segmenter cuts sentences at newlines).  The tagger is the backend's one
 * tagger for the model, so a round starts only after the previous call has
 * finished with it.  The keys are canonical, sorted and distinct, like
 * persner_entities', so persner_entities(doc) <@ persner_entity_keys(doc).
 */
#include "persner_pg.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"

#define KEY_ROUNDS 4

/*
 * An inner name is tagged out of its context, where a word that is a name
 * elsewhere may look like one: «مرکزی» of «بانک مرکزی» comes out a place
 * (the province) with a score of 0.50, «تهران» of «شهرداری تهران» with
 * 0.998.  Inner names below this score are not keys.
 */
#define KEY_INNER_MIN_SCORE 0.7f

typedef struct KeySet
{
	PersnerEntitySet keys;
	bool		inner_label[PERSNER_MAX_TYPES];	/* ORG, LOC: kept from inside */
	bool		outer;			/* the document itself: keep every label */
	StringInfoData next;		/* the inner texts for the next round, a line each */
} KeySet;

/* add_inner - the texts inside one entity's normalized name, one line each */
static void
add_inner(KeySet *set, const char *norm, size_t len)
{
	const char *sp = memchr(norm, ' ', len);
	const char *p,
			   *start;

	if (sp == NULL)
		return;					/* one word: nothing inside */
	/* the name without its first word */
	appendBinaryStringInfo(&set->next, sp + 1, norm + len - (sp + 1));
	appendStringInfoChar(&set->next, '\n');
	/* the conjuncts of a coordination: split at the word «و» */
	start = norm;
	for (p = norm; p + 3 <= norm + len; p++)
	{
		if (p > norm && p[-1] == ' ' && memcmp(p, "و", 2) == 0 &&
			(p + 2 == norm + len || p[2] == ' '))
		{
			if (p - 1 > start)
			{
				appendBinaryStringInfo(&set->next, start, (p - 1) - start);
				appendStringInfoChar(&set->next, '\n');
			}
			start = p + 3;
		}
	}
	if (start != norm && start < norm + len)
	{
		appendBinaryStringInfo(&set->next, start, norm + len - start);
		appendStringInfoChar(&set->next, '\n');
	}
}

static void
keys_sentence(void *arg, const PersnerSentence *sn)
{
	KeySet	   *set = (KeySet *) arg;
	MemoryContext old = MemoryContextSwitchTo(set->keys.cxt);	/* for the inner texts */
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		int			id = persner_entity_set_label(&set->keys, sn->m, e->type);

		if (!set->outer && (!set->inner_label[e->type] || e->score < KEY_INNER_MIN_SCORE))
			continue;
		/* as persner_entities: the canonical form of the span's original text */
		persner_entity_set_add(&set->keys, id, sn->doc + e->bbeg, e->bend - e->bbeg);
		if (set->inner_label[e->type])
			add_inner(set, e->norm, e->norm_len);
	}
	MemoryContextSwitchTo(old);
}

PG_FUNCTION_INFO_V1(persner_entity_keys);
Datum
persner_entity_keys(PG_FUNCTION_ARGS)
{
	char	   *model_name = PG_NARGS() > 1 ? text_to_cstring(PG_GETARG_TEXT_PP(0)) : persner_model_guc;
	text	   *doc = PG_GETARG_TEXT_PP(PG_NARGS() - 1);
	const PersnerModel *model;
	KeySet		set;
	int			k,
				round;

	(void) persner_get_tagger(model_name, &model);
	persner_entity_set_init(&set.keys, model);
	for (k = 0; k < PERSNER_MAX_TYPES; k++)
	{
		const char *t = k < persner_model_ntypes(model) ? persner_model_type(model, k) : "";

		set.inner_label[k] = strcmp(t, "ORG") == 0 || strcmp(t, "LOC") == 0;
	}
	initStringInfo(&set.next);

	set.outer = true;
	persner_tag_document(model_name, doc, false, false, keys_sentence, &set);
	set.outer = false;
	for (round = 0; round < KEY_ROUNDS && set.next.len > 0; round++)
	{
		text	   *inner = cstring_to_text_with_len(set.next.data, set.next.len);

		resetStringInfo(&set.next);
		/* with scores: KEY_INNER_MIN_SCORE reads them */
		persner_tag_document(model_name, inner, false, true, keys_sentence, &set);
		pfree(inner);
	}

	/* sorted and distinct, as persner_entities */
	return persner_entity_set_result(&set.keys, fcinfo);
}
