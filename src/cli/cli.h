/*
 * cli.h - shared pieces of bin/persner: corpus reading, evaluation, files
 */
#ifndef PERSNER_CLI_H
#define PERSNER_CLI_H

#include <stdio.h>

#include "persner.h"

/*
 * A labelled corpus: tokens with BIO tags, sentence by sentence.  Two
 * formats, detected per line: PEYMA "token|B_ORG" (split at the last '|')
 * and CoNLL "token LABEL" (split at the last space or tab).  Tags are kept
 * as a type name ("ORG") and a BIO letter; ARMAN's "pers" is read as PER.
 */
typedef struct Corpus
{
	char	   *buf;			/* the file, NUL-terminated pieces point into it */
	size_t		ntok;
	size_t		nsent;
	char	  **tok;			/* [ntok] token text */
	size_t	   *toklen;			/* [ntok] */
	char	  **type;			/* [ntok] entity type, NULL for O */
	char	   *bio;			/* [ntok] 'O', 'B' or 'I' */
	size_t	   *sent;			/* [nsent + 1] first token of each sentence */
} Corpus;

int			corpus_read(const char *path, Corpus *c);	/* 0 ok, -1 error (errno) */
void		corpus_free(Corpus *c);

/* read_file - whole file into a malloc'd, NUL-terminated buffer; NULL on error */
char	   *read_file(const char *path, size_t *len);

/* map_model - read a model file into 8-byte aligned memory and open it */
PersnerModel *load_model(const char *path, void **mem);

/* Entity-level scores (CoNLL evaluation: exact span and type). */
#define EVAL_MAX_TYPES 64
typedef struct EvalCounts
{
	int			ntypes;
	char		names[EVAL_MAX_TYPES][16];
	long		tp[EVAL_MAX_TYPES];
	long		npred[EVAL_MAX_TYPES];
	long		ngold[EVAL_MAX_TYPES];
} EvalCounts;

/*
 * eval_sentence - add one sentence: gold types/bio and predicted tag indices
 * of model m.
 */
void		eval_sentence(EvalCounts *ec, const PersnerModel *m, char **gtype,
						  const char *gbio, const int *pred, size_t T);
void		eval_print(const EvalCounts *ec, FILE *out);
double		eval_f1(const EvalCounts *ec, int k, double *p, double *r);	/* k = -1: overall */

/* tag a whole corpus; fills ec */
int			eval_corpus(const PersnerModel *m, const Corpus *c, EvalCounts *ec);

/* subcommands */
int			cmd_train(int argc, char **argv);
int			cmd_value(int argc, char **argv, const char *model_path);	/* value.c */



/*
 * KeyMap - a growable u64 -> u32 open-addressing map in the model's table
 * layout (key 0 = empty), so it can be handed to the features as a
 * PersnerTable while training.
 */
typedef struct KeyMap
{
	uint64_t   *keys;
	uint32_t   *vals;
	uint32_t	mask;
	uint32_t	max_probe;
	uint32_t	n;
} KeyMap;

uint32_t   *keymap_slot(KeyMap *km, uint64_t key, int *created);	/* never NULL (exits on OOM) */
uint32_t	keymap_get(const KeyMap *km, uint64_t key);	/* UINT32_MAX if absent */
void		keymap_free(KeyMap *km);
#endif							/* PERSNER_CLI_H */
