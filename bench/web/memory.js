#!/usr/bin/env node
// Wasm memory of the web viewer for a big, very compressible log (issue 10), measured in headless
// Chromium against a local Swift. Run by hand, not in ctest:
//
//   node bench/web/memory.js [--mb 200] [--fresh-ids 3] [--runs 3] [--build build]
//                            [--web-dir DIR] [--label NAME] [--out bench/runs/<date>-<host>]
//
// The log is bench/oslo_log_generator.h's, with few fresh request ids (--fresh-ids, per 1000
// lines) so that gzip shrinks it ~17x. Three objects hold the same log:
//   uploaded     by `logstow upload`: gzip Content-Encoding + X-Object-Meta-Logstow-Size
//   no-header    PUT gzip-encoded without the size (as another uploader would)
//   gz-as-is     PUT as a ".gz" without Content-Encoding: the page inflates it, size unknown
// For each, the viewer page loads it in a fresh browser context and the page's test hook
// (window.logstowView.progress) gives the worker's Wasm memory (HEAPU8.length), the document's
// share of it and the buffer relocations. --web-dir measures another build of the viewer (e.g. an
// older commit's) on the same objects. Writes <out>/memory-<label>.{md,json}.
// Starts its own Swift in $LOGSTOW_SWIFT_DIR (default /tmp/logstow-memory-bench-swift; ports from
// LOGSTOW_SWIFT_PROXY_PORT / _PORT_BASE / _MEMCACHED_PORT, defaults 28480 / 26600 / 21712).
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { ROOT, args, option, BUILD, OUT, benchEnvironment, median, MiB } = require('./bench_setup');

const MB = Number(option('mb', 200));
const FRESH = Number(option('fresh-ids', 3));
const RUNS = Number(option('runs', 3));
const LABEL = option('label', 'viewer');
const webDir = option('web-dir');
const { serveStatic, launchChromium, Swift, request } = benchEnvironment({
  webDir: webDir && path.resolve(webDir),
  swiftDir: '/tmp/logstow-memory-bench-swift', proxyPort: '28480', portBase: '26600', memcachedPort: '21712',
});

async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body && document.body.dataset.ready, null,
    { timeout: 600000, polling: 250 });
  const r = await page.evaluate(() => {
    const v = window.logstowView;
    const p = v.progress || {};
    return { ready: document.body.dataset.ready, lines: v.lines, bytes: p.bytes,
      wasmBytes: p.wasmBytes, docBytes: p.docBytes, sizeHeader: p.sizeHeader,
      reserved: p.reserved, relocations: p.relocations,
      indexed: (performance.getEntriesByName('logstow:indexed')[0] || {}).startTime };
  });
  await context.close();
  if (r.ready !== 'true') throw new Error(`${url} did not load`);
  return r;
}

