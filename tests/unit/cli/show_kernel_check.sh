#!/bin/sh
# Kernel crash lines in syslog/journal read as ERROR in `logstow show` (and so in the page).
set -eu
logstow=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
  'Mar  1 12:00:02 host kernel: [  14.000] BUG: kernel NULL pointer dereference, address: 0000000000000000' \
  'Mar 01 12:00:06 host kernel: BUG: unable to handle kernel NULL pointer dereference at 0000000000000000' \
  'Mar  1 12:00:07 host kernel: [  17.000] Kernel panic - not syncing: Fatal exception' \
  'Mar  1 12:00:08 host kernel: [  18.000] general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP' \
  > "$tmp/in"
n=$("$logstow" show --count "$tmp/in" | sed 's/.*"own":{[^}]*"ERROR":\([0-9]*\).*/\1/')
[ "$n" = 4 ] || { echo "FAIL: $n of 4 kernel crash lines state ERROR"; "$logstow" show --json "$tmp/in"; exit 1; }
