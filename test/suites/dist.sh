#!/usr/bin/env bash
# test/suites/dist.sh - "make dist" gives an archive that builds and installs by itself
#
# make dist (git archive of HEAD into build/persner-X.Y.Z.zip), unpacked in a
# temporary directory, then "make" and "make install DESTDIR=..." there:
# the archive holds what the build needs, and the install has the module,
# the control file, every install and upgrade script and the model.  Needs
# no cluster.  Outside a git checkout (an unpacked archive) there is nothing
# to archive: it says so and counts nothing.  Ends with "N passed, N failed".

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"

if ! git rev-parse --git-dir >/dev/null 2>&1; then
	skip_all "not a git checkout: make dist archives HEAD, nothing to test here"
fi

version=$(sed -n 's/^EXTVERSION *= *//p' Makefile)
zip=build/persner-$version.zip
rm -f "$zip"
check "make dist writes $zip" '${MAKE:-make} --no-print-directory -s dist >"$WORK/dist.log" 2>&1 && [ -s "$zip" ]'
[ -s "$zip" ] || { cat "$WORK/dist.log"; summary; exit 1; }

check "the archive unpacks into persner-$version/" \
	'unzip -q -d "$WORK/src" "$zip" && [ -f "$WORK/src/persner-$version/Makefile" ]'
tree=$WORK/src/persner-$version
check "it builds by itself (make)" \
	'nice ${MAKE:-make} -C "$tree" -s -j2 >"$WORK/make.log" 2>&1 || { tail -20 "$WORK/make.log"; false; }'
check "it installs by itself (make install DESTDIR=...)" \
	'${MAKE:-make} -C "$tree" -s install DESTDIR="$WORK/inst" >"$WORK/install.log" 2>&1 || { tail -20 "$WORK/install.log"; false; }'

ext=$WORK/inst$(pg_config --sharedir)/extension
lib=$WORK/inst$(pg_config --pkglibdir)
check "the install has persner.so" '[ -s "$lib/persner.so" ]'
check "the install has persner.control with default_version $version" \
	'grep -q "^default_version = '"'$version'"'" "$ext/persner.control"'
for f in sql/persner--*.sql; do
	check "the install has $(basename "$f")" 'cmp -s "$f" "$ext/$(basename "$f")"'
done
for m in model/*.model; do
	[ -e "$m" ] || continue
	check "the install has the model $(basename "$m")" \
		'cmp -s "$m" "$WORK/inst$(pg_config --sharedir)/persner/$(basename "$m")"'
done

summary
