/*
 * test_silver.c - silver labels (silver.c) and the "?" wildcard they are read with
 *
 * The rules of persner_silver_keep and persner_silver_agree (an
 * ensemble) on hand-made paths and marginals; the
 * lines persner_silver_format writes, read back by the corpus reader and
 * turned into label sets by the dataset (a "?" token allows every label,
 * a kept one only its own, a sentence without "?" stays fully labelled);
 * the joining of column-wrapped lines.  The sentences are our own.
 */
#include "corpus.h"
#include "dataset.h"
#include "labels.h"
#include "silver.h"
#include "unit.h"

#define L	(1 + 2 * PERSNER_NTYPES_PEYMA)
#define U	PERSNER_SILVER_UNKNOWN

static int
ty(const char *name)
{
	return persner_type_index(name, strlen(name));
}

TEST(keep_spans_whole_and_sure_o)
{
	int			per = ty("PER"),
				dat = ty("DAT"),
				loc = ty("LOC"),
				org = ty("ORG");

	/* علی رضایی دیروز در تهران با شرکت ملی نفت گفتگو کرد */
	int			tags[] = {PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_I(PERSNER_BIO, per), PERSNER_TAG_B(PERSNER_BIO, dat), 0,
	PERSNER_TAG_B(PERSNER_BIO, loc), 0, PERSNER_TAG_B(PERSNER_BIO, org), PERSNER_TAG_I(PERSNER_BIO, org), PERSNER_TAG_I(PERSNER_BIO, org), 0, 0};
	float		sc[] = {0.95f, 0.97f, 0.6f, 0.99f, 0.92f, 0.99f, 0.95f, 0.85f, 0.9f, 0.7f, 0.99f};
	int			want[] = {PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_I(PERSNER_BIO, per), U, 0, PERSNER_TAG_B(PERSNER_BIO, loc), 0,
	U, U, U, U, 0};
	int			kept[11];
	size_t		known = 99,
				t;

	CHECK_EQ_INT(persner_silver_keep(tags, sc, 11, 0.9f, 0.9f, kept, &known), PERSNER_OK);
	for (t = 0; t < 11; t++)
		CHECK_EQ_INT(kept[t], want[t]);
	CHECK_EQ_INT(known, 6);

	/* the threshold is inclusive: ملی at 0.85 keeps the organization at 0.85 */
	CHECK_EQ_INT(persner_silver_keep(tags, sc, 11, 0.85f, 0.85f, kept, &known), PERSNER_OK);
	CHECK_EQ_INT(kept[6], PERSNER_TAG_B(PERSNER_BIO, org));
	CHECK_EQ_INT(kept[7], PERSNER_TAG_I(PERSNER_BIO, org));
	CHECK_EQ_INT(kept[8], PERSNER_TAG_I(PERSNER_BIO, org));
	CHECK_EQ_INT(kept[9], U);	/* گفتگو 0.7 */
	CHECK_EQ_INT(known, 9);

	/* a stricter threshold for O: گفتگو (0.7) and در (0.99) both unknown at 1.0 */
	CHECK_EQ_INT(persner_silver_keep(tags, sc, 11, 0.9f, 1.0f, kept, &known), PERSNER_OK);
	for (t = 0; t < 11; t++)
		CHECK_EQ_INT(kept[t], tags[t] == 0 ? U : want[t]);
	CHECK_EQ_INT(known, 3);

	/* threshold 0 keeps everything, 1.01 nothing */
	CHECK_EQ_INT(persner_silver_keep(tags, sc, 11, 0.0f, 0.0f, kept, &known), PERSNER_OK);
	CHECK_EQ_INT(known, 11);
	CHECK_EQ_INT(persner_silver_keep(tags, sc, 11, 1.01f, 1.01f, kept, NULL), PERSNER_OK);
	for (t = 0; t < 11; t++)
		CHECK_EQ_INT(kept[t], U);
	CHECK_EQ_INT(persner_silver_keep(NULL, sc, 3, 0.9f, 0.9f, kept, NULL), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_silver_keep(NULL, NULL, 0, 0.9f, 0.9f, NULL, NULL), PERSNER_OK);
}

