/*
 * test_press.c - synthetic press-review lines (press.c)
 *
 * The lines persner_press_lines writes, read back by the corpus reader:
 * an outlet labelled ORG, a colon, a sentence of the corpus with its own
 * labels (an unknown one stays unknown); which sentences qualify, how the
 * outlets go round and lose «روزنامه» every other line; the same lines on
 * every call; nothing to write; bad arguments and allocation failures.
 * The sentences are our own.
 */
#include "corpus.h"
#include "press.h"
#include "unit.h"

/* A (8 tokens) and D (8) qualify; B is too short, C holds a colon */
static const char CORPUS[] =
	"مریم|B-PER\nاحمدی|I-PER\nامروز|O\nبه|O\nدانشگاه|B-ORG\nتهران|I-ORG\nرفت|O\n.|O\n\n"
	"سلام|O\nدنیا|O\n.|O\n\n"
	"وزیر|O\nگفت|O\n:|O\nکار|O\nتمام|O\nاست|O\n.|O\n\n"
	"باران|O\nدیروز|?\nدر|O\nشیراز|B-LOC\nو|O\nاصفهان|B-LOC\nبارید|O\n.|O\n\n";

/* three outlets: blank lines, CRLF and runs of spaces are nothing */
static const char OUTLETS[] = "روزنامه کیهان\nهمشهری\n\r\n  خبرگزاری   مهر\r\n";

static void
check_token(const PersnerCorpus *c, size_t t, const char *tok, char bio, const char *type)
{
	CHECK_EQ_STR(c->tok[t], tok);
	CHECK_EQ_INT(c->bio[t], bio);
	if (type == NULL)
		CHECK(c->type[t] == NULL);
	else
		CHECK_EQ_STR(c->type[t], type);
}

TEST(lines_are_an_outlet_a_colon_and_a_sentence)
{
	PersnerCorpus c,
				out;
	char	   *text = NULL;
	size_t		len = 0;

	CHECK_EQ_INT(persner_corpus_parse(CORPUS, strlen(CORPUS), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 4, &text, &len), PERSNER_OK);
	CHECK(text != NULL && strlen(text) == len);
	CHECK_EQ_INT(persner_corpus_parse(text, len, &out), PERSNER_OK);
	CHECK_EQ_INT(out.nsent, 4);
	if (out.nsent == 4)
	{
		/* line 0: outlet 0 whole, sentence A with its labels */
		CHECK_EQ_INT(out.sent[1] - out.sent[0], 2 + 1 + 8);
		check_token(&out, 0, "روزنامه", 'B', "ORG");
		check_token(&out, 1, "کیهان", 'I', "ORG");
		check_token(&out, 2, ":", 'O', NULL);
		check_token(&out, 3, "مریم", 'B', "PER");
		check_token(&out, 4, "احمدی", 'I', "PER");
		check_token(&out, 7, "دانشگاه", 'B', "ORG");
		/* line 1: outlet 7 % 3 = 1, sentence D, its unknown label kept unknown */
		check_token(&out, out.sent[1], "همشهری", 'B', "ORG");
		check_token(&out, out.sent[1] + 1, ":", 'O', NULL);
		check_token(&out, out.sent[1] + 3, "دیروز", PERSNER_CORPUS_UNKNOWN, NULL);
		check_token(&out, out.sent[1] + 5, "شیراز", 'B', "LOC");
		/* line 2: outlet 14 % 3 = 2, its two words */
		check_token(&out, out.sent[2], "خبرگزاری", 'B', "ORG");
		check_token(&out, out.sent[2] + 1, "مهر", 'I', "ORG");
		check_token(&out, out.sent[2] + 2, ":", 'O', NULL);
		/* line 3 (odd): outlet 0 without «روزنامه» */
		CHECK_EQ_INT(out.sent[4] - out.sent[3], 1 + 1 + 8);
		check_token(&out, out.sent[3], "کیهان", 'B', "ORG");
		check_token(&out, out.sent[3] + 2, "باران", 'O', NULL);
	}
	persner_corpus_free(&out);
	persner_free(text);
	persner_corpus_free(&c);
}

TEST(the_same_lines_every_call)
{
	PersnerCorpus c;
	char	   *a = NULL,
			   *b = NULL;
	size_t		la = 0,
				lb = 0;

	CHECK_EQ_INT(persner_corpus_parse(CORPUS, strlen(CORPUS), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 9, &a, &la), PERSNER_OK);
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 9, &b, &lb), PERSNER_OK);
	CHECK(a != NULL && b != NULL && la == lb && la > 0 && memcmp(a, b, la) == 0);
	persner_free(a);
	persner_free(b);
	persner_corpus_free(&c);
}

TEST(nothing_to_write_is_empty_text)
{
	static const char short_only[] = "سلام|O\nدنیا|O\n.|O\n\n";
	PersnerCorpus c,
				s;
	char	   *text = NULL;
	size_t		len = 1;

	CHECK_EQ_INT(persner_corpus_parse(CORPUS, strlen(CORPUS), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_corpus_parse(short_only, strlen(short_only), &s), PERSNER_OK);
	/* no lines asked for, no outlets, no sentence that qualifies */
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 0, &text, &len), PERSNER_OK);
	CHECK(text != NULL && len == 0 && text[0] == '\0');
	persner_free(text);
	CHECK_EQ_INT(persner_press_lines(&c, "\n \r\n", 4, 5, &text, &len), PERSNER_OK);
	CHECK(text != NULL && len == 0);
	persner_free(text);
	CHECK_EQ_INT(persner_press_lines(&s, OUTLETS, strlen(OUTLETS), 5, &text, &len), PERSNER_OK);
	CHECK(text != NULL && len == 0);
	persner_free(text);
	/* bad arguments */
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), -1, &text, &len), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_press_lines(NULL, OUTLETS, strlen(OUTLETS), 1, &text, &len), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_press_lines(&c, NULL, 3, 1, &text, &len), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 1, NULL, &len), PERSNER_EINVAL);
	persner_corpus_free(&s);
	persner_corpus_free(&c);
}

TEST(every_allocation_failure_is_reported_and_leaks_nothing)
{
	PersnerCorpus c;
	int			failures = 0;

	CHECK_EQ_INT(persner_corpus_parse(CORPUS, strlen(CORPUS), &c), PERSNER_OK);
	for (long n = 0; n < 64; n++)
	{
		char	   *text = NULL;
		size_t		len = 0;
		PersnerStatus st;

		unit_live = 0;
		unit_fail_nth(n);
		st = persner_press_lines(&c, OUTLETS, strlen(OUTLETS), 4, &text, &len);
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		failures += st == PERSNER_ENOMEM;
		if (st == PERSNER_ENOMEM)
			CHECK(text == NULL);
		persner_free(text);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
		if (st == PERSNER_OK)
			break;
	}
	CHECK(failures > 0);
	persner_corpus_free(&c);
}

int
main(void)
{
	RUN(lines_are_an_outlet_a_colon_and_a_sentence);
	RUN(the_same_lines_every_call);
	RUN(nothing_to_write_is_empty_text);
	RUN(every_allocation_failure_is_reported_and_leaks_nothing);
	UNIT_DONE();
}
