/*
 * dict.c - a user dictionary compiled into a model (see dict.h)
 */
#include "dict.h"
#include "docmem.h"
#include "feat.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define WHERE_LINE_MAX	((1u << 24) - 1)

void
persner_dict_init(PersnerDictBuild *db, const PersnerModel *base)
{
	memset(db, 0, sizeof(*db));
	db->base = base;
}

void
persner_dict_free(PersnerDictBuild *db)
{
	persner_keymap_free(&db->phrases);
	persner_keymap_free(&db->where);
	persner_normbuf_free(&db->nb);
	persner_free(db->tok);
	persner_free(db->spell);
	db->tok = NULL;
	db->tok_cap = 0;
	db->spell = NULL;
	db->spell_cap = 0;
}

/* fail - set db->error to "file:line: " and the message; returns st */
static PersnerStatus
fail(PersnerDictBuild *db, PersnerStatus st, const char *file, size_t line,
	 const char *fmt,...)
{
	va_list		ap;
	int			n = snprintf(db->error, sizeof(db->error), "%s:%zu: ", file, line);

	if (n < 0 || (size_t) n >= sizeof(db->error))
		return st;
	va_start(ap, fmt);
	vsnprintf(db->error + n, sizeof(db->error) - (size_t) n, fmt, ap);
	va_end(ap);
	return st;
}

/* the base model's labels, space-separated, into buf [size] */
static const char *
label_list(const PersnerModel *m, char *buf, size_t size)
{
	size_t		off = 0;
	int			k;

	buf[0] = '\0';
	for (k = 0; k < persner_model_ntypes(m) && off < size; k++)
	{
		int			n = snprintf(buf + off, size - off, "%s%s", k ? " " : "",
								 persner_model_type(m, k));

		if (n < 0)
			break;
		off += (size_t) n;
	}
	return buf;
}

/* the base's type index of label s[0..n), ASCII case-insensitive, or -1 */
static int
base_type(const PersnerModel *m, const char *s, size_t n)
{
	char		up[PERSNER_MAX_TYPE_NAME + 1];
	size_t		i;

	if (n == 0 || n > PERSNER_MAX_TYPE_NAME)
		return -1;
	for (i = 0; i < n; i++)
		up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char) (s[i] - 'a' + 'A') : s[i];
	return persner_model_type_index(m, up, n);
}

/* the words of action act for messages */
static const char *
action_name(const PersnerModel *m, uint32_t act)
{
	if (act == PERSNER_DICT_NEVER)
		return "never tagged";
	return persner_model_type(m, (int) act - 1);
}

/*
 * spelling - normalize s[0..n) with flags into db->nb and tokenize it into
 * db->tok; *T gets the token count
 */
static PersnerStatus
spelling(PersnerDictBuild *db, const char *s, size_t n, int flags, size_t *T)
{
	PersnerToken *tok;
	PersnerStatus st;

	*T = 0;
	if ((st = persner_normalize(s, n, flags, &db->nb)) != PERSNER_OK)
		return st;
	if ((tok = persner_grow(db->tok, &db->tok_cap, db->nb.len + 1, sizeof(*tok))) == NULL)
		return PERSNER_ENOMEM;
	db->tok = tok;
	*T = persner_tokenize(&db->nb, db->tok);
	return PERSNER_OK;
}

/*
 * insert - the T tokens of db->tok as a phrase: every proper prefix marked
 * PERSNER_GAZ_PREFIX; *key and *slot get the whole phrase's key and value
 * slot (valid until the next insert)
 */
