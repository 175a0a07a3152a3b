#!/usr/bin/env bash
# test/pg-env.sh - throwaway PostgreSQL 15 clusters with persner installed in a private tree
#
# Nothing outside a temporary directory is touched, as root or as an ordinary
# user.  The technique is PostgreSQL's own "make check" temp install:
#
#   1. make install DESTDIR=<tree>: persner's control file, SQL scripts,
#      persner.so and model/*.model land in <tree>/usr/...; so do the
#      tests' built models (make install-test-models: build/dict/tehran.model)
#   2. the tree is completed into a relocatable PostgreSQL installation: the
#      server's executables are copied (real files: postgres resolves symlinks
#      to its own executable) into <tree>/usr/lib/postgresql/15/bin, every
#      other entry of the system lib and share dirs is symlinked in (merging
#      into directories the tree already has, such as extension/).
#   3. PostgreSQL finds its share and lib dirs relative to its executable, so
#      a server started from <tree>/.../bin sees persner (and, through the
#      symlinks, pgTAP, postgres_fdw, ...) without a system-wide install.
#
# initdb refuses to run as root: as root the server runs as an unprivileged
# user (PGENV_RUNAS, default "postgres", created if missing), and every
# directory it needs lives in the temporary directory, which it can read.
#
# Each cluster listens on a free port on 127.0.0.1 and on a socket in its own
# directory; the superuser is "postgres", authentication is trust.
#
# As a library (bash):
#
#   source test/pg-env.sh
#   pgenv_install                 # build + install persner into the tree
#   pgenv_start main              # initdb + start; exports PGHOST PGPORT ...
#   pgenv_start shard1 noexport   # more clusters on other ports
#   pgenv_port shard1; pgenv_host shard1; pgenv_env shard1
#   pgenv_psql shard1 -c 'select 1'
#   pgenv_stop shard1             # pgenv_stop_all runs from the EXIT trap
#
# A script run from test/run-tests.sh inherits PGENV_BASE and PGENV_TREE: it
# reuses the installed tree, and its pgenv_stop_all stops only its clusters.
#
# As a command (state kept in build/pg-env.base until "stop"):
#
#   eval "$(bash test/pg-env.sh start)"      # prints the exports of "main"
#   bash test/pg-env.sh start coord shard1 shard2
#   bash test/pg-env.sh env shard1
#   bash test/pg-env.sh status
#   bash test/pg-env.sh stop                 # stops all and removes the dir
#
# Settings (environment): PG_CONFIG (pg_config), PGENV_RUNAS (root only),
# PGENV_KEEP=1 (keep the temporary directory), PGENV_QUIET=1.