TEST(keep_an_i_that_continues_nothing_opens_a_span)
{
	int			per = ty("PER"),
				loc = ty("LOC");
	int			tags[] = {0, PERSNER_TAG_I(PERSNER_BIO, loc), PERSNER_TAG_I(PERSNER_BIO, loc), PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_I(PERSNER_BIO, loc)};
	float		sc[] = {0.99f, 0.99f, 0.5f, 0.99f, 0.99f};
	int			kept[5];

	CHECK_EQ_INT(persner_silver_keep(tags, sc, 5, 0.9f, 0.9f, kept, NULL), PERSNER_OK);
	CHECK_EQ_INT(kept[0], 0);
	CHECK_EQ_INT(kept[1], U);	/* the place's second word is unsure: all of it */
	CHECK_EQ_INT(kept[2], U);
	CHECK_EQ_INT(kept[3], PERSNER_TAG_B(PERSNER_BIO, per));	/* the person ends where another type begins */
	CHECK_EQ_INT(kept[4], PERSNER_TAG_B(PERSNER_BIO, loc));
}

TEST(agree_keeps_what_two_models_tag_alike)
{
	int			per = ty("PER"),
				org = ty("ORG"),
				fac = ty("FAC");

	/* A: [PER مریم احمدی] در [ORG دانشگاه تهران] ;  B: the person, a facility, the same O */
	int			a[] = {PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_I(PERSNER_BIO, per), 0, PERSNER_TAG_B(PERSNER_BIO, org), PERSNER_TAG_I(PERSNER_BIO, org)};
	int			b[] = {PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_I(PERSNER_BIO, per), 0, PERSNER_TAG_B(PERSNER_BIO, fac), PERSNER_TAG_I(PERSNER_BIO, org)};
	float		sa[] = {0.99f, 0.95f, 0.97f, 0.99f, 0.99f};
	float		sb[] = {0.93f, 0.99f, 0.999f, 0.99f, 0.99f};
	int			kept[5];

	CHECK_EQ_INT(persner_silver_agree(a, sa, b, sb, 5), PERSNER_OK);
	CHECK(sa[0] == 0.93f && sa[1] == 0.95f && sa[2] == 0.97f);	/* the lower marginal */
	CHECK(sa[3] == 0.0f && sa[4] == 0.99f);
	CHECK_EQ_INT(persner_silver_keep(a, sa, 5, 0.9f, 0.9f, kept, NULL), PERSNER_OK);
	CHECK_EQ_INT(kept[0], PERSNER_TAG_B(PERSNER_BIO, per));
	CHECK_EQ_INT(kept[2], 0);
	CHECK_EQ_INT(kept[3], U);	/* ORG or FAC: the whole span unknown */
	CHECK_EQ_INT(kept[4], U);
	CHECK_EQ_INT(persner_silver_agree(a, NULL, b, sb, 5), PERSNER_EINVAL);
}

/*
 * Two sentences: the first with unsure words, the second all sure (and,
 * with the first, naming all seven types, so that its O is O).
 */
static const char *const S1[] = {"علی", "رضایی", "دیروز", "در", "تهران", "با", "شرکت", "ملی",
"نفت", "گفتگو", "کرد"};
static const char *const S2[] = {"بانک", "مرکزی", "۱۲", "آذر", "ساعت", "۱۰", "صبح", "گفت",
	"قیمت", "۲۰", "درصد", "بالا", "رفت", "و", "به", "۵", "میلیون", "ریال", "رسید"};

