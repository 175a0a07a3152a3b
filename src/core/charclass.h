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

/*
 * persner_digit_value - 0..9 for a digit of the three scripts Persian text
 * is written with (ASCII, Persian U+06F0.., Arabic-Indic U+0660..), else -1:
 * the digits the value grammar reads and the word shape counts.  Narrower
 * than PERSNER_CC_DIGIT (any script's), on purpose: models are trained on
 * these three.
 */
static inline int
persner_digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int) (cp - '0');
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return (int) (cp - 0x06F0);
	if (cp >= 0x0660 && cp <= 0x0669)
		return (int) (cp - 0x0660);
	return -1;
}

#endif							/* PERSNER_CHARCLASS_H */
