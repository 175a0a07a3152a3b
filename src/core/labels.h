/*
 * labels.h - the entity types persner knows: the one home of the label set
 *
 * Each type has a name (as in the corpora, the model file and SQL) and an
 * entity id: the byte an `entity` value stores for it on disk.  The list
 * order is the order of the types in a trained model (tag index
 * PERSNER_TAG_B(w, k) is B- of the k-th type here), and a model has the
 * first K of them: `peyma`
 * PEYMA's seven, `fa10` all ten (ARMAN's facilities, products and events
 * after them).  To add a type, add one X(...) line at the end and give it
 * the next unused entity id: ids are append-only, since a stored value must
 * keep its meaning (0.1.0 stored the first seven ids).
 */
#ifndef PERSNER_LABELS_H
#define PERSNER_LABELS_H

#include "persner.h"

/* X(name, entity id) in model order */
#define PERSNER_TYPE_LIST(X) \
	X(PER, 5) \
	X(LOC, 1) \
	X(ORG, 3) \
	X(DAT, 0) \
	X(TIM, 6) \
	X(MON, 2) \
	X(PCT, 4) \
	X(FAC, 7) \
	X(PRO, 8) \
	X(EVE, 9)

#define PERSNER_TYPE_COUNT_(name, id) + 1
#define PERSNER_NTYPES			(0 PERSNER_TYPE_LIST(PERSNER_TYPE_COUNT_))
#define PERSNER_NLABELS			(1 + 4 * PERSNER_NTYPES)	/* the most labels a model has: O and BIOES of each */
#define PERSNER_NTYPES_PEYMA	7	/* PER .. PCT: PEYMA's scheme, the default model's */

/* persner_type_names - [PERSNER_NTYPES] names in model order */
extern const char *const persner_type_names[];

/* persner_type_entity_ids - [PERSNER_NTYPES] entity ids in model order */
extern const uint8_t persner_type_entity_ids[];

/*
 * persner_type_index - model-order index of a type name of len bytes
 * (ASCII case-insensitive), or -1
 */
int			persner_type_index(const char *name, size_t len);

/*
 * persner_tag_name - the name of tag index tag in scheme w (persner.h): "O",
 * or "B-" / "I-" / "E-" / "S-" and type, the name of the tag's type
 * (PERSNER_TAG_TYPE(w, tag)).  Writes a NUL-terminated string to buf
 * [PERSNER_TAG_NAME_MAX] and returns buf.  persner_model_tag_name does this
 * over a model's own scheme and types.
 */
#define PERSNER_TAG_NAME_MAX	(PERSNER_MAX_TYPE_NAME + 3)
const char *persner_tag_name(int w, int tag, const char *type, char *buf);

#endif							/* PERSNER_LABELS_H */
