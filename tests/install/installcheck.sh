#!/bin/sh
# What `make installcheck` (and so `make distcheck`) runs after
# `make install`: the installed ritmiek, with no source tree to lean on,
# plans a school copied from the installed examples, and looks for its
# holiday calendars in the installed folder.
#
# Usage: installcheck.sh BINDIR DOCDIR CALENDARSDIR MANDIR [COMPLETIONSDIR]
set -eu
bindir=$1 docdir=$2 calendarsdir=$3 mandir=$4 completionsdir=${5:-}
ritmiek=$bindir/ritmiek

fail() {
	echo "installcheck: $*" >&2
	exit 1
}

for f in "$ritmiek" "$docdir/school-file.md" "$docdir/plan-file.md" \
	"$docdir/COPYING" "$docdir/examples/README.md" \
	"$docdir/examples/po-school/school.yaml" \
	"$docdir/examples/vo-school/personeel.csv" \
	"$calendarsdir/2026-2027.ics" "$mandir/man1/ritmiek.1" \
	"$mandir/man5/ritmiek-school.5"; do
	[ -e "$f" ] || fail "not installed: $f"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$docdir/examples/po-school" "$tmp/school"
chmod -R u+w "$tmp/school"
# Neither the environment nor the working folder may point at calendars.
unset RITMIEK_CALENDARS
cd "$tmp"
"$ritmiek" --version >/dev/null || fail "ritmiek --version failed"
"$ritmiek" check school/school.yaml >check.out 2>&1 ||
	{ cat check.out >&2; fail "check of the installed PO example failed"; }
"$ritmiek" plan -o plan school/school.yaml >plan.out 2>&1 ||
	{ cat plan.out >&2; fail "plan of the installed PO example failed"; }
"$ritmiek" verify school/school.yaml plan >verify.out 2>&1 ||
	{ cat verify.out >&2; fail "verify of the installed plan failed"; }
[ -s plan/plan.tsv ] || fail "plan wrote no plan.tsv"

# A year without a calendar names the folder it looked in: the installed
# one, not the source tree the program was built from.
sed 's/^  school_year: 2026-2027/  school_year: 2040-2041/' \
	school/school.yaml >school/later.yaml
if "$ritmiek" check school/later.yaml >later.out 2>&1; then
	fail "a school year without a calendar was accepted"
fi
grep -F "looked for $calendarsdir/2040-2041.ics" later.out >/dev/null ||
	{ cat later.out >&2; fail "ritmiek does not look in $calendarsdir"; }
# The installed completion, with the installed program found on $PATH.
if [ -n "$completionsdir" ]; then
	[ -f "$completionsdir/ritmiek" ] ||
		fail "not installed: $completionsdir/ritmiek"
	got=$(PATH="$bindir:$PATH" bash --norc --noprofile -c '
		. "$1"; COMP_WORDS=(ritmiek pl); COMP_CWORD=1; _ritmiek
		echo "${COMPREPLY[*]}"' sh "$completionsdir/ritmiek")
	[ "$got" = plan ] || fail "ritmiek pl<TAB> gave '$got', not 'plan'"
fi
echo "installcheck: the installed ritmiek planned the PO example"
