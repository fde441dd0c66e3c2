#!/usr/bin/env node
// The Wasm core's CPU time to index and search a log, in Node (V8), over the forms of
// bench/search_shown_benchmark.cc that hold invalid UTF-8 (and their valid twin):
//   node bench/viewer_wasm_search_cpu.js WEB_DIR LOG_FILE [RUNS=5]
// WEB_DIR holds logstow_viewer.js + .wasm (build/wasm/web); LOG_FILE e.g. from
// `build/bench/viewer_bench_log LOG 20`. Forms, made here from LOG_FILE: plain; bad-tenth (one
// line in ten ends in " caf\xE9", Latin-1: shown as U+FFFD), bad-one (the middle line only),
// bad-all (every line), utf8-tenth (" caf\xC3\xA9", valid). Appends in 256 KiB slices as
// web/worker_load.js does; prints the medians of process CPU ms per form: index (append +
// finish), setSearch of "ERROR" (literal), of req-[0-9a-f]{8}-dead and of caf.$ (regexes).
'use strict';

const path = require('path');
const fs = require('fs');

const [webDir, logFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const factory = require(path.resolve(webDir, 'logstow_viewer.js'));

function withTail(lines, every, tail) {
  const middle = lines.length >> 1;
  return Buffer.concat(lines.flatMap((line, i) => {
    const last = i === lines.length - 1;
    const marked = line.length > 0 && (every === 0 ? i === middle : i % every === 0);
    return [line, ...(marked ? [tail] : []), ...(last ? [] : [Buffer.from('\n')])];
  }));
}

function cpuMs(fn) {
  const c = process.cpuUsage();
  const result = fn();
  const u = process.cpuUsage(c);
  return [(u.user + u.system) / 1000, result];
}

(async () => {
  const core = await factory({ wasmBinary: fs.readFileSync(path.resolve(webDir, 'logstow_viewer.wasm')) });
  const plain = fs.readFileSync(logFile);
  const lines = [];
  for (let at = 0; at <= plain.length;) {
    let end = plain.indexOf(10, at);
    if (end < 0) end = plain.length;
    lines.push(plain.subarray(at, end));
    at = end + 1;
  }
  const bad = Buffer.from(' caf\xe9', 'latin1');
  const forms = {
    plain,
    'bad-tenth': withTail(lines, 10, bad),
    'bad-one': withTail(lines, 0, bad),
    'bad-all': withTail(lines, 1, bad),
    'utf8-tenth': withTail(lines, 10, Buffer.from(' caf\u00e9')),
  };
  const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1].toFixed(1);
  for (const [name, log] of Object.entries(forms)) {
    const ms = { index: [], literal: [], regex: [], dot: [] };
    const counts = {};
    for (let r = 0; r < runs; ++r) {
      const doc = new core.LogDocument('');
      doc.reserve(log.length);
      ms.index.push(cpuMs(() => {
        const SLICE = 256 * 1024;
        for (let at = 0; at < log.length; at += SLICE) {
          const slice = log.subarray(at, Math.min(at + SLICE, log.length));
          const to = doc.prepareAppend(slice.length);
          core.HEAPU8.set(slice, to);
          doc.commitAppend(slice.length);
        }
        doc.finish();
      })[0]);
      for (const [key, pattern, literal] of [['literal', 'ERROR', true],
        ['regex', 'req-[0-9a-f]{8}-dead', false], ['dot', 'caf.$', false]]) {
        const [t, result] = cpuMs(() => doc.setSearch(pattern, false, literal));
        ms[key].push(t);
        counts[key] = result.matchCount;
      }
      doc.delete();
    }
    console.log(JSON.stringify({ form: name, bytes: log.length, index_ms: median(ms.index),
      literal_ms: median(ms.literal), regex_ms: median(ms.regex), dot_ms: median(ms.dot), counts }));
  }
})();
