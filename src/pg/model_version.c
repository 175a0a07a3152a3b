/*
 * model_version.c - persner_model_version([model]): which model version tags
 *
 * The tagging functions that take a model name are IMMUTABLE, so a
 * generated column or an expression index keeps what the model said when
 * the row was written.  A model's version is its file's 64-bit checksum,
 * the one persner_models() lists in its checksum column (same text: 16
 * lower-case hex digits).  A user stores it beside the entities, in a
 * column filled with persner_model_version('peyma'), and compares it with
 * the installed model's to find the rows a newer model has not tagged yet
 * (README, "Model versions").
 *
 * STABLE, not IMMUTABLE: replacing the file changes the answer, and the
 * model cache reopens a changed file at the next statement.  Opening goes
 * through the model cache, so the errors are the tagging functions' own
 * (unknown model, bad file, bad name).
 */
#include "persner_pg.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(persner_model_version);
Datum
persner_model_version(PG_FUNCTION_ARGS)
{
	const char *name = PG_NARGS() > 0 ? text_to_cstring(PG_GETARG_TEXT_PP(0))
		: persner_model_guc;
	const PersnerModel *model;
	char		version[PERSNER_VERSION_LEN + 1];

	(void) persner_get_tagger(name, &model);
	persner_model_version_text(model, version);
	PG_RETURN_TEXT_P(cstring_to_text(version));
}
