#!/usr/bin/env node
// The build-wide search's figures (issue 16 item 5), in headless Debian Chromium against a local
// Swift: a generated devstack-like build (an oslo-style log from bench/viewer_bench_log cut into
// --files files across nested folders), uploaded gzip-encoded with `logstow upload`, searched
// from its folder view (web/build_search*.js), beside `zgrep -c` over the same files gzipped on
// local disk, in the same run. Run by hand, not in ctest:
//
//   node bench/web/build_search.js [--mb 200] [--files 2000] [--runs 3] [--build build]
//                                  [--out bench/runs/<date>-<host>] [--keep-swift]
//
// Needs a build (build/cli/logstow, build/bench/viewer_bench_log, build/wasm/web), Debian's
// chromium, playwright-core and scripts/swift-dev's packages. Starts its own Swift in
// $LOGSTOW_SWIFT_DIR (default /tmp/logstow-build-search-bench-swift, proxy port 28480) and stops it.
//
// Per run (a fresh browser context): ms from pressing Enter in the search box to the first file's
// results drawn and to every file searched (the view's data-state), the renderer's peak RSS
// (/proc VmHWM of the renderer processes this script's Chromium started: the page and its
// workers), and the matches found, checked against zgrep's counts. Writes <out>/build_search.md.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const MB = Number(option('mb', 200));
const FILES = Number(option('files', 2000));
const RUNS = Number(option('runs', 3));
const BUILD = path.resolve(option('build', path.join(ROOT, 'build')));
const today = new Date().toISOString().slice(0, 10);
const OUT = path.resolve(option('out', path.join(ROOT, 'bench', 'runs', `${today}-${os.hostname()}`)));
const KEEP_SWIFT = args.includes('--keep-swift');
const PATTERN = 'Lazy-loading';  // a literal the generator writes on some lines

process.env.LOGSTOW_WEB_DIR = process.env.LOGSTOW_WEB_DIR || path.join(BUILD, 'wasm', 'web');
process.env.LOGSTOW_CLI = process.env.LOGSTOW_CLI || path.join(BUILD, 'cli', 'logstow');
process.env.LOGSTOW_SWIFT_DIR = process.env.LOGSTOW_SWIFT_DIR || '/tmp/logstow-build-search-bench-swift';
process.env.LOGSTOW_SWIFT_PROXY_PORT = process.env.LOGSTOW_SWIFT_PROXY_PORT || '28480';
process.env.LOGSTOW_SWIFT_PORT_BASE = process.env.LOGSTOW_SWIFT_PORT_BASE || '26600';
process.env.LOGSTOW_SWIFT_MEMCACHED_PORT = process.env.LOGSTOW_SWIFT_MEMCACHED_PORT || '21712';
process.env.LOGSTOW_SWIFT_EXPIRER = '0';

const { serveStatic, launchChromium } = require(path.join(ROOT, 'tests', 'browser', 'lib', 'harness'));
const { Swift } = require(path.join(ROOT, 'tests', 'browser', 'lib', 'swift'));

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const MiB = (bytes) => bytes / (1 << 20);

// As bench/web/run.js: renderer processes descended from this node process, pid -> VmHWM bytes.
function rendererPeaks() {
  const status = (pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      return '';
    }
  };
  const out = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('--type=renderer')) continue;
    let ancestor = Number(entry);
    let ours = false;
    for (let depth = 0; depth < 6 && ancestor > 1; ++depth) {
      ancestor = Number((/PPid:\s+(\d+)/.exec(status(ancestor)) || [0, 0])[1]);
      if (ancestor === process.pid) ours = true;
    }
    if (ours) out.set(Number(entry), Number((/VmHWM:\s+(\d+) kB/.exec(status(entry)) || [0, 0])[1]) * 1024);
  }
  return out;
}

// The generated log cut into FILES files of whole lines, in folders as a devstack job has them.
function makeBuild(work) {
  const logFile = path.join(work, 'source.log');
  execFileSync(path.join(BUILD, 'bench', 'viewer_bench_log'), [logFile, String(MB)]);
  const text = fs.readFileSync(logFile);
  fs.rmSync(logFile);
  const build = path.join(work, 'build');
  const gz = path.join(work, 'gz');
  const per = Math.ceil(text.length / FILES);
  const names = [];
  let at = 0;
  for (let i = 0; i < FILES && at < text.length; ++i) {
    let end = Math.min(text.length, at + per);
    const nl = text.indexOf(10, end - 1);
    end = nl < 0 ? text.length : nl + 1;
    const name = `logs/node-${i % 4}/service-${Math.floor(i / 40)}/screen-${i}.txt`;
    for (const [dir, body] of [[build, text.subarray(at, end)], [gz, zlib.gzipSync(text.subarray(at, end), { level: 6 })]]) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, dir === gz ? `${name}.gz` : name), body);
    }
    names.push(name);
    at = end;
  }
  return { build, gz, names, bytes: text.length };
}

// zgrep -c over the gzipped copies: ms and the total count of matching lines.
function zgrep(gz, names) {
  const t0 = performance.now();
  let lines = 0;
  for (let i = 0; i < names.length; i += 200) {
    const batch = names.slice(i, i + 200).map((n) => path.join(gz, `${n}.gz`));
    const r = spawnSync('zgrep', ['-c', '-F', '--', PATTERN, ...batch], { encoding: 'utf8', maxBuffer: 64 << 20 });
    for (const line of r.stdout.split('\n')) {
      const m = /:(\d+)$/.exec(line);
      if (m) lines += Number(m[1]);
    }
  }
  return { ms: performance.now() - t0, lines };
}

