/*
 * features.c - feature templates: tokens -> attribute hashes
 *
 * Word templates (for the word at offset o from the labelled token):
 *
 *   o = 0      identity (ZWNJ-free form), prefixes of 1-3 and suffixes of
 *              1-4 characters, shape, length bucket, digit count and year
 *              prefix of a number, ZWNJ inside, fine and coarse clusters
 *              (flag NGRAM: also the character trigrams inside the word)
 *   o = +-1    identity, shape, 2-character suffix, fine cluster (wide:
 *              also the 3-character prefix and the coarse cluster)
 *   o = +-2    identity, coarse cluster (wide: also the fine cluster)
 *
 * With PERSNER_FEAT_BROWN, the prefixes of the path of the word's fine
 * class in the Brown merge tree (brown.c) at persner_brown_depths: all at
 * o = 0, the shallowest two at +-1.
 *
 * With PERSNER_FEAT_GAZTOK, a word also says where it stands in the names
 * of the gazetteer lists (first word of 3 or more organization names,
 * inside a place name, ...): at o = 0 each place with how many names (1, 2,
 * 3 or more), at o = +-1 each place alone.  So a word never seen labelled
 * but listed inside many organization names (کارخانه, فدراسیون) is evidence.
 *
 * With PERSNER_FEAT_AFFINITY, a word says how often it follows a head word
 * of each group in unlabelled text (affinity.c: «باشگاه X», «آقای X»,
 * «استان X»): one attribute (group, bucket) per group with a bucket above
 * 0, at o = 0 and at +-1.  At +1 it marks the head word itself (the word
 * before a name that follows heads is likely the head, which PEYMA puts
 * inside the organization), at -1 the name's second word, whose own
 * identity was seldom labelled.
 *
 * Context templates (position t of a sentence): a bias, the word bigrams
 * (t-1, t) and (t, t+1), the gazetteer types of the longest phrase that
 * starts at t (GB) or covers t (GI), and those of t-1 and t+1, and the
 * first / last position of the sentence.
 *
 * A key is persner_hash(text, seed) with the seed naming the template and
 * the offset, so "تهران at -1" and "تهران at 0" are different attributes.
 */
#include "charclass.h"
#include "feat.h"

#include <string.h>

const char	PERSNER_BOS[] = "\x01" "BOS";
const char	PERSNER_EOS[] = "\x01" "EOS";

/*
 * Template numbers are part of every model file: a key hashes its
 * template's number, so a model trained with a template finds its weights
 * only under the same number.  Append new templates before T_BIAS (32);
 * never renumber one, even one that is off by default.
 */
enum
{
	T_IDENT = 1, T_P1, T_P2, T_P3, T_S1, T_S2, T_S3, T_S4, T_SHAPE, T_LEN,
	T_NDIG, T_YEAR, T_C1, T_C2, T_ZWNJ, T_NG3, T_GWORD, T_V0, T_V1, T_V2,
	T_B0, T_B1, T_B2, T_B3,
	T_AFF,
	T_BIAS = 32, T_BI_L, T_BI_R, T_GB, T_GI, T_GB_L, T_GI_L, T_GB_R, T_GI_R,
	T_FIRST, T_LAST, T_WORDKEY, T_WC_L, T_CW_R
};

#define SEED(tmpl, o)	((uint64_t) (tmpl) << 8 | (uint64_t) ((o) + 8))


static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 31;
	x *= UINT64_C(0x7FB5D329728EA185);
	x ^= x >> 27;
	x *= UINT64_C(0x81DADEF4BC2DD44D);
	x ^= x >> 33;
	return x;
}

/* Key of an attribute with no text, only a small number. */
static inline uint64_t
key_num(int tmpl, int o, uint64_t n)
{
	return mix64(SEED(tmpl, o) * UINT64_C(0x9E3779B97F4A7C15) + n + 1);
}

