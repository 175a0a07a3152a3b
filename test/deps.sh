#!/usr/bin/env bash
# test/deps.sh - the Debian 12 packages persner needs to build, test and demo
#
#   bash test/deps.sh            install what is missing (root), or print the
#                                exact "sudo apt-get install ..." line and exit 1
#   bash test/deps.sh --check    only report; exit 1 if anything is missing
#   bash test/deps.sh --list     print the package names, one a line
#   bash test/deps.sh GROUP...   only these groups (build, pg, test, tools);
#                                default: all of them
#
# Groups:
#   build  compiler, make, pkg-config, ICU, the PGXS headers and pg_config
#   pg     the server (with contrib: postgres_fdw, pgbench) and the client
#          (psql, pg_regress)
#   test   pgTAP and pg_prove, clang with libFuzzer and the sanitizer
#          runtimes, valgrind
#   tools  what the demo and the scripts use: tmux (to look at the demo),
#          fribidi (right-to-left display in terminals without BiDi),
#          procps, util-linux (runuser), perl
#
# Installing postgresql-15 as root on a fresh machine also creates the
# Debian "main" cluster on port 5432; persner's scripts never use it (they run
# throwaway clusters on free loopback ports, see test/pg-env.sh).

set -euo pipefail

declare -A GROUP=(
	[build]="build-essential make pkg-config libicu-dev postgresql-server-dev-15"
	[pg]="postgresql-15 postgresql-client-15 postgresql-contrib"
	[test]="postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl clang libclang-rt-14-dev valgrind"
	[tools]="tmux libfribidi-bin procps util-linux perl"
)
ORDER=(build pg test tools)

mode=install
groups=()
for arg in "$@"; do
	case "$arg" in
		--check) mode=check ;;
		--list) mode=list ;;
		-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
		build|pg|test|tools) groups+=("$arg") ;;
		*) echo "deps.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
	esac
done
[ ${#groups[@]} -gt 0 ] || groups=("${ORDER[@]}")

pkgs=()
for g in "${groups[@]}"; do
	# shellcheck disable=SC2206
	pkgs+=(${GROUP[$g]})
done

if [ "$mode" = list ]; then
	printf '%s\n' "${pkgs[@]}"
	exit 0
fi

# installed: dpkg's status for the package is "install ok installed"
missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#pkgs[@]} packages installed (${groups[*]})"
	exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$mode" = check ]; then
	echo "deps: missing: ${missing[*]}"
	echo "deps: install with: sudo apt-get update && sudo $line"
	exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run as root, or:" >&2
	echo "  sudo apt-get update && sudo $line" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=600)
apt-get "${apt_opts[@]}" update
apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" </dev/null

still=()
for p in "${missing[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || still+=("$p")
done
if [ ${#still[@]} -gt 0 ]; then
	echo "deps: still missing after apt-get: ${still[*]}" >&2
	exit 1
fi
echo "deps: installed ${#missing[@]} packages"
