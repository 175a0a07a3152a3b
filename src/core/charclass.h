/*
 * charclass.h - the character classes of normalized text (charclass.c)
 *
 * One ICU general-category switch for the normalizer (the class of each
 * character it writes, for the ZWNJ rule) and the tokenizer (where tokens
 * begin and end), so the two cannot disagree on what a letter is.
 */
#ifndef PERSNER_CHARCLASS_H
#define PERSNER_CHARCLASS_H

#include <stdint.h>

#define PERSNER_CC_OTHER	0		/* punctuation, symbols, anything else */
#define PERSNER_CC_WORD		1		/* letters and combining marks */
#define PERSNER_CC_DIGIT	2		/* decimal digits of any script */
#define PERSNER_CC_SPACE	3		/* separators and control characters */

/*
 * persner_char_class - the class of cp by its ICU general category.
 * Format characters (Cf, ZWNJ among them) are PERSNER_CC_OTHER here: the
 * normalizer drops or rules on them before, and the tokenizer decides on
 * its own what they separate.
 */
int			persner_char_class(uint32_t cp);

#endif							/* PERSNER_CHARCLASS_H */