static void
s2_tags(int *tags)
{
	int			org = ty("ORG"),
				dat = ty("DAT"),
				tim = ty("TIM"),
				pct = ty("PCT"),
				mon = ty("MON");
	int			t[] = {PERSNER_TAG_B(PERSNER_BIO, org), PERSNER_TAG_I(PERSNER_BIO, org), PERSNER_TAG_B(PERSNER_BIO, dat), PERSNER_TAG_I(PERSNER_BIO, dat),
		PERSNER_TAG_B(PERSNER_BIO, tim), PERSNER_TAG_I(PERSNER_BIO, tim), PERSNER_TAG_I(PERSNER_BIO, tim), 0, 0, PERSNER_TAG_B(PERSNER_BIO, pct),
		PERSNER_TAG_I(PERSNER_BIO, pct), 0, 0, 0, 0, PERSNER_TAG_B(PERSNER_BIO, mon), PERSNER_TAG_I(PERSNER_BIO, mon), PERSNER_TAG_I(PERSNER_BIO, mon), 0};

	memcpy(tags, t, sizeof(t));
}

/* the lines of one sentence, appended to buf at *n */
static void
format_into(const char *const *tok, const int *kept, size_t T, char *buf, size_t cap, size_t *n)
{
	size_t		len[32],
				bytes = 0,
				outlen = 0,
				t;

	for (t = 0; t < T; t++)
		bytes += len[t] = strlen(tok[t]);
	CHECK(*n + PERSNER_SILVER_FORMAT_CAP(bytes, T) <= cap);
	CHECK_EQ_INT(persner_silver_format(tok, len, kept, T, buf + *n, cap - *n, &outlen), PERSNER_OK);
	*n += outlen;
}

TEST(format_lines_read_back_as_label_sets)
{
	int			dec1[] = {PERSNER_TAG_B(PERSNER_BIO, ty("PER")), PERSNER_TAG_I(PERSNER_BIO, ty("PER")), U, 0,
	PERSNER_TAG_B(PERSNER_BIO, ty("LOC")), 0, U, U, U, U, 0};
	int			dec2[19];
	char		buf[4096];
	size_t		n = 0,
				t;
	PersnerCorpus c;
	PersnerDataset ds = {0};
	uint8_t		allowed[32 * L];
	int			j;

	s2_tags(dec2);
	format_into(S1, dec1, 11, buf, sizeof(buf), &n);
	format_into(S2, dec2, 19, buf, sizeof(buf), &n);
	buf[n] = '\0';
	CHECK(strncmp(buf, "علی|B-PER\nرضایی|I-PER\nدیروز|?\nدر|O\n", strlen("علی|B-PER\nرضایی|I-PER\nدیروز|?\nدر|O\n")) == 0);
	CHECK(strstr(buf, "کرد|O\n\nبانک|B-ORG\n") != NULL);	/* a blank line ends a sentence */

	CHECK_EQ_INT(persner_corpus_parse(buf, n, &c), PERSNER_OK);
	CHECK_EQ_INT(c.nsent, 2);
	CHECK_EQ_INT(c.ntok, 30);
	CHECK_EQ_INT(c.bio[2], PERSNER_CORPUS_UNKNOWN);
	CHECK(c.type[2] == NULL);
	CHECK_EQ_STR(c.tok[2], "دیروز");

	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0, NULL, 0), PERSNER_OK);
	CHECK_EQ_INT(ds.nsent, 2);
	CHECK(ds.sent[0].partial);	/* it has a "?" */
	CHECK(!ds.sent[1].partial);	/* all sure: trained on as gold */
	persner_dataset_allowed(&ds, 0, allowed);
	for (t = 0; t < 11; t++)
		for (j = 0; j < L; j++)
			CHECK_EQ_INT(allowed[t * L + j], dec1[t] == U ? 1 : j == dec1[t]);
	for (t = 0; t < 19; t++)
		CHECK_EQ_INT(ds.tag[ds.sent[1].tok0 + t], dec2[t]);
	persner_dataset_free(&ds);
	persner_corpus_free(&c);
}

