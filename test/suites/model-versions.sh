#!/usr/bin/env bash
# test/suites/model-versions.sh - the README's "Model versions" recipes, run as written
#
# A model directory of its own (persner.model_dir, set per connection by the
# superuser through PGOPTIONS) holds peyma.model, a copy of the shipped
# model; a second, different model is trained here from a tiny corpus of our
# own sentences (bin/persner train).  Then:
#   1. persner_model_version(name) is persner_models().checksum and changes
#      when the file is replaced;
#   2. re-tag in place: a table with a generated entity[] column, a GIN index
#      and a tagged_by column; the model file is replaced; the stale rows are
#      found by version and re-tagged by UPDATE; stored = fresh tagging, and
#      the index agrees with a sequential scan; an expression index is stale
#      until REINDEX;
#   3. side by side: the new model under a new name, a second generated
#      column and index, then the old column dropped and the new one renamed.
# Runs in run-tests.sh's environment (PGHOST, PGPORT, PGUSER = a superuser).
# Ends with "N passed, N failed".

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PERSNER=$REPO/bin/persner
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
chmod 755 "$WORK"			# the server (another user when root runs this) reads the models

# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"
# is NAME GOT WANT
is()
{
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; echo "#   got:  '$2'"; echo "#   want: '$3'"; fi
}

DB=persner_model_versions
export PGOPTIONS="-c persner.model_dir=$WORK/models"
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1" 2>&1; }
run() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "$1" >/dev/null 2>"$WORK/psql.err" || { cat "$WORK/psql.err"; return 1; }; }
# install_model SRC NAME - as a new file (write elsewhere, rename): backends never see a half-written model
install_model()
{
	cp "$1" "$WORK/models/.$2.tmp" && chmod 644 "$WORK/models/.$2.tmp" &&
		mv -f "$WORK/models/.$2.tmp" "$WORK/models/$2.model"
}

# --- a second model, different from peyma: trained on a tiny corpus of our own
sentence() { printf '%s\n' "$@"; printf '\n'; }
{
	for i in 1 2 3; do
		sentence 'بانک|B_ORG' 'مرکزی|I_ORG' 'در|O' 'تهران|B_LOC' 'است|O' '.|O'
		sentence 'مریم|B_PER' 'احمدی|I_PER' 'به|O' 'تبریز|B_LOC' 'رفت|O' '.|O'
		sentence 'وزارت|B_ORG' 'نیرو|I_ORG' 'جلسه|O' 'گذاشت|O' '.|O'
	done
} >"$WORK/train.txt"
sentence 'رضا|B_PER' 'کریمی|I_PER' 'به|O' 'تهران|B_LOC' 'رفت|O' '.|O' >"$WORK/dev.txt"
mkdir -p "$WORK/models" "$WORK/empty"
if ! "$PERSNER" train --corpus-dir "$WORK/empty" --gazetteer-dir "$WORK/empty" --list-dir "$WORK/empty" \
		--train "$WORK/train.txt" --dev "$WORK/dev.txt" --iters 30 --threads 1 \
		--out "$WORK/tiny.model" >"$WORK/train.log" 2>&1; then
	cat "$WORK/train.log"
	not_ok "bin/persner train makes the second model"
	summary
	exit 1
fi
install_model "$REPO/model/peyma.model" peyma

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8'" || exit 1
run "CREATE EXTENSION persner"

# --- 1. the version a user sees ---------------------------------------------------
v1=$(q "SELECT persner_model_version('peyma')")
is "persner_model_version is persner_models().checksum" \
	"$(q "SELECT checksum FROM persner_models() WHERE name = 'peyma'")" "$v1"
is "persner_model_version() follows persner.model" \
	"$(psql -X -At -d "$DB" -c "SET persner.model = 'peyma'" -c "SELECT persner_model_version()" 2>&1 | tail -1)" "$v1"

# --- 2. re-tag in place (README recipe) -------------------------------------------
run "CREATE TABLE articles (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED,
	tagged_by text NOT NULL DEFAULT persner_model_version('peyma'));
CREATE INDEX articles_entities ON articles USING gin (entities);
INSERT INTO articles (id, body)
SELECT g, CASE g % 3
	WHEN 0 THEN 'رئیس کل بانک مرکزی روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.'
	WHEN 1 THEN 'مریم احمدی دیروز به تبریز رفت و با وزارت نیرو جلسه گذاشت.'
	ELSE 'سازمان ملل متحد در نیویورک نشست گذاشت.' END
FROM generate_series(1, 600) g;
ANALYZE articles;
-- an expression index over a table that is not re-tagged
CREATE TABLE notes AS SELECT id, body FROM articles;
CREATE INDEX notes_expr ON notes USING gin (persner_entities('peyma', body));
ANALYZE notes;"
is "rows remember the version that tagged them" \
	"$(q "SELECT count(*) FROM articles WHERE tagged_by = '$v1'")" 600

