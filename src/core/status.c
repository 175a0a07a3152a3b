/*
 * status.c - what each PersnerStatus means, in words
 */
#include "persner.h"

const char *
persner_strerror(PersnerStatus st)
{
	switch (st)
	{
		case PERSNER_OK:
			return "success";
		case PERSNER_DONE:
			return "done";
		case PERSNER_ENOMEM:
			return "out of memory";
		case PERSNER_EFORMAT:
			return "malformed model file";
		case PERSNER_EVERSION:
			return "unsupported model format version";
		case PERSNER_ECHECKSUM:
			return "model checksum mismatch";
		case PERSNER_EUTF8:
			return "invalid UTF-8";
		case PERSNER_EINVAL:
			return "invalid argument";
		case PERSNER_EIO:
			return "input/output error";
		case PERSNER_ELIMIT:
			return "input exceeds a limit";
	}
	return "unknown error";
}
