/*
 * utf8.c - strict UTF-8 decoding and encoding
 *
 * Strict means RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF.  Every other module iterates text through persner_utf8_decode.
 */
#include "persner.h"

int
persner_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp)
{
	uint8_t		c;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		if (len < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF)
	{
		uint32_t	v;

		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		v = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4)
	{
		uint32_t	v;

		if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
			(s[3] & 0xC0) != 0x80)
			return 0;
		v = ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (s[1] & 0x3F) << 12) |
			((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (v < 0x10000 || v > 0x10FFFF)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

int
persner_utf8_encode(uint32_t cp, uint8_t *out)
{
	if (cp < 0x80)
	{
		out[0] = (uint8_t) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (uint8_t) (0xC0 | (cp >> 6));
		out[1] = (uint8_t) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (uint8_t) (0xE0 | (cp >> 12));
		out[1] = (uint8_t) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (uint8_t) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (uint8_t) (0xF0 | (cp >> 18));
	out[1] = (uint8_t) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (uint8_t) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (uint8_t) (0x80 | (cp & 0x3F));
	return 4;
}

PersnerStatus
persner_utf8_validate(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *) s;
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			n;

		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		n = persner_utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			return PERSNER_EUTF8;
		i += (size_t) n;
	}
	return PERSNER_OK;
}

size_t
persner_utf8_count(const char *s, size_t len)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len; i++)
		n += ((uint8_t) s[i] & 0xC0) != 0x80;
	return n;
}
