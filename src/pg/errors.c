/*
 * errors.c - core statuses and model-file failures -> ereport, in one place
 *
 * SQLSTATEs chosen:
 *
 *   model file missing             58P01 undefined_file
 *   model file unreadable          42501 insufficient_privilege (EACCES),
 *                                  else errcode_for_file_access()
 *   model path is a directory,     XX001 data_corrupted (what PostgreSQL
 *     empty, malformed, truncated,       reports for a bad page: the bytes
 *     checksum mismatch                  are not what they must be)
 *   model of another version       0A000 feature_not_supported
 *   bad model name                 22023 invalid_parameter_value
 *   out of memory in the core      53200 out_of_memory
 *   invalid UTF-8                  22021 character_not_in_repertoire
 *   a limit exceeded               54000 program_limit_exceeded
 *
 * A directory where a model should be is reported as data_corrupted too:
 * the name resolves to something that is not a model file.
 */
#include "persner_pg.h"

#include <errno.h>

#include "mb/pg_wchar.h"

/* longest model name quoted whole in a message; longer ones are cut */
#define SHOWN_NAME_MAX	64

/*
 * persner_shown_name - a name as messages quote it: a document passed
 * where a model name belongs must not fill the screen
 */
const char *
persner_shown_name(const char *name)
{
	int			len = strlen(name);
	int			cut;

	if (len <= SHOWN_NAME_MAX)
		return name;
	cut = pg_mbcliplen(name, len, SHOWN_NAME_MAX);
	return psprintf("%.*s...", cut, name);
}

/*
 * persner_report_model - report a failure to open a model file
 *
 * At elevel ERROR this does not return.  At WARNING (persner_models lists
 * a directory and keeps going) it reports and returns.
 */
void
persner_report_model(int elevel, PersnerStatus st, int saved_errno,
					 const char *name, const char *path, const char *detail)
{
	const char *hint_dir = "Model files are <name>.model in persner.model_dir; persner_models() lists them.";

	if (st == PERSNER_EIO)
	{
		errno = saved_errno;
		if (saved_errno == ENOENT || saved_errno == ENOTDIR)
			ereport(elevel,
					(errcode(ERRCODE_UNDEFINED_FILE),
					 errmsg("persner model \"%s\" does not exist", persner_shown_name(name)),
					 errdetail("File \"%s\" was not found.", path),
					 errhint("%s", hint_dir)));
		else
			ereport(elevel,
					(errcode_for_file_access(),
					 errmsg("could not open persner model \"%s\" at \"%s\": %m",
							persner_shown_name(name), path),
					 errhint("Check the permissions of the file and of persner.model_dir.")));
		return;
	}

	switch (st)
	{
		case PERSNER_EVERSION:	/* a model of another format version */
		case PERSNER_EFORMAT:	/* not a model, or a damaged one */
		case PERSNER_ECHECKSUM:
			ereport(elevel,
					(errcode(st == PERSNER_EVERSION ? ERRCODE_FEATURE_NOT_SUPPORTED : ERRCODE_DATA_CORRUPTED),
					 errmsg("could not open persner model \"%s\" at \"%s\": %s",
							persner_shown_name(name), path, persner_strerror(st)),
					 detail ? errdetail("%s", detail) : 0,
					 st == PERSNER_EVERSION ?
					 errhint("Retrain the model with \"persner train\" or install the matching persner version.") :
					 errhint("Replace it with a model file built by \"persner train\" (\"make install\" installs model/*.model).")));
			break;
		case PERSNER_ENOMEM:
			ereport(elevel,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while opening persner model \"%s\"", persner_shown_name(name)),
					 errdetail("File \"%s\".", path)));
			break;
		default:
			ereport(elevel,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not open persner model \"%s\" at \"%s\": %s",
							persner_shown_name(name), path, persner_strerror(st)),
					 detail ? errdetail("%s", detail) : 0));
			break;
	}
}

/*
 * persner_report - ereport(ERROR) for a core status met while tagging or
 * normalizing; 'what' names the operation ("tag", "normalize" ...).
 */
void
persner_report(PersnerStatus st, const char *what)
{
	switch (st)
	{
		case PERSNER_ENOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail("persner could not allocate memory to %s.", what)));
			break;
		case PERSNER_EUTF8:
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("persner could not %s: invalid UTF-8", what),
					 errhint("persner works only in UTF8 databases.")));
			break;
		case PERSNER_ELIMIT:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("persner could not %s: input exceeds a limit", what)));
			break;
		case PERSNER_EFORMAT:
		case PERSNER_ECHECKSUM:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("persner could not %s: %s", what, persner_strerror(st))));
			break;
		default:
			elog(ERROR, "persner could not %s: %s (status %d)",
				 what, persner_strerror(st), (int) st);
	}
	pg_unreachable();
}

/* persner_report_name - a model name refused by persner_name_problem */
void
persner_report_name(const char *name, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid persner model name \"%s\"", persner_shown_name(name)),
			 errdetail("%s", problem),
			 errhint("A model name is a file name without \".model\" in persner.model_dir, as listed by persner_models().")));
	pg_unreachable();
}
