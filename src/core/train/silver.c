/*
 * silver.c - silver labels: which tags of a tagged sentence to keep, and their lines
 */
#include "silver.h"
#include "corpus.h"
#include "labels.h"

#include <string.h>

PersnerStatus
persner_silver_keep(const int *tags, const float *scores, size_t T, float threshold,
					float o_threshold, int *kept, size_t *nknown)
{
	size_t		t = 0,
				known = 0;

	if (T > 0 && (tags == NULL || scores == NULL || kept == NULL))
		return PERSNER_EINVAL;
	while (t < T)
	{
		size_t		e = t + 1,
					i;
		int			sure;

		if (tags[t] == PERSNER_TAG_O)
		{
			sure = scores[t] >= o_threshold;
			kept[t] = sure ? PERSNER_TAG_O : PERSNER_SILVER_UNKNOWN;
			known += (size_t) sure;
			t++;
			continue;
		}
		/* a span: this tag and the I- of its type after it */
		while (e < T && tags[e] != PERSNER_TAG_O && !PERSNER_TAG_IS_B(PERSNER_BIO, tags[e]) &&
			   PERSNER_TAG_TYPE(PERSNER_BIO, tags[e]) == PERSNER_TAG_TYPE(PERSNER_BIO, tags[t]))
			e++;
		sure = 1;
		for (i = t; i < e; i++)
			sure &= scores[i] >= threshold;
		for (i = t; i < e; i++)
			kept[i] = !sure ? PERSNER_SILVER_UNKNOWN :
				i == t ? PERSNER_TAG_B(PERSNER_BIO, PERSNER_TAG_TYPE(PERSNER_BIO, tags[t])) : tags[i];
		known += sure ? e - t : 0;
		t = e;
	}
	if (nknown)
		*nknown = known;
	return PERSNER_OK;
}

PersnerStatus
persner_silver_agree(const int *tags, float *scores, const int *tags2, const float *scores2,
					 size_t T)
{
	size_t		t;

	if (T > 0 && (tags == NULL || scores == NULL || tags2 == NULL || scores2 == NULL))
		return PERSNER_EINVAL;
	for (t = 0; t < T; t++)
		scores[t] = tags[t] != tags2[t] ? 0.0f : scores2[t] < scores[t] ? scores2[t] : scores[t];
	return PERSNER_OK;
}

PersnerStatus
persner_silver_format(const char *const *tok, const size_t *len, const int *kept, size_t T,
					  char *out, size_t cap, size_t *outlen)
{
	size_t		n = 0,
				t;

	*outlen = 0;
	for (t = 0; t < T; t++)
	{
		char		name[PERSNER_TAG_NAME_MAX];
		const char *tag;
		size_t		tl;

		if (kept[t] == PERSNER_SILVER_UNKNOWN)
			tag = PERSNER_CORPUS_UNKNOWN_TAG;
		else if (kept[t] < 0 || kept[t] >= PERSNER_NLABELS)
			return PERSNER_EINVAL;
		else
			tag = persner_tag_name(PERSNER_BIO, kept[t], kept[t] ? persner_type_names[PERSNER_TAG_TYPE(PERSNER_BIO, kept[t])] : NULL,
								   name);
		if (memchr(tok[t], '\n', len[t]) != NULL)
			return PERSNER_EINVAL;
		tl = strlen(tag);
		if (n + len[t] + 1 + tl + 1 + 1 > cap)
			return PERSNER_ELIMIT;
		memcpy(out + n, tok[t], len[t]);
		n += len[t];
		out[n++] = '|';
		memcpy(out + n, tag, tl);
		n += tl;
		out[n++] = '\n';
	}
	if (n + 1 > cap)
		return PERSNER_ELIMIT;
	out[n++] = '\n';
	*outlen = n;
	return PERSNER_OK;
}

/* bytes of a sentence end (. ! ? : ؟ ؛ ۔ …) or a closing quote ending at s[e), else 0 */
static size_t
end_mark_before(const unsigned char *s, size_t b, size_t e, int closers)
{
	if (e > b && (s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?' || s[e - 1] == ':'))
		return 1;
	if (closers && e > b && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')'))
		return 1;
	if (e >= b + 2 && (s[e - 2] == 0xD8 && (s[e - 1] == 0x9F || s[e - 1] == 0x9B)))	/* ؟ ؛ */
		return 2;
	if (e >= b + 2 && s[e - 2] == 0xDB && s[e - 1] == 0x94)	/* ۔ */
		return 2;
	if (closers && e >= b + 2 && s[e - 2] == 0xC2 && s[e - 1] == 0xBB)	/* » */
		return 2;
	if (e >= b + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && s[e - 1] == 0xA6)	/* … */
		return 3;
	if (closers && e >= b + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && s[e - 1] == 0x9D)	/* ” */
		return 3;
	return 0;
}

/* whether the line s[b, e) ends a sentence: a mark, after any closing quotes */
static int
ends_sentence(const unsigned char *s, size_t b, size_t e)
{
	size_t		k;

	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	for (;;)
	{
		if ((k = end_mark_before(s, b, e, 0)) > 0)
			return 1;
		if ((k = end_mark_before(s, b, e, 1)) == 0)
			return 0;
		e -= k;					/* a closing quote: look before it */
	}
}

PersnerStatus
persner_silver_unwrap(char *text, size_t len, size_t *njoined)
{
	unsigned char *s = (unsigned char *) text;
	size_t		b = 0,
				i,
				joined = 0,
				chars = 0;

	if (len > 0 && text == NULL)
		return PERSNER_EINVAL;
	for (i = 0; i < len; i++)
	{
		if (s[i] != '\n')
		{
			chars += (s[i] & 0xC0) != 0x80;
			continue;
		}
		if (chars >= PERSNER_SILVER_WRAP_CHARS && !ends_sentence(s, b, i))
		{
			s[i] = ' ';
			joined++;
		}
		b = i + 1;
		chars = 0;
	}
	if (njoined)
		*njoined = joined;
	return PERSNER_OK;
}
