#!/bin/sh
# `logstow show` prints a terminal capture as the page's rows (the screen a terminal leaves),
# including rows above the first cursor move that a later line redraws. Usage: $0 LOGSTOW
set -eu
logstow=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
# The cases are printf formats on purpose (escapes such as \033 and \n), hence SC2059.
# shellcheck disable=SC2059
check() {  # name, input (printf format), expected output (printf format)
  printf "$2" > "$tmp/in"
  printf "$3" > "$tmp/want"
  "$logstow" show --color never "$tmp/in" > "$tmp/got"
  if ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "FAIL $1: want"; cat -A "$tmp/want"; echo "got"; cat -A "$tmp/got"; fail=1
  fi
}
check redraw 'Building...\n\033[1A\033[2KBuilding... 10%%\n\033[1A\033[2KBuilding... 100%%\nspin |\rspin /\rdone!\nINFO finished\n' \
  'Building... 100%%\ndone!/\nINFO finished\n'
check up-same-line 'a\nb\033[1Ac\n' 'ac\nb\n'
check up-two 'a\nb\n\033[2A\033[2Kc\nd\n' 'c\nd\n'
check plain 'a\nb\n' 'a\nb\n'
# The screen's severities are the rows' own: "INFO finished" is row 3, not raw line 3.
printf 'x\n\033[1A\033[2Ky\nz\nINFO last\n' > "$tmp/in"
got=$("$logstow" show --json "$tmp/in" | grep -c '"severity":"INFO"' || true)
[ "$got" = 1 ] || { echo "FAIL severities: $got INFO lines"; fail=1; }
exit $fail
