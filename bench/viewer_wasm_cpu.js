#!/usr/bin/env node
// The Wasm core's CPU time to index a log, in Node (V8, the engine of Chromium's worker), for
// comparing two builds on a loaded machine, where wall times mean little (issue 10):
//   node bench/viewer_wasm_cpu.js WEB_DIR LOG_FILE [RUNS=3]
// WEB_DIR holds logstow_viewer.js + .wasm (build/wasm/web); LOG_FILE e.g. from
// build/bench/viewer_bench_log. Appends the log in 256 KiB slices as web/worker_load.js does and
// prints one JSON line: rules_cpu_ms (the built-in rules compiled, first document only), cpu_ms
// (process CPU while appending + finish: the core, the copy, V8's own threads), the same as wall
// times (index_ms, set_ms: the copies into Wasm memory, commit_ms: the core), per run.
'use strict';

const path = require('path');
const fs = require('fs');
const [webDir, logFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const factory = require(path.resolve(webDir, 'logstow_viewer.js'));
const { performance } = require('perf_hooks');
(async () => {
  const wasmBinary = fs.readFileSync(path.resolve(webDir, 'logstow_viewer.wasm'));
  const t0 = performance.now();
  const core = await factory({ wasmBinary });
  const t1 = performance.now();
  const log = fs.readFileSync(logFile);
  const out = { init_ms: t1 - t0, rules_ms: [], index_ms: [], cpu_ms: [] };
  for (let r = 0; r < runs; ++r) {
    const r0 = process.cpuUsage();
    const a = performance.now();
    const doc = new core.LogDocument('');
    const b = performance.now();
    const ru = process.cpuUsage(r0);
    (out.rules_cpu_ms = out.rules_cpu_ms || []).push(+((ru.user + ru.system) / 1000).toFixed(1));
    doc.reserve(log.length);
    const c0 = process.cpuUsage();
    const c = performance.now();
    const SLICE = 256 * 1024;
    let setMs = 0, commitMs = 0;
    for (let at = 0; at < log.length; at += SLICE) {
      const slice = log.subarray(at, Math.min(at + SLICE, log.length));
      const to = doc.prepareAppend(slice.length);
      const s0 = performance.now();
      core.HEAPU8.set(slice, to);
      const s1 = performance.now();
      doc.commitAppend(slice.length);
      setMs += s1 - s0; commitMs += performance.now() - s1;
    }
    doc.finish();
    const d = performance.now();
    const cu = process.cpuUsage(c0);
    (out.set_ms = out.set_ms || []).push(+setMs.toFixed(1));
    (out.commit_ms = out.commit_ms || []).push(+commitMs.toFixed(1));
    out.rules_ms.push(+(b - a).toFixed(1));
    out.index_ms.push(+(d - c).toFixed(1));
    out.cpu_ms.push(+((cu.user + cu.system) / 1000).toFixed(1));
    out.lines = doc.lineCount();
    doc.delete();
  }
  console.log(JSON.stringify(out));
})();
