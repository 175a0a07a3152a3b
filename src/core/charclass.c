/*
 * charclass.c - the character classes of normalized text, from ICU
 */
#include "charclass.h"

#include <unicode/uchar.h>

int
persner_char_class(uint32_t cp)
{
	switch (u_charType((UChar32) cp))
	{
		case U_UPPERCASE_LETTER:
		case U_LOWERCASE_LETTER:
		case U_TITLECASE_LETTER:
		case U_MODIFIER_LETTER:
		case U_OTHER_LETTER:
		case U_NON_SPACING_MARK:
		case U_ENCLOSING_MARK:
		case U_COMBINING_SPACING_MARK:
			return PERSNER_CC_WORD;
		case U_DECIMAL_DIGIT_NUMBER:
			return PERSNER_CC_DIGIT;
		case U_SPACE_SEPARATOR:
		case U_LINE_SEPARATOR:
		case U_PARAGRAPH_SEPARATOR:
		case U_CONTROL_CHAR:
			return PERSNER_CC_SPACE;
		default:
			return PERSNER_CC_OTHER;
	}
}