PGENV_REPO=${PGENV_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PGENV_SUPERUSER=postgres

pgenv_log()
{
	[ "${PGENV_QUIET:-0}" = 1 ] || echo "pg-env: $*" >&2
}

pgenv_die()
{
	echo "pg-env: error: $*" >&2
	return 1
}

# pgenv_init - find PostgreSQL, make the temporary directory and choose the run user
pgenv_init()
{
	[ -n "${PGENV_INITED:-}" ] && return 0
	local pgc=${PG_CONFIG:-pg_config}

	command -v "$pgc" >/dev/null 2>&1 ||
		{ pgenv_die "pg_config not found (bash test/deps.sh installs postgresql-server-dev-15)"; return 1; }
	PGENV_SYS_BINDIR=$("$pgc" --bindir)
	PGENV_SYS_PKGLIBDIR=$("$pgc" --pkglibdir)
	PGENV_SYS_SHAREDIR=$("$pgc" --sharedir)
	[ -x "$PGENV_SYS_BINDIR/postgres" ] ||
		{ pgenv_die "no server at $PGENV_SYS_BINDIR/postgres (install postgresql-15)"; return 1; }

	if [ -z "${PGENV_BASE:-}" ]; then
		PGENV_BASE=$(mktemp -d "${TMPDIR:-/tmp}/persner-pgenv.XXXXXX") || return 1
		chmod 755 "$PGENV_BASE"
		PGENV_OWN_BASE=1
	else
		PGENV_OWN_BASE=${PGENV_OWN_BASE:-0}
	fi
	export PGENV_BASE
	PGENV_TREE=${PGENV_TREE:-$PGENV_BASE/install}
	export PGENV_TREE
	PGENV_BINDIR=$PGENV_TREE$PGENV_SYS_BINDIR

	# Socket paths are limited to 107 bytes: keep the base short.
	[ ${#PGENV_BASE} -le 60 ] ||
		{ pgenv_die "temporary directory path too long for sockets: $PGENV_BASE (set TMPDIR=/tmp)"; return 1; }

	if [ "$(id -u)" -eq 0 ]; then
		PGENV_RUNAS=${PGENV_RUNAS:-postgres}
		if ! id -u "$PGENV_RUNAS" >/dev/null 2>&1; then
			pgenv_log "creating system user $PGENV_RUNAS to run the server"
			useradd --system --no-create-home --home-dir /nonexistent \
				--shell /usr/sbin/nologin "$PGENV_RUNAS" || return 1
		fi
	else
		PGENV_RUNAS=
	fi
	PGENV_STARTED=()
	PGENV_INITED=1
}

# pgenv_as CMD... - run a server-side command as the run user
pgenv_as()
{
	if [ -n "$PGENV_RUNAS" ]; then
		runuser -u "$PGENV_RUNAS" -- "$@"
	else
		"$@"
	fi
}

# pgenv_merge SRC DST - symlink every entry of SRC missing from DST, recursing
# into directories present in both
pgenv_merge()
{
	local src=$1 dst=$2 e name
	mkdir -p "$dst"
	for e in "$src"/* "$src"/.[!.]*; do
		[ -e "$e" ] || [ -L "$e" ] || continue
		name=${e##*/}
		if [ -d "$dst/$name" ] && [ ! -L "$dst/$name" ] && [ -d "$e" ]; then
			pgenv_merge "$e" "$dst/$name"
		elif [ ! -e "$dst/$name" ] && [ ! -L "$dst/$name" ]; then
			ln -s "$e" "$dst/$name"
		fi
	done
}

# pgenv_install - make install into a fresh tree and complete it; idempotent per run
pgenv_install()
{
	pgenv_init || return 1
	if [ -f "$PGENV_TREE/.complete" ]; then
		return 0
	fi
	local log=$PGENV_BASE/install.log
	rm -rf "$PGENV_TREE"
	mkdir -p "$PGENV_TREE"
	pgenv_log "installing persner into $PGENV_TREE"
	if ! ${MAKE:-make} -C "$PGENV_REPO" --no-print-directory install \
			DESTDIR="$PGENV_TREE" >"$log" 2>&1; then
		cat "$log" >&2
		pgenv_die "make install DESTDIR=$PGENV_TREE failed"
		return 1
	fi

	# the tests' models that are built, not committed (a dictionary model
	# over peyma), beside the real ones
	if ! ${MAKE:-make} -C "$PGENV_REPO" --no-print-directory install-test-models \
			DESTDIR="$PGENV_TREE" >>"$log" 2>&1; then
		cat "$log" >&2
		pgenv_die "make install-test-models DESTDIR=$PGENV_TREE failed"
		return 1
	fi

	# the server's executables: real copies, keeping the ones the install made
	local f
	mkdir -p "$PGENV_BINDIR"
	# (not pg_config: a relocated copy would report the tree's directories,
	# and builds must keep seeing the system's)
	for f in "$PGENV_SYS_BINDIR"/*; do
		[ "${f##*/}" != pg_config ] || continue
		[ -e "$PGENV_BINDIR/${f##*/}" ] || cp -L "$f" "$PGENV_BINDIR/"
	done
	pgenv_merge "$PGENV_SYS_PKGLIBDIR" "$PGENV_TREE$PGENV_SYS_PKGLIBDIR"
	pgenv_merge "$PGENV_SYS_SHAREDIR" "$PGENV_TREE$PGENV_SYS_SHAREDIR"
	chmod -R a+rX "$PGENV_TREE"

	[ -f "$PGENV_TREE$PGENV_SYS_SHAREDIR/extension/persner.control" ] ||
		{ pgenv_die "persner.control missing from $PGENV_TREE$PGENV_SYS_SHAREDIR/extension"; return 1; }
	touch "$PGENV_TREE/.complete"
}

# pgenv_pick_port - a port nothing listens on (127.0.0.1), not used by our clusters
pgenv_pick_port()
{
	local p tries=0
	while [ $tries -lt 200 ]; do
		p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
		tries=$((tries + 1))
		if grep -qsx "$p" "$PGENV_BASE"/*/port; then
			continue
		fi
		if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			continue
		fi
		echo "$p"
		return 0
	done
	pgenv_die "no free port found"
}

# pgenv_locale - C.UTF-8 when the system has it (Debian always does), else C
pgenv_locale()
{
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		echo C.UTF-8
	else
		echo C
	fi
}

# pgenv_start NAME [noexport] - initdb and start cluster NAME; exports PG* unless noexport
pgenv_start()
{
	local name=${1:-main} export_env=${2:-export}
	pgenv_init || return 1
	pgenv_install || return 1
	local dir=$PGENV_BASE/$name
	[ ! -e "$dir/data/postmaster.pid" ] || { pgenv_die "cluster $name is already running"; return 1; }
	rm -rf "$dir"
	mkdir -p "$dir/sock"
	[ -z "$PGENV_RUNAS" ] || chown -R "$PGENV_RUNAS" "$dir"

	if ! pgenv_as "$PGENV_BINDIR/initdb" -D "$dir/data" --username="$PGENV_SUPERUSER" \
			--auth=trust --encoding=UTF8 --locale="$(pgenv_locale)" --no-sync \
			>"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		pgenv_die "initdb failed for cluster $name"
		return 1
	fi

	echo "include 'persner-test.conf'" >>"$dir/data/postgresql.conf"
	local attempt port
	for attempt in 1 2 3 4 5; do
		port=$(pgenv_pick_port) || return 1
		echo "$port" >"$dir/port"
		cat >"$dir/data/persner-test.conf" <<-EOF
			# written by test/pg-env.sh for cluster $name
			listen_addresses = '127.0.0.1'
			port = $port
			unix_socket_directories = '$dir/sock'
			max_connections = 100
			shared_buffers = 128MB
			fsync = off
			synchronous_commit = off
			full_page_writes = off
			max_worker_processes = 16
			max_parallel_workers = 8
			max_parallel_workers_per_gather = 2
			max_prepared_transactions = 10
			lc_messages = 'C'
			log_line_prefix = '%m [%p] %q%u@%d '
			log_min_messages = warning
			log_min_error_statement = error
			log_checkpoints = off
			log_connections = off
			timezone = 'UTC'
		EOF
		[ -z "$PGENV_RUNAS" ] || chown "$PGENV_RUNAS" "$dir/data/persner-test.conf"
		if pgenv_as "$PGENV_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" \
				-w -t 60 -s start >"$dir/pg_ctl.log" 2>&1; then
			break
		fi
		if grep -qs "could not bind\|Address already in use\|could not create any TCP/IP sockets" \
				"$dir/postgresql.log"; then
			pgenv_log "port $port taken, trying another"
			port=
			continue
		fi
		cat "$dir/pg_ctl.log" "$dir/postgresql.log" >&2 2>/dev/null
		pgenv_die "could not start cluster $name"
		return 1
	done
	[ -n "$port" ] || { pgenv_die "could not find a port for cluster $name"; return 1; }

	PGENV_STARTED+=("$name")
	cat >"$dir/env" <<-EOF
		export PGHOST='$dir/sock'
		export PGPORT=$port
		export PGUSER=$PGENV_SUPERUSER
		export PGDATABASE=postgres
		export PGENV_BASE='$PGENV_BASE'
		export PGENV_TREE='$PGENV_TREE'
		export PGENV_BINDIR='$PGENV_BINDIR'
	EOF
	pgenv_log "cluster $name up: port $port, socket dir $dir/sock, log $dir/postgresql.log"
	if [ "$export_env" = export ]; then
		# shellcheck disable=SC1091
		. "$dir/env"
		# the client tools of the tree first
		case ":$PATH:" in *":$PGENV_BINDIR:"*) ;; *) export PATH="$PGENV_BINDIR:$PATH" ;; esac
	fi
	pgenv_check "$name"
}

# pgenv_check NAME - the server sees persner (and pgtap when installed) from the tree
pgenv_check()
{
	local name=$1 got
	got=$(pgenv_psql "$name" -XAtq -c \
		"SELECT count(*) FROM pg_available_extensions WHERE name = 'persner'") || return 1
	[ "$got" = 1 ] || { pgenv_die "cluster $1 does not see the persner extension"; return 1; }
}

pgenv_port() { cat "$PGENV_BASE/$1/port"; }
pgenv_host() { echo "$PGENV_BASE/$1/sock"; }
pgenv_env() { cat "$PGENV_BASE/$1/env"; }
pgenv_log_file() { echo "$PGENV_BASE/$1/postgresql.log"; }

# pgenv_psql NAME ARGS... - psql to cluster NAME as the superuser
pgenv_psql()
{
	local name=$1
	shift
	PGHOST=$(pgenv_host "$name") PGPORT=$(pgenv_port "$name") PGUSER=$PGENV_SUPERUSER \
		PGDATABASE=${PGDATABASE:-postgres} "$PGENV_BINDIR/psql" "$@"
}

# pgenv_stop NAME - stop cluster NAME (fast) and remove its directory unless PGENV_KEEP=1
pgenv_stop()
{
	local name=$1 dir=$PGENV_BASE/$1
	[ -d "$dir" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		local pid
		pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
		pgenv_as "$PGENV_BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 60 -s stop >/dev/null 2>&1 ||
			pgenv_as "$PGENV_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 -s stop >/dev/null 2>&1 ||
			{ [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null && sleep 2; }
		local i=0
		while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.2
			i=$((i + 1))
		done
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			pgenv_log "cluster $name (pid $pid) would not stop; keeping $dir"
			return 1
		fi
	fi
	local n=()
	local s
	for s in "${PGENV_STARTED[@]}"; do
		[ "$s" = "$name" ] || n+=("$s")
	done
	PGENV_STARTED=("${n[@]}")
	[ "${PGENV_KEEP:-0}" = 1 ] || rm -rf "$dir"
}

# pgenv_stop_all - stop the clusters this shell started; remove the directory it made
pgenv_stop_all()
{
	[ -n "${PGENV_INITED:-}" ] || return 0
	local s failed=0
	for s in "${PGENV_STARTED[@]}"; do
		pgenv_stop "$s" || failed=1
	done
	if [ "${PGENV_OWN_BASE:-0}" = 1 ] && [ "${PGENV_KEEP:-0}" != 1 ]; then
		# clusters started by a command-line "start" in another process
		local d
		for d in "$PGENV_BASE"/*/data; do
			[ -f "$d/postmaster.pid" ] || continue
			d=${d%/data}
			pgenv_stop "${d##*/}" || failed=1
		done
		[ $failed = 1 ] || rm -rf "$PGENV_BASE"
	elif [ "${PGENV_KEEP:-0}" = 1 ]; then
		pgenv_log "kept $PGENV_BASE"
	fi
}

# --- command-line use ---------------------------------------------------------

pgenv_main()
{
	local state=$PGENV_REPO/build/pg-env.base cmd=${1:-help}
	shift || true
	case "$cmd" in
		start)
			if [ -f "$state" ] && [ -d "$(cat "$state")" ]; then
				PGENV_BASE=$(cat "$state")
			fi
			pgenv_init || exit 1
			mkdir -p "$(dirname "$state")"
			echo "$PGENV_BASE" >"$state"
			[ $# -gt 0 ] || set -- main
			local n first=1
			for n in "$@"; do
				if [ $first = 1 ]; then
					pgenv_start "$n" export || exit 1
					first=0
				else
					pgenv_start "$n" noexport || exit 1
				fi
			done
			pgenv_env "$1"
			echo "export PATH='$PGENV_BINDIR':\"\$PATH\""
			;;
		env)
			[ -f "$state" ] || { echo "pg-env: nothing started" >&2; exit 1; }
			PGENV_BASE=$(cat "$state") pgenv_env "${1:-main}"
			;;
		status)
			[ -f "$state" ] || { echo "pg-env: nothing started"; exit 0; }
			local b d
			b=$(cat "$state")
			for d in "$b"/*/; do
				[ -f "$d/port" ] || continue
				if [ -f "$d/data/postmaster.pid" ]; then
					echo "$(basename "$d"): running on port $(cat "$d/port"), socket dir ${d}sock"
				else
					echo "$(basename "$d"): stopped"
				fi
			done
			;;
		stop)
			[ -f "$state" ] || { echo "pg-env: nothing started" >&2; exit 0; }
			PGENV_BASE=$(cat "$state")
			PGENV_OWN_BASE=1
			pgenv_init || exit 1
			local d
			if [ $# -gt 0 ]; then
				for d in "$@"; do pgenv_stop "$d"; done
			else
				pgenv_stop_all
				rm -f "$state"
			fi
			;;
		install)
			pgenv_init || exit 1
			PGENV_KEEP=1
			pgenv_install && echo "$PGENV_TREE"
			;;
		*)
			sed -n '2,55p' "${BASH_SOURCE[0]}"
			[ "$cmd" = help ] || exit 2
			;;
	esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -uo pipefail
	pgenv_main "$@"
fi