static PersnerStatus
insert(PersnerDictBuild *db, size_t T, uint64_t *key, uint32_t **slot)
{
	uint64_t	k = 0;
	size_t		i;

	for (i = 0; i < T; i++)
	{
		k = persner_gaz_extend(k, db->nb.text + db->tok[i].nbeg,
							   db->tok[i].nend - db->tok[i].nbeg);
		if (persner_keymap_slot(&db->phrases, k, slot, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		if (i + 1 < T)
			**slot |= PERSNER_GAZ_PREFIX;
	}
	*key = k;
	return PERSNER_OK;
}

/* conflict - the message for a name whose key k holds action had, not act */
static PersnerStatus
conflict(PersnerDictBuild *db, uint64_t k, uint32_t had, uint32_t act, int f, size_t line)
{
	uint32_t	at = persner_keymap_get(&db->where, k);

	return fail(db, PERSNER_EINVAL, db->files[f], line,
				"the name is listed as %s here and as %s at %s:%u (same name once normalized)",
				action_name(db->base, act), action_name(db->base, had),
				at == PERSNER_TABLE_MISS ? "?" : db->files[at >> 24], at & WHERE_LINE_MAX);
}

/*
 * variant - one more spelling of the name being added (T tokens in db->tok)
 * with its action, unless it has too many words or is a spelling already
 */
static PersnerStatus
variant(PersnerDictBuild *db, size_t T, uint32_t act, int f, size_t line)
{
	uint64_t	k;
	uint32_t   *v,
			   *w;
	int			created;
	PersnerStatus st;

	if (T == 0 || T > PERSNER_GAZ_MAX_TOKENS)
		return PERSNER_OK;
	if ((st = insert(db, T, &k, &v)) != PERSNER_OK)
		return st;
	if ((*v & PERSNER_GAZ_TYPEMASK) != 0)
		return (*v & PERSNER_GAZ_TYPEMASK) == act ? PERSNER_OK :
			conflict(db, k, *v & PERSNER_GAZ_TYPEMASK, act, f, line);
	*v |= act;
	if (persner_keymap_slot(&db->where, k, &w, &created) != PERSNER_OK)
		return PERSNER_ENOMEM;
	*w = ((uint32_t) f << 24) | (uint32_t) line;
	return PERSNER_OK;
}

/*
 * add_name - the name s[0..n) with action act, from line line of file f,
 * and its other spellings (dict.h)
 */
static PersnerStatus
add_name(PersnerDictBuild *db, const char *s, size_t n, uint32_t act, int f, size_t line)
{
	const char *file = db->files[f];
	size_t		T,
				T2,
				i,
				len;
	char	   *spell;
	int			has_zwnj = 0;
	PersnerStatus st;

	if (persner_segment_next(s, n, PERSNER_MAX_SENTENCE_BYTES) < n)
		return fail(db, PERSNER_EINVAL, file, line,
					"the name is cut into two sentences where the tagger cuts text, so it could never match");
	if ((st = spelling(db, s, n, PERSNER_NORM_DEFAULT, &T)) != PERSNER_OK)
		return st == PERSNER_ENOMEM ? st : fail(db, PERSNER_EINVAL, file, line, "%s", persner_strerror(st));
	if (T == 0)
		return fail(db, PERSNER_EINVAL, file, line, "the name is empty");
	if (T > PERSNER_GAZ_MAX_TOKENS)
		return fail(db, PERSNER_ELIMIT, file, line,
					"the name has %zu tokens; a dictionary name has at most %d",
					T, PERSNER_GAZ_MAX_TOKENS);
	{
		uint64_t	k;
		uint32_t   *v;

		/* listed again (this spelling, this action): once is enough */
		if ((st = insert(db, T, &k, &v)) != PERSNER_OK)
			return st;
		if ((*v & PERSNER_GAZ_TYPEMASK) == act)
			return PERSNER_OK;
	}
	/* the name as written; another action there is a conflict */
	if ((st = variant(db, T, act, f, line)) != PERSNER_OK)
		return st;
	if (act == PERSNER_DICT_NEVER)
		db->never++;
	else
		db->entries++;

	/* split at its ZWNJs: the normalized text with each ZWNJ a space */
	len = db->nb.len;
	if ((spell = persner_grow(db->spell, &db->spell_cap, len + 1, 1)) == NULL)
		return PERSNER_ENOMEM;
	db->spell = spell;
	memcpy(spell, db->nb.text, len);
	for (i = 0; i < len; i++)
		if (persner_is_zwnj(spell + i, len - i))
		{
			memcpy(spell + i, "   ", PERSNER_ZWNJ_LEN);
			has_zwnj = 1;
		}
	if (has_zwnj)
	{
		if ((st = spelling(db, spell, len, PERSNER_NORM_DEFAULT, &T2)) != PERSNER_OK ||
			(st = variant(db, T2, act, f, line)) != PERSNER_OK)
			return st;
	}
	/* joined: its words one word, as ZWNJ would join them */
	if (T > 1)
	{
		if ((st = spelling(db, s, n, PERSNER_NORM_SPACE_AS_ZWNJ, &T2)) != PERSNER_OK)
			return st;
		if (T2 < T && (st = variant(db, T2, act, f, line)) != PERSNER_OK)
			return st;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_dict_add_list(PersnerDictBuild *db, const char *fname, const char *text,
					  size_t len, int never)
{
	size_t		pos = 0,
				line = 0;
	int			f;
	char		labels[PERSNER_MAX_TYPES * (PERSNER_MAX_TYPE_NAME + 1) + 1];

	db->error[0] = '\0';
	if (db->nfiles >= PERSNER_DICT_MAX_FILES)
		return fail(db, PERSNER_ELIMIT, fname, 0, "more than %d lists", PERSNER_DICT_MAX_FILES);
	f = db->nfiles++;
	db->files[f] = fname;
	/* a byte-order mark, as some editors write one, is not part of the first label */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len)
	{
		const char *s = text + pos,
				   *nl = memchr(s, '\n', len - pos),
				   *tab,
				   *name;
		size_t		n = nl ? (size_t) (nl - s) : len - pos,
					i,
					nlen;
		uint32_t	act = PERSNER_DICT_NEVER;
		PersnerStatus st;

		pos += n + (nl != NULL);
		line++;
		if (line > WHERE_LINE_MAX)
			return fail(db, PERSNER_ELIMIT, fname, line, "more than %u lines", WHERE_LINE_MAX);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i == n || s[i] == '#')
			continue;
		if (persner_utf8_validate(s, n) != PERSNER_OK)
			return fail(db, PERSNER_EINVAL, fname, line, "the line is not valid UTF-8");
		tab = memchr(s, '\t', n);
		if (tab == NULL && !never)
			return fail(db, PERSNER_EINVAL, fname, line, "expected label<TAB>name");
		if (tab != NULL)
		{
			const char *lab = s;
			size_t		llen = (size_t) (tab - s);
			int			k;

			if (memchr(tab + 1, '\t', n - llen - 1) != NULL)
				return fail(db, PERSNER_EINVAL, fname, line,
							"more than two fields: expected label<TAB>name");
			while (llen > 0 && lab[0] == ' ')
				lab++, llen--;
			while (llen > 0 && lab[llen - 1] == ' ')
				llen--;
			k = base_type(db->base, lab, llen);
			if (k < 0)
				return fail(db, PERSNER_EINVAL, fname, line,
							"the base model has no label \"%.*s\" (its labels: %s)",
							(int) (llen > 32 ? 32 : llen), lab,
							label_list(db->base, labels, sizeof(labels)));
			if (!never)
				act = PERSNER_DICT_TYPE(k);
			name = tab + 1;
			nlen = n - (size_t) (name - s);
		}
		else
		{
			name = s;
			nlen = n;
		}
		if ((st = add_name(db, name, nlen, act, f, line)) != PERSNER_OK)
			return st;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_dict_write(PersnerDictBuild *db, const char *name, const char *base_name,
				   uint8_t **out, size_t *outlen)
{
	PersnerDictSpec spec;
	PersnerModelDict had;
	uint64_t   *keys = NULL;
	uint32_t   *vals = NULL;
	char		ck[PERSNER_VERSION_LEN + 1];
	const char *mk[4] = {"name", "base_model", "base_checksum", PERSNER_DOCMEM_META};
	const char *mv[4];
	PersnerStatus st;

	*out = NULL;
	*outlen = 0;
	db->error[0] = '\0';
	if (persner_model_dict(db->base, &had))
	{
		snprintf(db->error, sizeof(db->error),
				 "the base model already holds a dictionary (over %s): compile from that base",
				 had.base_model);
		return PERSNER_EINVAL;
	}
	if (persner_utf8_validate(name, strlen(name)) != PERSNER_OK ||
		persner_utf8_validate(base_name, strlen(base_name)) != PERSNER_OK)
	{
		snprintf(db->error, sizeof(db->error),
				 "the model's name and its base's must be valid UTF-8 (they are metadata)");
		return PERSNER_EINVAL;
	}
	if (db->entries + (uint64_t) db->never == 0)
	{
		snprintf(db->error, sizeof(db->error), "the lists hold no name");
		return PERSNER_EINVAL;
	}
	if ((st = persner_keymap_arrays(&db->phrases, &keys, &vals)) != PERSNER_OK)
		return st;
	persner_model_version_text(db->base, ck);
	mv[0] = name;
	mv[1] = base_name;
	mv[2] = ck;
	/* the base's document memory goes with it: names outside the lists tag as the base tags them */
	mv[3] = persner_model_meta(db->base, PERSNER_DOCMEM_META);
	memset(&spec, 0, sizeof(spec));
	spec.nkeys = db->phrases.n;
	spec.keys = keys;
	spec.vals = vals;
	spec.entries = db->entries;
	spec.never = db->never;
	spec.nmeta = mv[3] != NULL ? 4 : 3;
	spec.meta_keys = mk;
	spec.meta_vals = mv;
	st = persner_model_write_dict(db->base, &spec, out, outlen);
	persner_free(keys);
	persner_free(vals);
	return st;
}
