// The real samples (tests/data, see SOURCES.md) as the tests upload them and as the viewer must
// show them: decoded bytes, lines (LineIndex semantics: '\n' ends a line, a '\r' before it
// belongs to the terminator, a non-empty unterminated tail is the last line), severities by an
// independent oslo/journal classifier, and regex counts computed in JavaScript.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const DATA = path.join(__dirname, '..', '..', 'data');

function decoded(name) {
  const bytes = fs.readFileSync(path.join(DATA, name));
  return name.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes;
}

function lines(buffer) {
  const text = buffer.toString('utf8');
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

// The level a line states (oslo.log or systemd journal prefix), or '' — an independent
// re-statement of the first two built-in rules (viewer/rules/default_rules.json).
const OSLO = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: \d+)? (DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)(?:[ :]|$)/;
const JOURNAL = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ [^:\s]+: (DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)(?:[ :]|$)/;
const CANONICAL = { WARN: 'WARNING', FATAL: 'CRITICAL' };
const ORDER = ['NONE', 'TRACE', 'DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL'];

function effectiveLevels(allLines) {
  let last = 'NONE';
  return allLines.map((line) => {
    const m = OSLO.exec(line) || JOURNAL.exec(line);
    if (m) last = CANONICAL[m[1]] || m[1];
    return last;
  });
}

// 1-based line numbers a minimum-severity filter shows, with `context` lines around each.
function filteredLines(levels, min, context) {
  const minRank = ORDER.indexOf(min);
  const shown = new Set();
  levels.forEach((level, i) => {
    const rank = ORDER.indexOf(level);
    if (rank >= minRank || (level === 'TRACE' && minRank <= ORDER.indexOf('ERROR'))) {
      for (let j = Math.max(0, i - context); j <= Math.min(levels.length - 1, i + context); ++j) shown.add(j + 1);
    }
  });
  return Array.from(shown).sort((a, b) => a - b);
}

// Non-empty matches of `regex` (global) per line, never across lines: {matches, lines, hitLines}.
function regexCount(allLines, regex) {
  let matches = 0;
  const hitLines = [];
  allLines.forEach((line, i) => {
    let n = 0;
    for (const m of line.matchAll(regex)) if (m[0].length > 0) n += 1;
    if (n > 0) hitLines.push(i + 1);
    matches += n;
  });
  return { matches, lines: hitLines.length, hitLines };
}

// `bytes` as a gzip file of several members, as `cat a.gz b.gz > c.gz` makes one (RFC 1952; gzip
// -dc and `logstow show` read them all): cut at the byte offsets `cuts`, with an empty member
// after the first.
function gzipMembers(bytes, cuts) {
  const parts = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    parts.push(bytes.subarray(from, to));
    from = to;
  }
  parts.splice(1, 0, Buffer.alloc(0));
  return Buffer.concat(parts.map((part) => zlib.gzipSync(part)));
}

// A job's log folder as a CI job leaves it: job-output.txt, zuul-info/, logs/controller/<samples>.
// `omit`: sample names to leave out.
function makeJobFolder(extra = {}, omit = []) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-job-'));
  fs.mkdirSync(path.join(root, 'logs', 'controller'), { recursive: true });
  fs.mkdirSync(path.join(root, 'zuul-info'));
  for (const name of fs.readdirSync(DATA)) {
    if (omit.includes(name)) continue;
    fs.copyFileSync(path.join(DATA, name), path.join(root, 'logs', 'controller', name));
  }
  fs.copyFileSync(path.join(DATA, 'job-output.txt'), path.join(root, 'job-output.txt'));
  fs.writeFileSync(path.join(root, 'zuul-info', 'inventory.yaml'), 'all:\n  hosts:\n    controller: {}\n');
  for (const [name, body] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), body);
  }
  return root;
}

module.exports = { DATA, decoded, lines, effectiveLevels, filteredLines, regexCount, gzipMembers, makeJobFolder };