async function main() {
  const machine = {
    host: os.hostname(), cpu: os.cpus()[0].model.trim(), cores: os.cpus().length,
    commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim(),
    webDir: process.env.LOGSTOW_WEB_DIR, loadBefore: os.loadavg()[0].toFixed(2),
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'logstow-memory-bench-'));
  const logs = path.join(work, 'logs');
  fs.mkdirSync(logs);
  const logFile = path.join(logs, `oslo-${MB}mb.log`);
  console.error(`bench: generating ${MB} MB (fresh ids ${FRESH}/1000) in ${logFile}`);
  execFileSync(path.join(BUILD, 'bench', 'viewer_bench_log'), [logFile, String(MB), String(FRESH)]);
  const raw = fs.readFileSync(logFile);
  const gzipped = zlib.gzipSync(raw, { level: 6 });
  const fileBytes = raw.length;
  let lineCount = 0;
  for (let i = raw.indexOf(10); i >= 0; i = raw.indexOf(10, i + 1)) lineCount += 1;

  const start = spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['start'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) throw new Error('scripts/swift-dev start failed');
  const site = await serveStatic(process.env.LOGSTOW_WEB_DIR);
  const chromium = await launchChromium();
  const results = {};
  try {
    const swift = await Swift.connect();
    const container = await swift.createContainer('memory-bench', { origins: [site.origin] });
    await swift.upload(container.name, container.key, 'job/', logs);
    const name = path.basename(logFile);
    await swift.put(container.name, `other/${name}`, gzipped, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
    await swift.put(container.name, `other/${name}.gz`, gzipped, { 'Content-Type': 'application/gzip' });
    const head = await request('HEAD', swift.objectUrl(container.name, `job/${name}`));
    const stored = Number(head.headers['content-length']);
    const objects = {
      uploaded: `job/${name}`,
      'no-header': `other/${name}`,
      'gz-as-is': `other/${name}.gz`,
    };
    for (let i = 0; i < RUNS; ++i) {
      for (const [kind, object] of Object.entries(objects)) {
        const q = encodeURIComponent(swift.objectUrl(container.name, object));
        const r = await load(chromium.browser, `${site.origin}/index.html?q=${q}`);
        if (r.lines !== lineCount) throw new Error(`${kind}: viewer shows ${r.lines} lines, the file has ${lineCount}`);
        console.error(`bench: ${kind} run ${i + 1}: Wasm ${MiB(r.wasmBytes).toFixed(1)} MiB = ${(r.wasmBytes / fileBytes).toFixed(2)}x, document ${MiB(r.docBytes).toFixed(1)} MiB, size header ${r.sizeHeader}, relocations ${r.relocations}`);
        (results[kind] = results[kind] || []).push(r);
      }
    }
    machine.loadAfter = os.loadavg()[0].toFixed(2);
    machine.chromium = chromium.browser.version();
    const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
    const lines = [`# Viewer memory for a ${MB} MB log compressed ${(fileBytes / stored).toFixed(1)}×: ${LABEL}`, ''];
    lines.push(`Generated by \`node bench/web/memory.js --mb ${MB} --fresh-ids ${FRESH} --runs ${RUNS} --label ${LABEL}\` at commit ${machine.commit}, viewer from ${path.relative(ROOT, machine.webDir) || machine.webDir}.`);
    lines.push(`Machine: ${machine.cpu}, ${machine.cores} vCPUs; Chromium ${machine.chromium} headless. Load average (1 min) before / after: ${machine.loadBefore} / ${machine.loadAfter}.`);
    lines.push(`Log: ${lineCount.toLocaleString('en-US')} lines, ${f1(MiB(fileBytes))} MiB (bench/oslo_log_generator.h, ${FRESH} fresh request ids per 1000), stored by \`logstow upload\` as ${f1(MiB(stored))} MiB gzip. Medians of ${RUNS} loads, each in a fresh browser context.`, '');
    lines.push('| object | size known to the viewer | Wasm memory | Wasm memory / log | document (bytes + line starts) | relocations | whole file indexed |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const [kind, runs] of Object.entries(results)) {
      const wasm = median(runs.map((r) => r.wasmBytes));
      const header = runs[0].sizeHeader >= 0 ? `X-Object-Meta-Logstow-Size ${runs[0].sizeHeader}` : (runs[0].sizeHeader === undefined ? 'n/a (older viewer)' : 'no');
      lines.push(`| ${kind} | ${header} | ${f1(MiB(wasm))} MiB | ${(wasm / fileBytes).toFixed(2)}× | ${f1(MiB(median(runs.map((r) => r.docBytes))))} MiB | ${runs[0].relocations ?? 'n/a'} | ${Math.round(median(runs.map((r) => r.indexed)))} ms |`);
    }
    lines.push('');
    const md = lines.join('\n');
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `memory-${LABEL}.md`), md);
    fs.writeFileSync(path.join(OUT, `memory-${LABEL}.json`), JSON.stringify({ machine, fileBytes, stored, lineCount, results }, null, 1));
    console.log(md);
    await swift.deleteContainer(container.name);
  } finally {
    await chromium.close();
    await site.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (!args.includes('--keep-swift')) spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['stop'], { stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error}`);
  process.exit(1);
});