install_model "$WORK/tiny.model" peyma
v2=$(q "SELECT persner_model_version('peyma')")
if [ -n "$v2" ] && [ "$v2" != "$v1" ]; then ok "replacing the file changes the version"; else not_ok "replacing the file changes the version ($v1 -> $v2)"; fi
stale=$(q "SELECT count(*) FROM articles WHERE entities IS DISTINCT FROM persner_entities('peyma', body)")
if [ "${stale:-0}" -gt 0 ]; then ok "the new model tags differently ($stale stale rows)"; else not_ok "the new model tags differently (got '$stale')"; fi
is "the stale rows are found by version" \
	"$(q "SELECT count(*) FROM articles WHERE tagged_by <> persner_model_version('peyma')")" 600

# the recipe: re-tag what an older version tagged (batch it with a LIMIT on big tables)
run "UPDATE articles SET body = body, tagged_by = persner_model_version('peyma')
WHERE tagged_by <> persner_model_version('peyma')"
is "after the UPDATE every row holds the new model's entities" \
	"$(q "SELECT count(*) FROM articles WHERE entities IS DISTINCT FROM persner_entities('peyma', body)")" 0
is "after the UPDATE every row records the new version" \
	"$(q "SELECT count(DISTINCT tagged_by) || ' ' || min(tagged_by) FROM articles")" "1 $v2"
probe=$(q "SELECT e FROM articles, unnest(entities) e GROUP BY e ORDER BY count(*) DESC, e LIMIT 1")
idx=$(psql -X -At -d "$DB" -c "SET enable_seqscan = off" \
	-c "SELECT count(*) FROM articles WHERE entities @> ARRAY['$probe']" 2>&1 | tail -1)
seq=$(psql -X -At -d "$DB" -c "SET enable_bitmapscan = off" -c "SET enable_indexscan = off" \
	-c "SELECT count(*) FROM articles WHERE entities @> ARRAY['$probe']" 2>&1 | tail -1)
if [ "${idx:-x}" = "${seq:-y}" ] && [ "${idx:-0}" -gt 0 ]; then ok "the GIN index on the column agrees with a sequential scan ($probe: $idx)"; else not_ok "GIN index vs seq scan on the column ($probe: $idx vs $seq)"; fi

# an expression index keeps what the old model said until REINDEX (the
# UPDATE above wrote new index entries for the rows it touched; a table that
# is not re-tagged needs REINDEX).  The probe: an entity only the old model
# finds (the tiny model never saw a date; not a percentage, which the rules
# of patterns.c tag under every model with PCT).
exprq="SELECT count(*) FROM notes WHERE persner_entities('peyma', body) @> ARRAY['DAT:روز دوشنبه']"
before=$(psql -X -At -d "$DB" -c "SET enable_seqscan = off" -c "$exprq" 2>&1 | tail -1)
run "REINDEX INDEX notes_expr"
after=$(psql -X -At -d "$DB" -c "SET enable_seqscan = off" -c "$exprq" 2>&1 | tail -1)
seq=$(psql -X -At -d "$DB" -c "SET enable_bitmapscan = off" -c "SET enable_indexscan = off" -c "$exprq" 2>&1 | tail -1)
is "before REINDEX the expression index still answers as the old model did (why the README says REINDEX)" "$before" 200
is "after REINDEX the expression index agrees with a sequential scan" "$after/$seq" "0/0"

# --- 3. side by side, with a versioned model name (README recipe) -----------------
install_model "$REPO/model/peyma.model" peyma_v3
run "ALTER TABLE articles ADD COLUMN entities_v3 entity[]
	GENERATED ALWAYS AS (persner_entities('peyma_v3', body)) STORED"
run "CREATE INDEX CONCURRENTLY articles_entities_v3 ON articles USING gin (entities_v3)"
is "the new column holds the new model's entities" \
	"$(q "SELECT count(*) FROM articles WHERE entities_v3 IS DISTINCT FROM persner_entities('peyma_v3', body)")" 0
is "old and new columns answer side by side" \
	"$(q "SELECT (SELECT count(*) FROM articles WHERE entities_v3 @> ARRAY['ORG:بانک مرکزی']) > 0")" t
run "BEGIN;
ALTER TABLE articles DROP COLUMN entities;
ALTER TABLE articles RENAME COLUMN entities_v3 TO entities;
ALTER INDEX articles_entities_v3 RENAME TO articles_entities;
COMMIT"
is "after the switch the table's column names the model version it was tagged with" \
	"$(q "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'articles'::regclass AND a.attname = 'entities'")" \
	"persner_entities('peyma_v3'::text, body)"
is "and its index serves the query" \
	"$(psql -X -At -d "$DB" -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> ARRAY['ORG:بانک مرکزی']" 2>&1 | grep -c 'Bitmap Index Scan on articles_entities$')" 1

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
summary