/* Length of w cut to at most PERSNER_FEAT_MAX_BYTES, on a character boundary. */
static size_t
feat_len(const char *w, size_t len)
{
	if (len <= PERSNER_FEAT_MAX_BYTES)
		return len;
	len = PERSNER_FEAT_MAX_BYTES;
	while (len > 0 && ((uint8_t) w[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* Copy w without its ZWNJs into buf [PERSNER_FEAT_MAX_BYTES]; returns length. */
static size_t
strip_zwnj(const char *w, size_t len, char *buf, int *had_zwnj)
{
	size_t		i,
				n = 0;

	*had_zwnj = 0;
	for (i = 0; i < len; i++)
	{
		if (persner_is_zwnj(w + i, len - i))
		{
			*had_zwnj = 1;
			i += PERSNER_ZWNJ_LEN - 1;
			continue;
		}
		buf[n++] = w[i];
	}
	return n;
}

/* identity hash of the ZWNJ-free form; *had_zwnj says whether it had one */
static uint64_t
ident_hash_z(const char *w, size_t len, int *had_zwnj)
{
	char		buf[PERSNER_FEAT_MAX_BYTES];
	size_t		n;

	len = feat_len(w, len);
	n = strip_zwnj(w, len, buf, had_zwnj);
	return persner_hash(buf, n, SEED(T_IDENT, 0));
}

uint64_t
persner_ident_hash(const char *w, size_t len)
{
	int			z;

	return ident_hash_z(w, len, &z);
}

/*
 * The word attributes are a function of the ZWNJ-free form and of whether
 * the word had a ZWNJ (word_attrs reads nothing else), so that pair, which
 * persner_feat_prepare has computed anyway, keys the tagger's cache.
 */
uint64_t
persner_feat_word_key(uint64_t ident, int had_zwnj)
{
	return had_zwnj ? mix64(ident ^ SEED(T_WORDKEY, 0)) : ident;
}

uint64_t
persner_gaz_word_key(uint64_t ident)
{
	return mix64(ident ^ SEED(T_GWORD, 0));
}

uint64_t
persner_vec_word_key(uint64_t ident)
{
	return mix64(ident ^ SEED(T_V0, 0));
}

uint64_t
persner_brown_word_key(uint64_t ident)
{
	return mix64(ident ^ SEED(T_B0, 0));
}

/*
 * The depths of the Brown prefixes, shallowest first.  The leaves are the
 * 256 fine classes, which T_C1 names already, and the tree over them is
 * not balanced: depth 2, 4, 6 and 8 cut it into at most 4, 16, 64 and 256
 * groups, coarser than the leaves wherever a branch runs deeper than 8.
 * At +-1 only the two shallowest, which generalize most.
 */
const int	persner_brown_depths[PERSNER_BROWN_NDEPTHS] = {2, 4, 6, 8};

#define BROWN_NEAR_DEPTHS	2	/* depths used at +-1 */

/* a path's prefix of at most depth steps, with its length */
static inline uint64_t
brown_prefix(uint32_t v, int depth)
{
	uint32_t	len = PERSNER_BROWN_LEN(v),
				l = len < (uint32_t) depth ? len : (uint32_t) depth;

	return (uint64_t) l << 32 | (PERSNER_BROWN_BITS(v) & ((1u << l) - 1));
}

uint64_t
persner_aff_word_key(uint64_t ident)
{
	return mix64(ident ^ SEED(T_AFF, 0));
}

uint64_t
persner_gaz_extend(uint64_t k, const char *tok, size_t len)
{
	return mix64(k * UINT64_C(0x9E3779B97F4A7C15) + persner_ident_hash(tok, len));
}

static inline uint64_t
gaz_combine(uint64_t k, uint64_t ident)
{
	return mix64(k * UINT64_C(0x9E3779B97F4A7C15) + ident);
}

uint64_t
persner_phrase_extend(uint64_t k, uint64_t ident)
{
	return gaz_combine(k, ident);
}

/* Byte length of the first n characters of s (or all of it). */
static size_t
prefix_bytes(const char *s, size_t len, int n)
{
	size_t		i = 0;

	while (i < len && n > 0)
	{
		i++;
		while (i < len && ((uint8_t) s[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return n == 0 ? i : 0;		/* 0: the word is shorter than n characters */
}

/* Byte offset where the last n characters of s start (or SIZE_MAX). */
static size_t
suffix_start(const char *s, size_t len, int n)
{
	size_t		i = len;

	while (i > 0 && n > 0)
	{
		i--;
		while (i > 0 && ((uint8_t) s[i] & 0xC0) == 0x80)
			i--;
		n--;
	}
	return n == 0 ? i : SIZE_MAX;
}

/*
 * Shape: one class letter per character, repeats collapsed, at most 8:
 * x Arabic-script letter, a Latin letter, d digit, p percent sign,
 * o anything else (the identity feature already names punctuation).
 */
static size_t
word_shape(const char *w, size_t len, char *out, int *ndigits, int *nchars)
{
	size_t		i = 0,
				n = 0;
	int			digits = 0,
				chars = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			k = persner_utf8_decode((const uint8_t *) w + i, len - i, &cp);
		char		c;

		if (k == 0)
			k = 1, cp = 0xFFFD;
		i += (size_t) k;
		if (cp == PERSNER_ZWNJ_CP)
			continue;
		chars++;
		if (persner_digit_value(cp) >= 0)
			c = 'd', digits++;
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			c = 'a';
		else if (cp >= 0x600 && cp <= 0x6FF && cp != 0x60C && cp != 0x61B &&
				 cp != 0x61F && cp != 0x66A && cp != 0x66B && cp != 0x66C)
			c = 'x';
		else if (cp == 0x66A || cp == '%')
			c = 'p';
		else if (cp == '.' || cp == ',' || cp == '/' || cp == ':' ||
				 cp == 0x66B || cp == 0x66C)
			c = (char) (cp < 0x80 ? cp : (cp == 0x66B ? '.' : ','));
		else
			c = 'o';
		if (n == 0 || out[n - 1] != c)
		{
			if (n < 8)
				out[n++] = c;
		}
	}
	*ndigits = digits;
	*nchars = chars;
	return n;
}

/*
 * The character trigrams inside a word of nc characters (not the first or
 * last three characters, which the affixes name), at most NG3_MAX of them:
 * what a transliterated foreign name or a place-name element looks like.
 */
#define NG3_MAX 12

/*
 * The most keys word_attrs writes for one offset, o = 0 with every flag on
 * and every lookup hit: identity, shape, two clusters, three vector classes,
 * the Brown prefixes, the affinity groups, the name places, three prefixes
 * and four suffixes, length, digits, year, ZWNJ, the trigrams.  A model file
 * chooses the flags and the table values, so this bound, not the flags of
 * the shipped models, must fit the callers' buffers.  Keep it in step with
 * word_attrs.
 */
#define WORD_ATTRS_MAX_O0	(1 + 1 + 2 + 3 + PERSNER_BROWN_NDEPTHS + PERSNER_AFF_GROUPS + \
							 PERSNER_GAZ_SLOTS + 3 + 4 + 1 + 1 + 1 + 1 + NG3_MAX)
_Static_assert(WORD_ATTRS_MAX_O0 <= PERSNER_MAX_WORD_ATTRS,
			   "word_attrs may write more keys than PERSNER_MAX_WORD_ATTRS");

static int
char_trigrams(const char *w, size_t len, int nc, uint64_t *out)
{
	size_t		pos[NG3_MAX + 4];
	size_t		i = 0;
	int			c = 0,
				k = 0,
				j;

	if (nc < 5)
		return 0;
	/* byte offsets of characters 1 .. min(nc - 1, NG3_MAX + 3) */
	while (i < len && c < NG3_MAX + 4)
	{
		pos[c++] = i;
		i++;
		while (i < len && ((uint8_t) w[i] & 0xC0) == 0x80)
			i++;
	}
	/* trigrams starting at characters 1 .. nc - 4 */
	for (j = 1; j + 3 < nc && j + 3 < c && k < NG3_MAX; j++)
		out[k++] = persner_hash(w + pos[j], pos[j + 3] - pos[j], SEED(T_NG3, 0));
	return k;
}

/*
 * word_attrs - the attributes of w for every offset in [omin, omax]
 *
 * What depends on the word alone (its ZWNJ-free form, identity hash, shape,
 * clusters) is computed once; counts[o - omin] gets each offset's count and
 * the keys follow one another in out.  Returns the total.
 */
static int
word_attrs(const PersnerFeatLex *lex, const char *w, size_t len, int omin, int omax,
		   uint64_t *out, int *counts)
{
	char		buf[PERSNER_FEAT_MAX_BYTES] = {0};
	char		shape[8];
	size_t		n,
				sl;
	int			zw,
				nd,
				nc,
				k = 0,
				o,
				pseudo;
	uint64_t	ident;
	uint32_t	cl = PERSNER_TABLE_MISS,
				gw = PERSNER_TABLE_MISS,
				vc = PERSNER_TABLE_MISS,
				bv = PERSNER_TABLE_MISS,
				af = PERSNER_TABLE_MISS;
	int			wide = (lex->flags & PERSNER_FEAT_WIDE) != 0;

	len = feat_len(w, len);
	n = strip_zwnj(w, len, buf, &zw);
	ident = persner_hash(buf, n, SEED(T_IDENT, 0));
	pseudo = len > 0 && w[0] == '\x01';	/* BOS / EOS: identity only */
	if (!pseudo && (lex->flags & PERSNER_FEAT_CLUSTER) && lex->clus)
		cl = persner_table_get(lex->clus, ident);
	if (!pseudo && (lex->flags & PERSNER_FEAT_VECTORS) && lex->clus)
		vc = persner_table_get(lex->clus, persner_vec_word_key(ident));
	if (!pseudo && (lex->flags & PERSNER_FEAT_BROWN) && lex->clus)
		bv = persner_table_get(lex->clus, persner_brown_word_key(ident));
	if (!pseudo && (lex->flags & PERSNER_FEAT_AFFINITY) && lex->clus)
		af = persner_table_get(lex->clus, persner_aff_word_key(ident));
	if (!pseudo && (lex->flags & PERSNER_FEAT_GAZTOK) && lex->gaz && lex->gaz->keys)
		gw = persner_table_get(lex->gaz, persner_gaz_word_key(ident));
	sl = word_shape(buf, n, shape, &nd, &nc);

	for (o = omin; o <= omax; o++)
	{
		int			k0 = k,
					ao = o < 0 ? -o : o;

		/* identity at this offset: rehash the identity with the offset's seed */
		out[k++] = mix64(ident ^ SEED(T_IDENT, o));
		if (pseudo)
		{
			counts[o - omin] = k - k0;
			continue;
		}
		if ((lex->flags & PERSNER_FEAT_SHAPE) && ao <= 1)
			out[k++] = persner_hash(shape, sl, SEED(T_SHAPE, o));
		if (cl != PERSNER_TABLE_MISS)
		{
			if (ao <= 1 || (wide && ao == 2))
				out[k++] = key_num(T_C1, o, PERSNER_CLUSTER_FINE(cl));
			if (o == 0 || ao >= 2 || wide)
				out[k++] = key_num(T_C2, o, PERSNER_CLUSTER_COARSE(cl));
		}
		if (vc != PERSNER_TABLE_MISS)
		{
			/* the finest classes next to the token, the coarsest across the window */
			if (o == 0)
				out[k++] = key_num(T_V0, o, PERSNER_VEC_CLASS(vc, 0));
			if (ao <= 1)
				out[k++] = key_num(T_V1, o, PERSNER_VEC_CLASS(vc, 1));
			out[k++] = key_num(T_V2, o, PERSNER_VEC_CLASS(vc, 2));
		}
		if (bv != PERSNER_TABLE_MISS && ao <= 1)
		{
			int			i;

			for (i = 0; i < (o == 0 ? PERSNER_BROWN_NDEPTHS : BROWN_NEAR_DEPTHS); i++)
				out[k++] = key_num(T_B0 + i, o, brown_prefix(bv, persner_brown_depths[i]));
		}
		if (af != PERSNER_TABLE_MISS && ao <= 1)
		{
			int			g;

			for (g = 0; g < PERSNER_AFF_GROUPS; g++)
				if (PERSNER_AFF_BUCKET(af, g) != 0)
					out[k++] = key_num(T_AFF, o, (uint64_t) g * 8 + PERSNER_AFF_BUCKET(af, g));
		}
		if (gw != PERSNER_TABLE_MISS && ao <= 1)
		{
			int			slot;

			for (slot = 0; slot < PERSNER_GAZ_SLOTS; slot++)
			{
				uint32_t	c = PERSNER_GAZ_SLOT_COUNT(gw, slot);

				if (c != 0)
					out[k++] = key_num(T_GWORD, o, o == 0 ? (uint64_t) slot * 4 + c : (uint64_t) slot);
			}
		}
		if (ao == 1 && (lex->flags & PERSNER_FEAT_AFFIX))
		{
			size_t		s = suffix_start(buf, n, 2);

			if (s != SIZE_MAX && nc > 2)
				out[k++] = persner_hash(buf + s, n - s, SEED(T_S2, o));
			if (wide)
			{
				size_t		p = prefix_bytes(buf, n, 3);

				if (p != 0 && nc > 3)
					out[k++] = persner_hash(buf, p, SEED(T_P3, o));
			}
		}
		if (o == 0)
		{
			if (lex->flags & PERSNER_FEAT_AFFIX)
			{
				int			i;

				for (i = 1; i <= 3; i++)
				{
					size_t		p = prefix_bytes(buf, n, i);

					if (p == 0 || nc <= i)
						break;
					out[k++] = persner_hash(buf, p, SEED(T_P1 + i - 1, 0));
				}
				for (i = 1; i <= 4; i++)
				{
					size_t		s = suffix_start(buf, n, i);

					if (s == SIZE_MAX || nc <= i)
						break;
					out[k++] = persner_hash(buf + s, n - s, SEED(T_S1 + i - 1, 0));
				}
			}
			if (lex->flags & PERSNER_FEAT_SHAPE)
			{
				int			bucket = nc <= 3 ? nc : nc <= 5 ? 4 : nc <= 8 ? 5 : 6;

				out[k++] = key_num(T_LEN, 0, (uint64_t) bucket);
				if (nd > 0 && nd == nc)
				{
					out[k++] = key_num(T_NDIG, 0, (uint64_t) (nd < 9 ? nd : 9));
					if (nd == 4)	/* a year's first two digits: 13.., 14.., 19.., 20.. */
						out[k++] = persner_hash(buf, prefix_bytes(buf, n, 2), SEED(T_YEAR, 0));
				}
				if (zw)
					out[k++] = key_num(T_ZWNJ, 0, 1);
			}
			if (lex->flags & PERSNER_FEAT_NGRAM)
				k += char_trigrams(buf, n, nc, out + k);
		}
		counts[o - omin] = k - k0;
	}
	return k;
}

int
persner_feat_word(const PersnerFeatLex *lex, const char *w, size_t len, int o,
				  uint64_t *out)
{
	int			count;

	return word_attrs(lex, w, len, o, o, out, &count);
}

int
persner_feat_word_all(const PersnerFeatLex *lex, const char *w, size_t len,
					  uint64_t *out, int *counts)
{
	return word_attrs(lex, w, len, -PERSNER_WINDOW, PERSNER_WINDOW, out, counts);
}

int
persner_phrase_starts(const PersnerTable *tab, uint64_t ident)
{
	return persner_table_get(tab, gaz_combine(0, ident)) != PERSNER_TABLE_MISS;
}

int
persner_phrase_longest(const PersnerTable *tab, const uint64_t *ident, int T,
					   int t, uint32_t *val)
{
	uint64_t	k = 0;
	int			best_end = -1,
				u;

	*val = 0;
	for (u = t; u < T && u < t + PERSNER_GAZ_MAX_TOKENS; u++)
	{
		uint32_t	v;

		k = gaz_combine(k, ident[u]);
		v = persner_table_get(tab, k);
		if (v == PERSNER_TABLE_MISS)
			break;
		if (v & PERSNER_GAZ_TYPEMASK)
		{
			*val = v;
			best_end = u;
		}
		if (!(v & PERSNER_GAZ_PREFIX))
			break;
	}
	return best_end;
}

/*
 * persner_feat_prepare - identity hashes, clusters and gazetteer matches of a sentence
 *
 * For every start t the longest phrase t..u (persner_phrase_longest) found
 * in the gazetteer marks t with GB = its types and t+1..u with GI.  Matches
 * may overlap: every start is looked at.
 */
void
persner_feat_prepare(const PersnerFeatLex *lex, PersnerFeatSent *s)
{
	int			t;

	for (t = 0; t < s->T; t++)
	{
		int			z;

		s->ident[t] = ident_hash_z(s->tok[t], s->len[t], &z);
		s->zwnj[t] = (uint8_t) z;
		s->gazB[t] = 0;
		s->gazI[t] = 0;
	}

	/*
	 * the clusters the class context reads, looked up in one pass: the
	 * lookups are independent here, so their cache misses overlap, where
	 * inside the position loop each would stall it
	 */
	if ((lex->flags & PERSNER_FEAT_CBIGRAM) && lex->clus)
		for (t = 0; t < s->T; t++)
			s->cls[t] = persner_table_get(lex->clus, s->ident[t]);
	if (!(lex->flags & PERSNER_FEAT_GAZ) || lex->gaz == NULL || lex->gaz->keys == NULL)
		return;

	/* every start's first probe is a miss in a table of megabytes: overlapped */
	for (t = 0; t < s->T && t < PERSNER_LOOKAHEAD; t++)
		persner_table_prefetch(lex->gaz, gaz_combine(0, s->ident[t]));
	for (t = 0; t < s->T; t++)
	{
		uint32_t	v;
		int			best_end,
					u;

		if (t + PERSNER_LOOKAHEAD < s->T)
			persner_table_prefetch(lex->gaz, gaz_combine(0, s->ident[t + PERSNER_LOOKAHEAD]));
		best_end = persner_phrase_longest(lex->gaz, s->ident, s->T, t, &v);

		if (best_end >= 0)
		{
			uint32_t	types = v & PERSNER_GAZ_TYPEMASK;

			s->gazB[t] |= types;
			for (u = t + 1; u <= best_end; u++)
				s->gazI[u] |= types;
		}
	}
}

/*
 * Context attributes of small fixed domains (bias, sentence edges, the
 * gazetteer type bits of t-1, t, t+1) are numbered, id = kind * 32 + bit,
 * so the tagger can sum precomputed weight vectors instead of hashing.
 * persner_feat_fixed_key turns an id into the attribute hash the trainer
 * sees; both go through persner_feat_context_ids, so they cannot drift.
 */
enum
{
	K_BIAS, K_FIRST, K_LAST, K_GB, K_GI, K_GB_L, K_GI_L, K_GB_R, K_GI_R
};

static const int FIXED_TMPL[PERSNER_FIXED_KINDS] = {
	T_BIAS, T_FIRST, T_LAST, T_GB, T_GI, T_GB_L, T_GI_L, T_GB_R, T_GI_R
};

uint64_t
persner_feat_fixed_key(int id)
{
	return key_num(FIXED_TMPL[(id / 32) % PERSNER_FIXED_KINDS], 0, (uint64_t) (id % 32));
}

/* Append one id per set bit of mask (bits 0..29). */
static int
add_bits(int *out, int k, int kind, uint32_t mask)
{
	mask &= PERSNER_GAZ_TYPEMASK;
	while (mask != 0 && k < PERSNER_MAX_CTX_ATTRS)
	{
		out[k++] = kind * 32 + __builtin_ctz(mask);
		mask &= mask - 1;
	}
	return k;
}

int
persner_feat_context_ids(const PersnerFeatLex *lex, const PersnerFeatSent *s, int t,
						 int *out)
{
	int			k = 0;

	out[k++] = K_BIAS * 32;
	if (t == 0)
		out[k++] = K_FIRST * 32;
	if (t == s->T - 1)
		out[k++] = K_LAST * 32;
	if (lex->flags & PERSNER_FEAT_GAZ)
	{
		k = add_bits(out, k, K_GB, s->gazB[t]);
		k = add_bits(out, k, K_GI, s->gazI[t]);
		if (lex->flags & PERSNER_FEAT_GAZ_CTX)
		{
			if (t > 0)
			{
				k = add_bits(out, k, K_GB_L, s->gazB[t - 1]);
				k = add_bits(out, k, K_GI_L, s->gazI[t - 1]);
			}
			if (t + 1 < s->T)
			{
				k = add_bits(out, k, K_GB_R, s->gazB[t + 1]);
				k = add_bits(out, k, K_GI_R, s->gazI[t + 1]);
			}
		}
	}
	return k;
}

int
persner_feat_context_hashed(const PersnerFeatLex *lex, const PersnerFeatSent *s, int t,
							uint64_t *out)
{
	uint64_t	prev,
				next;

	if (!(lex->flags & PERSNER_FEAT_BIGRAM))
		return 0;
	prev = t > 0 ? s->ident[t - 1] : persner_ident_hash(PERSNER_BOS, strlen(PERSNER_BOS));
	next = t + 1 < s->T ? s->ident[t + 1] : persner_ident_hash(PERSNER_EOS, strlen(PERSNER_EOS));
	out[0] = mix64(gaz_combine(prev, s->ident[t]) ^ SEED(T_BI_L, 0));
	out[1] = mix64(gaz_combine(s->ident[t], next) ^ SEED(T_BI_R, 0));
	if ((lex->flags & PERSNER_FEAT_CBIGRAM) && lex->clus)
	{
		/*
		 * the neighbours' words with the token's coarse class: a head word
		 * before a name the bigrams never saw (سازمان X), a verb after it
		 */
		uint32_t	cl = s->cls[t];

		if (cl != PERSNER_TABLE_MISS)
		{
			out[2] = mix64(gaz_combine(prev, PERSNER_CLUSTER_COARSE(cl)) ^ SEED(T_WC_L, 0));
			out[3] = mix64(gaz_combine(PERSNER_CLUSTER_COARSE(cl), next) ^ SEED(T_CW_R, 0));
			return 4;
		}
	}
	return 2;
}

int
persner_feat_context(const PersnerFeatLex *lex, const PersnerFeatSent *s, int t,
					 uint64_t *out)
{
	int			ids[PERSNER_MAX_CTX_ATTRS];
	int			n = persner_feat_context_ids(lex, s, t, ids),
				i;

	for (i = 0; i < n; i++)
		out[i] = persner_feat_fixed_key(ids[i]);
	return n + persner_feat_context_hashed(lex, s, t, out + n);
}

const char *
persner_feat_word_at(const PersnerFeatSent *s, int p, size_t *len)
{
	if (p < 0)
	{
		*len = strlen(PERSNER_BOS);
		return PERSNER_BOS;
	}
	if (p >= s->T)
	{
		*len = strlen(PERSNER_EOS);
		return PERSNER_EOS;
	}
	*len = s->len[p];
	return s->tok[p];
}

int
persner_feat_position(const PersnerFeatLex *lex, const PersnerFeatSent *s, int t,
					  uint64_t *out)
{
	int			n = 0,
				o,
				p;

	PERSNER_WINDOW_WALK(t, o, p)
	{
		size_t		wl;
		const char *w = persner_feat_word_at(s, p, &wl);

		n += persner_feat_word(lex, w, wl, o, out + n);
	}
	return n + persner_feat_context(lex, s, t, out + n);
}
