#!/usr/bin/env node
// The viewer core's figures, native and Wasm side by side (issue 5 "Figures"):
//   node bench/viewer_wasm_bench.js [--runs N] [--native-runs N] [--record]
// 1. writes the generated 100 MB oslo-style log to a temp file (build/bench/viewer_bench_log),
// 2. runs build/bench/viewer_benchmark (Google Benchmark, native) on the same bytes,
// 3. serves the built site (build/wasm/web) + bench/viewer_wasm_bench.html on 127.0.0.1 and runs
//    the page in headless Debian Chromium (tests/browser/lib/harness.js), medians of N runs,
// 4. prints one table; --record also keeps it as bench/runs/<date>-<hostname>/viewer-<HHMM>.md
//    and viewer-<HHMM>.json (the raw figures); viewer.md there summarises the runs by hand.
// BUILD_DIR (default build/) locates the binaries and the site. The log is deleted afterwards.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.resolve(process.env.BUILD_DIR || path.join(ROOT, 'build'));
process.env.LOGSTOW_WEB_DIR = process.env.LOGSTOW_WEB_DIR || path.join(BUILD, 'wasm', 'web');
const { webDir, serveStatic, launchChromium } = require(path.join(ROOT, 'tests/browser/lib/harness'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 5);
const nativeRuns = option('--native-runs', 5);
const record = args.includes('--record');

function native() {
  const out = execFileSync(path.join(BUILD, 'bench', 'viewer_benchmark'), [
    '--benchmark_format=json', `--benchmark_repetitions=${nativeRuns}`], { maxBuffer: 64 << 20 });
  const report = JSON.parse(out);
  const figures = {};
  for (const b of report.benchmarks) {
    if (b.run_type !== 'iteration') continue;  // every repetition; median and best below
    const name = (b.run_name || b.name).replace(/^BM_/, '').replace(/\/real_time$/, '');
    const ms = b.real_time * (b.time_unit === 'us' ? 1e-3 : 1);
    const f = figures[name] || (figures[name] = { all: [], lines: b.lines, matches: b.matches,
                                                  memory_MB: b.memory_MB, MB: b.MB, items: [] });
    f.all.push(ms);
    if (b.items_per_second) f.items.push(b.items_per_second);
  }
  for (const f of Object.values(figures)) {
    f.ms = median(f.all);
    f.best_ms = Math.min(...f.all);
    if (f.MB) f.mb_per_s = f.MB / (f.ms / 1000);
    if (f.items.length) f.items_per_second = median(f.items);
  }
  return { context: report.context, figures };
}

async function wasm(logFile) {
  const page = fs.readFileSync(path.join(__dirname, 'viewer_wasm_bench.html'));
  const script = fs.readFileSync(path.join(__dirname, 'viewer_wasm_bench_page.js'));
  const site = await serveStatic(webDir(), {
    '/bench.html': ['text/html; charset=utf-8', page],
    '/viewer_wasm_bench_page.js': ['text/javascript; charset=utf-8', script],
    '/log.txt': ['text/plain', fs.readFileSync(logFile)],
  });
  const chromium = await launchChromium();
  try {
    const tab = await chromium.browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await tab.goto(`${site.origin}/bench.html`);
    const result = await tab.evaluate((n) => window.runBench(n), runs);
    result.chromium = chromium.browser.version();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await chromium.close();
    await site.close();
  }
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => (x === undefined ? '' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

function table(n, w) {
  const rows = [
    ['line split, plain memchr (ceiling)', n.MemchrSplit, null],
    ['line split (LineIndex, bytes in memory)', n.LineIndexCommit, w.wasm_split],
    ['copy in 1 MiB chunks + split', n.LineIndexSplit, w.wasm_copy_and_split],
    ['index + severity (all lines)', n.IndexSeverity, w.wasm_index_severity],
    ['search literal "Traceback"', n['Search/literal_rare'], w.wasm_search_literal_rare],
    ['search literal "ERROR"', n['Search/literal_common'], w.wasm_search_literal_common],
    ['search case-insensitive "error" (literal scan)', n['Search/case_insensitive'], w.wasm_search_case_insensitive],
    ['search case-insensitive "traceback" (k: U+212A guard)', n['Search/case_insensitive_guarded'], w.wasm_search_case_insensitive_guarded],
    ['search regex req-[0-9a-f]{8}-dead (prefix scan + RE2)', n['Search/regex'], w.wasm_search_regex],
  ];
  const lines = ['| operation (100 MB, ' + w.figures_lines + ' lines) | native MB/s | native ms (best) | Wasm MB/s | Wasm ms (best) | Wasm/native, medians | Wasm/native, best |',
                 '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [name, a, b] of rows) {
    const ratio = a && b ? (b.ms / a.ms).toFixed(2) : '';
    const best = a && b ? (Math.min(...b.all) / a.best_ms).toFixed(2) : '';
    const wasmBest = b ? ` (${f1(Math.min(...b.all))})` : '';
    lines.push(`| ${name} | ${f1(a?.mb_per_s)} | ${f1(a?.ms)} (${f1(a?.best_ms)}) | ${f1(b?.mb_per_s)} | ${f1(b?.ms)}${wasmBest} | ${ratio} | ${best} |`);
  }
  return lines.join('\n');
}

function jsTable(w) {
  const rows = [
    ['TextDecoder (bytes -> string)', w.js_text_decoder],
    ['indexOf line split', w.js_indexof_split],
    ['severity with the same rules as JS RegExps', w.js_regexp_severity],
    ['indexOf search "Traceback"', w.js_indexof_search_literal_rare],
    ['RegExp search req-[0-9a-f]{8}-dead', w.js_regexp_search_regex],
    ['(Wasm) copy 100 MB into the Wasm heap', w.wasm_copy],
  ];
  return ['| JS alternative in the same page | MB/s | ms |', '|---|---:|---:|',
          ...rows.map(([name, f]) => `| ${name} | ${f1(f?.mb_per_s)} | ${f1(f?.ms)} |`)].join('\n');
}

(async () => {
  const logFile = path.join(os.tmpdir(), `logstow-bench-${process.pid}.log`);
  execFileSync(path.join(BUILD, 'bench', 'viewer_bench_log'), [logFile, '100']);
  try {
    console.error('bench: native (Google Benchmark) ...');
    const n = native();
    console.error('bench: Wasm in headless Chromium ...');
    const w = await wasm(logFile);
    const wf = w.figures;
    wf.figures_lines = wf.wasm_split.lines;
    const same = JSON.stringify(wf.wasm_index_severity.counts) === JSON.stringify(wf.js_regexp_severity.counts);
    const text = [
      `Host ${os.hostname()}, ${os.cpus().length} vCPU (${os.cpus()[0].model}), ${new Date().toISOString()}, ` +
        `load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}, ` +
        `commit ${execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim()}`,
      `Chromium ${w.chromium}; Wasm newline scan: ${w.scan}; medians (and best) of ${runs} (Wasm) / ${nativeRuns} (native) runs, wall time.`,
      '', table(n.figures, wf), '', jsTable(wf), '',
      `Wasm memory: document ${(w.document_memory_bytes / 1e6).toFixed(1)} MB for ${(w.bytes / 1e6).toFixed(1)} MB of log` +
        ` (${(w.document_memory_bytes / w.bytes).toFixed(3)}x); whole Wasm heap after the run ${(w.wasm_heap_bytes / 1e6).toFixed(0)} MB.`,
      `Severity counts, Wasm: ${JSON.stringify(wf.wasm_index_severity.counts)}`,
      `JS RegExp classification gives ${same ? 'the same counts' : 'different counts: ' + JSON.stringify(wf.js_regexp_severity.counts)}.`,
      `Native: render 100 rows as HTML: ${f1(n.figures.RenderRows?.items_per_second / 1e3)} k rows/s.`,
    ].join('\n');
    console.log(text);
    if (record) {
      const now = new Date().toISOString();
      const dir = path.join(__dirname, 'runs', `${now.slice(0, 10)}-${os.hostname()}`);
      const stem = `viewer-${now.slice(11, 13)}${now.slice(14, 16)}`;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${stem}.json`), JSON.stringify({ native: n, wasm: w }, null, 1));
      fs.writeFileSync(path.join(dir, `${stem}.md`), text + '\n');
      console.error(`bench: wrote ${dir}/${stem}.md and .json`);
    }
  } finally {
    fs.rmSync(logFile, { force: true });
  }
})().catch((err) => { console.error(err); process.exit(1); });