async function measure(browser, url) {
  const before = new Set(rendererPeaks().keys());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.waitForSelector('#build-search');
  await page.fill('#build-search', PATTERN);
  await page.uncheck('#build-search-regex');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const results = document.getElementById('build-results');
    const t0 = performance.now();
    let first = NaN;
    const observer = new MutationObserver(() => {
      if (Number.isNaN(first) && results.querySelector('.bs-file')) first = performance.now() - t0;
      if (results.dataset.state === 'done' || results.dataset.state === 'error') {
        observer.disconnect();
        resolve({ first, done: performance.now() - t0, state: results.dataset.state,
          files: Number(results.dataset.files), matches: Number(results.dataset.matches),
          lines: Array.from(results.querySelectorAll('.bs-file')).reduce((n, f) => n + Number(f.dataset.lines), 0),
          timing: window.logstowView.buildSearch.timing });
      }
    });
    observer.observe(results, { subtree: true, childList: true, attributes: true });
    document.getElementById('build-search-go').click();
  }));
  let peak = 0;
  for (const [pid, hwm] of rendererPeaks()) if (!before.has(pid)) peak = Math.max(peak, hwm);
  result.rendererPeak = peak;
  await context.close();
  return result;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'logstow-build-search-bench-'));
  console.error(`bench: generating ${MB} MB in ${FILES} files`);
  const made = makeBuild(work);
  const start = spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['start'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) throw new Error('scripts/swift-dev start failed');
  const site = await serveStatic(process.env.LOGSTOW_WEB_DIR);
  const chromium = await launchChromium();
  try {
    const swift = await Swift.connect();
    const container = await swift.createContainer('build-search-bench', { origins: [site.origin] });
    console.error(`bench: logstow upload into ${container.name}`);
    await swift.upload(container.name, container.key, 'build/', made.build, ['--parallel', '16']);
    const url = `${site.origin}/index.html?q=${encodeURIComponent(`${container.url}/build/`)}`;
    zgrep(made.gz, made.names);  // the page cache warmed, as Swift's is after the upload
    await measure(chromium.browser, url);  // one unmeasured run: Chromium's processes warmed up
    const runs = [];
    const greps = [];
    for (let i = 0; i < RUNS; ++i) {
      const g = zgrep(made.gz, made.names);
      const r = await measure(chromium.browser, url);
      if (r.state !== 'done' || r.lines !== g.lines) {
        throw new Error(`run ${i + 1}: ${r.state}, ${r.lines} lines matched, zgrep -c counts ${g.lines}`);
      }
      console.error(`bench: run ${i + 1}: first ${Math.round(r.first)} ms, done ${Math.round(r.done)} ms, zgrep -c ${Math.round(g.ms)} ms, renderer peak ${MiB(r.rendererPeak).toFixed(0)} MiB; worker ms summed: ${JSON.stringify(r.timing, (k, v) => (typeof v === 'number' ? Math.round(v) : v))} (load ${os.loadavg()[0].toFixed(2)})`);
      runs.push(r);
      greps.push(g);
    }
    const first = median(runs.map((r) => r.first));
    const done = median(runs.map((r) => r.done));
    const grep = median(greps.map((g) => g.ms));
    const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
    const md = [
      `# Build-wide search (${today}, ${os.hostname()}, commit ${commit})`,
      '',
      `Machine: ${os.cpus().length} × ${os.cpus()[0].model}, load ${os.loadavg()[0].toFixed(2)}; Chromium ${chromium.browser.version()}.`,
      `Build: ${made.names.length} files, ${MiB(made.bytes).toFixed(1)} MiB uncompressed (bench/viewer_bench_log cut into files), stored gzip-encoded by \`logstow upload\` in Swift 2.30 on 127.0.0.1; the page on another origin (CORS). Query: the literal \`${PATTERN}\` (${runs[0].lines} lines, ${runs[0].matches} matches, equal to zgrep -c's count).`,
      '',
      '| figure (median of runs) | measured | target |',
      '|---|---|---|',
      `| first results drawn | ${Math.round(first)} ms | ≤ 500 ms |`,
      `| every file searched | ${Math.round(done)} ms | ≤ 5,000 ms |`,
      `| \`zgrep -c -F\` over the same files gzipped on local disk | ${Math.round(grep)} ms | |`,
      `| build search / zgrep | ${(done / grep).toFixed(2)}× | ≤ 2× |`,
      `| renderer peak RSS (VmHWM, page and workers) | ${MiB(median(runs.map((r) => r.rendererPeak))).toFixed(0)} MiB | bounded |`,
      '',
      'Per run; the last three columns are ms summed over files in the workers: waiting for Swift\'s',
      'answer, reading and indexing the body (inflate included), searching.',
      '',
      '| run | first ms | done ms | zgrep ms | peak MiB | wait | body | search |',
      '|---|---|---|---|---|---|---|---|',
      ...runs.map((r, i) => `| ${i + 1} | ${Math.round(r.first)} | ${Math.round(r.done)} | ${Math.round(greps[i].ms)} | ${MiB(r.rendererPeak).toFixed(0)} | ${Math.round(r.timing.wait)} | ${Math.round(r.timing.body)} | ${Math.round(r.timing.search)} |`),
      '',
    ].join('\n');
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'build_search.md'), md);
    console.log(md);
    await swift.deleteContainer(container.name);
  } finally {
    await chromium.close();
    await site.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (!KEEP_SWIFT) spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['stop'], { stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
