# An independent restatement of the record rule (viewer/severity.h) for the shapes of the real
# samples in tests/data: oslo.log screen logs, and "TS | " prefixed output (devstacklog.txt,
# Zuul job-output.txt). Prints "stated" and "effective" lines per level, as
# NONE TRACE DEBUG INFO AUDIT WARNING ERROR CRITICAL. Used to compute the figures of
# tests/unit/viewer/document_test.cc:  zcat FILE | awk -f tests/tools/record_levels.awk
BEGIN {
  split("NONE TRACE DEBUG INFO AUDIT WARNING ERROR CRITICAL", names, " ")
  for (i = 1; i <= 8; i++) rank[names[i]] = i
  rank["WARN"] = rank["WARNING"]; rank["FATAL"] = rank["CRITICAL"]
  rank["error"] = rank["ERROR"]; rank["warning"] = rank["WARNING"]
  ts = "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]([.,][0-9]+)?"
  levels = "(DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)"
  cur = 1; tb = 0
}
function own(l) { cur = rank[l]; stated[cur]++; effective[cur]++ }
function cont() { stated[1]++; effective[cur]++ }
{
  sub(/\r$/, "")
  if (match($0, ts "( [0-9]+)? " levels "([ :]|$)")) {         # oslo.log
    w = $0; sub(ts "( [0-9]+)? ", "", w); match(w, /^[A-Z]+/); l = substr(w, 1, RLENGTH)
    tb = 0
    if (l == "TRACE" && cur >= rank["ERROR"]) cont(); else own(l)
  } else if ($0 ~ ts " \\| ") {                               # "TS | " prefixed output
    rest = $0; sub(ts " \\| ", "", rest)
    host = rest; hosted = sub(/^[A-Za-z0-9_.:@-]+( -> [A-Za-z0-9_.:@-]+)? \| /, "", host)
    if (hosted && host ~ /^(ok|changed)([^A-Za-z0-9_]|$)/) { tb = 0; own("INFO") }
    else if (rest ~ /^Traceback \(most recent call last\):/ || (hosted && host ~ /^Traceback \(most recent call last\):/)) {
      if (cur >= rank["ERROR"]) cont(); else own("ERROR"); tb = 1
    }
    else if (hosted && host ~ /^skipping:/) { tb = 0; own("DEBUG") }
    else if (rest ~ /^(TASK|PLAY|HANDLER|RUNNING HANDLER) \[|^PLAY RECAP/) { tb = 0; own("INFO") }
    else if (match(rest, /^[ \t]*\[?(DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE|error|warning)\]?(:|[ \t]|$)/)) {
      w = rest; sub(/^[ \t]*\[?/, "", w); match(w, /^[A-Za-z]+/); tb = 0; own(substr(w, 1, RLENGTH))
    }
    else if ((hosted ? host : rest) ~ /^[ \t]/ && !(hosted == 0 && 0)) cont()  # indented
    else if (hosted && host ~ /^[][{}],? *$/) cont()
    else if (tb) { tb = 0; cont() }
    else { cur = 1; stated[1]++; effective[1]++ }
  } else if ($0 ~ ts || $0 ~ /^\[[0-9][0-9][0-9][0-9]-/) {   # another timestamped record
    if (tb) { tb = 0; cont() } else { cur = 1; stated[1]++; effective[1]++ }
  } else if ($0 ~ /^Traceback \(most recent call last\):/) {
    if (cur >= rank["ERROR"]) cont(); else own("ERROR"); tb = 1
  } else if (match($0, /^[ \t]*\[?(DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE|error|warning)\]?(:|[ \t]|$)/)) {
    w = $0; sub(/^[ \t]*\[?/, "", w); match(w, /^[A-Za-z]+/); tb = 0; own(substr(w, 1, RLENGTH))
  } else {                                                    # continues the record before
    if ($0 !~ /^[ \t]/) tb = 0
    cont()
  }
}
END {
  for (i = 1; i <= 8; i++) { s = s " " stated[i] + 0; e = e " " effective[i] + 0 }
  print "stated" s; print "effective" e
}
