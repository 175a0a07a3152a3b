/*
 * cli.h - shared pieces of bin/persner: files, models, the eval table
 *
 * The CLI parses options, reads and writes files, and prints; the work is
 * the core's (src/core, and src/core/train for building models).
 */
#ifndef PERSNER_CLI_H
#define PERSNER_CLI_H

#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "eval.h"
#include "labels.h"
#include "modelfile.h"
#include "persner.h"

/* read_file - whole file into a malloc'd, NUL-terminated buffer; NULL on error (errno) */
char	   *read_file(const char *path, size_t *len);

/* read_stdin - all of standard input into a malloc'd, NUL-terminated buffer; NULL on error */
char	   *read_stdin(size_t *len);

/*
 * write_file - write data to path through a temporary file and a rename,
 * so a backend that has the old model mapped never sees a half-written or
 * truncated file; 0, or -1 after saying why on stderr
 */
int			write_file(const char *path, const void *data, size_t len);

/* corpus_read - read and parse a labelled corpus; 0, or -1 after saying why */
int			corpus_read(const char *path, PersnerCorpus *c);

/*
 * load_model - open a model file (persner_model_map:
 * mapped, checked, validated); the model, or NULL after saying why.  Close
 * with persner_model_unmap(mf).
 */
PersnerModel *load_model(const char *path, PersnerModelFile *mf);

/* eval_print - the P/R/F1 table of ec */
void		eval_print(const PersnerEval *ec, FILE *out);

/* eval_print_bands - the predicted entities of each score band of ec (by_score) and how many are right */
void		eval_print_bands(const PersnerEval *ec, FILE *out);

/* eval_print_categories - the overall P/R/F1 of each of ec [n], a row each, named names [n] */
void		eval_print_categories(char *const *names, const PersnerEval *const *ec, int n, FILE *out);

/*
 * CLI_OPT - whether argv[a] is the option name and has a value after it;
 * the option loops of the subcommands index argv with a and count argc
 */
#define CLI_OPT(name)	(strcmp(argv[a], (name)) == 0 && a + 1 < argc)

/* now_seconds - a monotonic clock */
double		now_seconds(void);

/* subcommands */
int			cmd_train(int argc, char **argv);
int			cmd_value(int argc, char **argv, const char *model_path);	/* value.c */
int			cmd_dict(int argc, char **argv);	/* dict.c */
int			cmd_silver(int argc, char **argv, const char *model_path);	/* silver.c */

#endif							/* PERSNER_CLI_H */
