#!/usr/bin/env bash
# test/suites/restore-nonsuper.sh - pg_restore --no-owner by a database owner who is not a superuser
#
# The issue's symptom: a dump of a database using persner, restored by an
# ordinary role into its own database, failed at CREATE EXTENSION persner.
# With trusted = true it goes through: the extension, a table with a
# generated entity[] column and its GIN index, a persian full-text index,
# and the queries on them.  Runs in run-tests.sh's environment (PGHOST,
# PGPORT, PGUSER = a superuser; trust authentication, as test/pg-env.sh sets
# it up).  Ends with "N passed, N failed".

set -uo pipefail

WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# shellcheck source=test/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
is()
{
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; echo "#   got:  '$2'"; echo "#   want: '$3'"; fi
}

SRC=persner_dump_src
DST=persner_dump_dst
ROLE=regress_persner_restorer
su_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup()
{
	su_psql -d postgres -c "DROP DATABASE IF EXISTS $SRC WITH (FORCE)" \
		-c "DROP DATABASE IF EXISTS $DST WITH (FORCE)" -c "DROP ROLE IF EXISTS $ROLE" >/dev/null 2>&1
}
cleanup
su_psql -d postgres -c "CREATE DATABASE $SRC TEMPLATE template0 ENCODING 'UTF8'" \
	-c "CREATE ROLE $ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE DATABASE $DST OWNER $ROLE TEMPLATE template0 ENCODING 'UTF8'" || exit 1

su_psql -d "$SRC" <<'EOF' || exit 1
CREATE EXTENSION persner;
CREATE TABLE articles (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO articles (id, body) VALUES
	(1, 'رئیس کل بانک مرکزی روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.'),
	(2, 'سازمان ملل متحد در نیویورک نشست گذاشت.');
CREATE INDEX articles_entities ON articles USING gin (entities);
CREATE INDEX articles_fts ON articles USING gin (to_tsvector('persian', body));
EOF

pg_dump -Fc -d "$SRC" -f "$WORK/src.dump" 2>"$WORK/dump.err" || { cat "$WORK/dump.err"; }
[ -s "$WORK/src.dump" ] && ok "pg_dump of a database using persner" || not_ok "pg_dump of a database using persner"

if pg_restore --no-owner --exit-on-error -U "$ROLE" -d "$DST" "$WORK/src.dump" >"$WORK/restore.log" 2>&1; then
	ok "pg_restore --no-owner by the database owner (not a superuser) succeeds"
else
	not_ok "pg_restore --no-owner by the database owner (not a superuser) succeeds"
	cat "$WORK/restore.log"
fi
q() { psql -X -At -q -U "$ROLE" -d "$DST" -c "$1" 2>&1; }
is "the extension belongs to the restoring role" \
	"$(q "SELECT extowner::regrole FROM pg_extension WHERE extname = 'persner'")" "$ROLE"
is "the rows and their entities came back" \
	"$(q "SELECT count(*) FROM articles WHERE entities @> ARRAY['ORG:بانک مرکزی']")" 1
is "the restored generated column still tags new rows" \
	"$(q "INSERT INTO articles (id, body) VALUES (3, 'بانك مركزي ايران گزارش داد.') RETURNING entities")" \
	'{"ORG:بانک مرکزی ایران"}'
is "the restored GIN index serves the entity query" \
	"$(psql -X -At -U "$ROLE" -d "$DST" -c "SET enable_seqscan = off" \
		-c "EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> ARRAY['ORG:بانک مرکزی']" 2>&1 |
		grep -c 'Bitmap Index Scan on articles_entities')" 1
is "the restored persian full-text index answers" \
	"$(q "SELECT string_agg(id::text, ',' ORDER BY id) FROM articles WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', 'بانك مركزي')")" "1,3"

cleanup
summary