TEST(wildcard_in_conll_and_in_a_partial_corpus)
{
	/* CoNLL "token ?", in a corpus read as partial (ARMAN's persons trusted) */
	static const char text[] = "مریم B-pers\nاحمدی I-pers\nبه ?\nشیراز B-loc\nرفت O\n";
	PersnerCorpus c;
	PersnerDataset ds = {0};
	uint8_t		allowed[8 * L];
	int			per = ty("PER"),
				j;

	CHECK_EQ_INT(persner_corpus_parse(text, strlen(text), &c), PERSNER_OK);
	CHECK_EQ_INT(c.bio[2], PERSNER_CORPUS_UNKNOWN);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 1, 1u << per, NULL, 0), PERSNER_OK);
	persner_dataset_allowed(&ds, 0, allowed);
	for (j = 0; j < L; j++)
		CHECK_EQ_INT(allowed[2 * L + j], 1);	/* به: anything */
	CHECK_EQ_INT(allowed[4 * L + PERSNER_TAG_B(PERSNER_BIO, per)], 0);	/* رفت: O, or an untrusted type */
	CHECK_EQ_INT(allowed[4 * L + PERSNER_TAG_O], 1);
	CHECK_EQ_INT(allowed[0 * L + PERSNER_TAG_B(PERSNER_BIO, per)], 1);
	CHECK_EQ_INT(allowed[0 * L + PERSNER_TAG_O], 0);
	persner_dataset_free(&ds);
	persner_corpus_free(&c);
}

TEST(format_refuses_what_it_cannot_write)
{
	const char *tok[] = {"سطر\nدو"};
	size_t		len[] = {strlen(tok[0])},
				outlen = 7;
	int			kept[] = {0},
				bad[] = {PERSNER_NLABELS};
	char		out[64];
	const char *ok[] = {"تهران"};
	size_t		oklen[] = {strlen(ok[0])};

	CHECK_EQ_INT(persner_silver_format(tok, len, kept, 1, out, sizeof(out), &outlen), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_silver_format(ok, oklen, bad, 1, out, sizeof(out), &outlen), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_silver_format(ok, oklen, kept, 1, out, oklen[0] + 3, &outlen), PERSNER_ELIMIT);
	CHECK_EQ_INT(persner_silver_format(ok, oklen, kept, 1, out, oklen[0] + 4, &outlen), PERSNER_OK);
	CHECK_EQ_INT(outlen, oklen[0] + 4);	/* "تهران|O\n\n" */
	CHECK(memcmp(out + oklen[0], "|O\n\n", 4) == 0);
}

TEST(unwrap_joins_column_lines_only)
{
	char		text[] =
		"تیتر کوتاه\n"
		"این یک سطر بلند از ستون روزنامه است که در میانه\n"
		"جمله می‌شکند و در سطر بعد ادامه پیدا می‌کند تا آخر.\n"
		"آیا این سطر بلند که با پرسش و گیومه تمام می‌شود «درست است؟»\n"
		"یک سطر بلند دیگر که در انتها هیچ نشانه پایانی ندارد و\n"
		"پایان";
	const char *want =
		"تیتر کوتاه\n"
		"این یک سطر بلند از ستون روزنامه است که در میانه "
		"جمله می‌شکند و در سطر بعد ادامه پیدا می‌کند تا آخر.\n"
		"آیا این سطر بلند که با پرسش و گیومه تمام می‌شود «درست است؟»\n"
		"یک سطر بلند دیگر که در انتها هیچ نشانه پایانی ندارد و "
		"پایان";
	size_t		joined = 0;

	CHECK_EQ_INT(persner_silver_unwrap(text, strlen(text), &joined), PERSNER_OK);
	CHECK_EQ_STR(text, want);
	CHECK_EQ_INT(joined, 2);
}

int
main(void)
{
	RUN(keep_spans_whole_and_sure_o);
	RUN(keep_an_i_that_continues_nothing_opens_a_span);
	RUN(agree_keeps_what_two_models_tag_alike);
	RUN(format_lines_read_back_as_label_sets);
	RUN(wildcard_in_conll_and_in_a_partial_corpus);
	RUN(format_refuses_what_it_cannot_write);
	RUN(unwrap_joins_column_lines_only);
	UNIT_DONE();
}
