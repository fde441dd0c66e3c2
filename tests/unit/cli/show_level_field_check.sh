#!/bin/sh
# Lines that state their level in a field (logfmt, JSON, Python's default format, Rust
# env_logger, Go's log) state it: they neither inherit the line before's level nor read as NONE.
set -eu
logstow=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
  '2024-03-01T12:00:00.124Z INFO before' \
  'time="2024-03-01T12:00:00Z" level=error msg="logrus error"' \
  '{"level":"error","ts":1709294400,"msg":"zap error"}' \
  '2024-03-01 12:00:00,123 - root - ERROR - python default format' \
  '[2024-03-01T12:00:00Z ERROR myapp] env_logger' \
  '2024/03/01 12:00:00 ERROR go log' \
  'ts=2024-03-01T12:00:00Z lvl=info msg=ok' \
  > "$tmp/in"
got=$("$logstow" show --json "$tmp/in" | sed 's/.*"severity":"\([A-Z]*\)","own":\([a-z]*\).*/\1-\2/' | tr '\n' ' ')
want='INFO-true ERROR-true ERROR-true ERROR-true ERROR-true ERROR-true INFO-true '
[ "$got" = "$want" ] || { echo "FAIL: got '$got', want '$want'"; exit 1; }
