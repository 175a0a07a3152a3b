/*
 * labels.c - the entity types persner knows (labels.h) and tag names
 */
#include "labels.h"

#include <stdio.h>
#include <string.h>

#define TYPE_NAME_(name, id) #name,
#define TYPE_ID_(name, id) id,

const char *const persner_type_names[] = {PERSNER_TYPE_LIST(TYPE_NAME_)};
const uint8_t persner_type_entity_ids[] = {PERSNER_TYPE_LIST(TYPE_ID_)};

int
persner_type_index(const char *name, size_t len)
{
	int			k;

	if (name == NULL)
		return -1;
	for (k = 0; k < PERSNER_NTYPES; k++)
	{
		const char *t = persner_type_names[k];
		size_t		i;

		if (strlen(t) != len)
			continue;
		for (i = 0; i < len; i++)
		{
			char		c = name[i];

			if (c >= 'a' && c <= 'z')
				c = (char) (c - 'a' + 'A');
			if (c != t[i])
				break;
		}
		if (i == len)
			return k;
	}
	return -1;
}

const char *
persner_tag_name(int w, int tag, const char *type, char *buf)
{
	if (tag <= PERSNER_TAG_O || type == NULL)
		snprintf(buf, PERSNER_TAG_NAME_MAX, "O");
	else
		snprintf(buf, PERSNER_TAG_NAME_MAX, "%c-%s", "BIES"[PERSNER_TAG_POS(w, tag)], type);
	return buf;
}
