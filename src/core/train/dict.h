/*
 * dict.h - a user dictionary compiled into a model (dict.c; persner dict)
 *
 * Lists of names (label<TAB>name, or names never to be tagged) become a
 * phrase table in the gazetteer's layout: each name is normalized and
 * tokenized by the core exactly as the tagger does it, its chain key
 * (persner_gaz_extend over its tokens) gets the name's action
 * (PERSNER_DICT_TYPE(k) or PERSNER_DICT_NEVER, model.h), and each proper
 * prefix gets PERSNER_GAZ_PREFIX.  As the entity type holds a space and a
 * ZWNJ between words for one spelling, so does the table: a name with a
 * ZWNJ is also stored split there (نیلگون‌پویا as نیلگون پویا), and a name
 * of several words also joined into one (as the gazetteer stores its
 * entries).  The table is written beside a copy of
 * the base model's sections (persner_model_write_dict), so the result is
 * a model like any other; the tagger matches it with
 * persner_phrase_longest and constrains its decoding (tagger.c).
 *
 * The caller reads the files and hands their bytes over; nothing here
 * touches the file system or prints.  A bad line stops the build with a
 * status and db->error saying "file:line: why".
 */
#ifndef PERSNER_DICT_H
#define PERSNER_DICT_H

#include "keymap.h"

#define PERSNER_DICT_MAX_FILES	16
#define PERSNER_DICT_ERROR_MAX	512

typedef struct PersnerDictBuild
{
	const PersnerModel *base;
	PersnerKeyMap phrases;		/* chain key -> action | PERSNER_GAZ_PREFIX */
	PersnerKeyMap where;		/* a name's key -> file << 24 | line */
	uint32_t	entries;		/* distinct names tagged with a type */
	uint32_t	never;			/* distinct names never tagged */
	const char *files[PERSNER_DICT_MAX_FILES];	/* caller-owned names */
	int			nfiles;
	/* scratch */
	PersnerNormBuf nb;
	PersnerToken *tok;
	size_t		tok_cap;
	char	   *spell;			/* a name's normalized text, ZWNJ made spaces */
	size_t		spell_cap;
	char		error[PERSNER_DICT_ERROR_MAX];	/* why the last call failed */
} PersnerDictBuild;

/* persner_dict_init - an empty build over base (which must stay open) */
void		persner_dict_init(PersnerDictBuild *db, const PersnerModel *base);

/*
 * persner_dict_add_list - add the lines of one list, text[0..len) the bytes
 * of the file fname (kept by pointer for messages)
 *
 * never = 0: each line is label<TAB>name, label one of the base model's
 * (ASCII case-insensitive).  never = 1: each line is a name, or
 * label<TAB>name (the label checked, the name never tagged at all).  Lines
 * that are blank or start with '#' are skipped; a trailing CR and a
 * byte-order mark at the start of the text are dropped.
 * A name listed again with the same action counts once.
 *
 * PERSNER_OK; PERSNER_EINVAL for a bad line (not UTF-8, no tab, more than
 * two fields, a label the base does not have, an empty name, a name that
 * the tagger would cut into two sentences, a name listed with another
 * label or both added and never tagged); PERSNER_ELIMIT for a name of more
 * than PERSNER_GAZ_MAX_TOKENS tokens or too many files or lines;
 * PERSNER_ENOMEM.  On error db->error says "fname:line: why".
 */
PersnerStatus persner_dict_add_list(PersnerDictBuild *db, const char *fname,
									const char *text, size_t len, int never);

/*
 * persner_dict_write - the dictionary model: the base's sections, metadata
 * name (the new model's), base_model, base_checksum, and the table.  *out
 * is persner_alloc'd (caller frees).  PERSNER_EINVAL (db->error says why)
 * when no name was added, the base already holds a dictionary, or name or
 * base_name is not valid UTF-8.
 */
PersnerStatus persner_dict_write(PersnerDictBuild *db, const char *name,
								 const char *base_name, uint8_t **out, size_t *outlen);

void		persner_dict_free(PersnerDictBuild *db);

#endif							/* PERSNER_DICT_H */
