/*
 * press.h - synthetic press-review lines for training (press.c)
 *
 * A press review opens each line with an outlet and a colon («کیهان : ...»).
 * PEYMA train hardly holds that form: at a sentence's start, one word
 * before a colon is an organization 4 times and a person 26 times
 * (interviews, «NAME : ...»), so a model trained on it reads a review's
 * outlets as persons or as nothing (PEYMA dev holds one such review, 41
 * organizations at line heads; experiments.md, twelfth session).
 *
 * persner_press_lines writes n synthetic lines of that form: an outlet of
 * a list (lists/press.txt), labelled ORG, a colon, and one of the corpus's
 * own sentences with its labels.  Every other line drops a leading
 * «روزنامه» («newspaper»), as reviews write it.  The sentences are the
 * corpus's of PERSNER_PRESS_MIN_TOKENS to PERSNER_PRESS_MAX_TOKENS tokens
 * holding no colon, taken evenly through it; the outlets go round the list
 * PERSNER_PRESS_OUTLET_STEP at a time.  Deterministic: the same corpus,
 * list and n give the same lines.
 */
#ifndef PERSNER_PRESS_H
#define PERSNER_PRESS_H

#include "corpus.h"

#define PERSNER_PRESS_MIN_TOKENS	6
#define PERSNER_PRESS_MAX_TOKENS	25
#define PERSNER_PRESS_OUTLET_STEP	7	/* prime to a list's length unless a multiple of 7 */

/*
 * persner_press_lines - n press-review lines from corpus c and a list
 *
 * outlets[0..len) holds one outlet a line, its words separated by spaces
 * or tabs (blank lines skipped, CRLF read as LF).  Writes the lines in
 * PEYMA's format ("token|B-ORG", a blank line after each sentence) to a
 * persner_alloc'd *text (NUL-terminated; *text_len without the NUL), for
 * persner_corpus_parse.  No outlets or no sentence of the right length
 * give no lines (*text is then "").  Returns PERSNER_OK, PERSNER_ENOMEM or
 * PERSNER_EINVAL (n < 0, a NULL argument).
 */
PersnerStatus persner_press_lines(const PersnerCorpus *c, const char *outlets, size_t len, int n,
								  char **text, size_t *text_len);

#endif							/* PERSNER_PRESS_H */
