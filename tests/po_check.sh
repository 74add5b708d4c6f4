#!/bin/sh
# Every message marked for translation (_(), N_() and P_(), engine/i18n.h)
# has a translation in every po/LANG.po, none of them fuzzy, each valid for
# its format (msgfmt -c), and every source that marks messages is listed in
# po/POTFILES.in. `make update-po` brings the catalogues up to date; then
# translate what it added.
set -eu
: "${top_srcdir:=.}"
if [ -z "${XGETTEXT:-}" ] || [ -z "${MSGFMT:-}" ] || [ -z "${MSGCMP:-}" ]; then
	echo "po_check: xgettext, msgfmt or msgcmp missing (Debian package gettext)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top_srcdir"
status=0

# A source with marked messages that xgettext would not read.
for f in $(grep -l -E '\b[NP]?_\(' engine/*.c adapters/*.c adapters/*/*.c cli/*.c); do
	grep -qx "$f" po/POTFILES.in ||
		{ echo "po_check: $f marks messages but is not in po/POTFILES.in"; status=1; }
done

# shellcheck disable=SC2086 # the options are words
"$XGETTEXT" $RK_XGETTEXT_OPTIONS --files-from=po/POTFILES.in \
	-o "$tmp/ritmiek.pot"
for lang in $(cat po/LINGUAS); do
	# msgcmp fails on a message of the sources that po/LANG.po lacks,
	# leaves untranslated or marks fuzzy.
	"$MSGCMP" "po/$lang.po" "$tmp/ritmiek.pot" || status=1
	stats=$(LC_ALL=C "$MSGFMT" -c --statistics -o /dev/null "po/$lang.po" 2>&1) ||
		status=1
	echo "po/$lang.po: $stats"
	case "$stats" in
	*fuzzy* | *untranslated*)
		echo "po_check: po/$lang.po has fuzzy or untranslated messages"
		status=1
		;;
	esac
done
exit $status
