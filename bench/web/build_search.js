#!/usr/bin/env node
// The build-wide search's figures (issue 16 item 5), in headless Debian Chromium against a local
// Swift: a generated devstack-like build (an oslo-style log from bench/viewer_bench_log cut into
// --files files in its logs/ folder), uploaded gzip-encoded with `logstow upload`, searched from
// its folder view (web/build_search*.js). In the same run, beside it:
//  - `zgrep -c` over the same files gzipped on local disk;
//  - the Swift floor: the same Swift asked for the listing and then every object, as many GETs
//    in flight as the page keeps (its FETCHES, over at most six connections, as Chromium opens
//    to one host over HTTP/1.1), each body read and dropped: what the local Swift alone costs;
//  - the browser floor: the same Chromium asks for the listing and every object from one
//    worker on the page's origin, as many in flight, each body read and dropped: what fetching
//    the build costs this browser and this Swift together on this machine;
//  - unless --baseline-runs 0: the folder view's comparison with a good build (web/
//    folder_baseline.js: &baseline= on the logs/ folder, every file's new lines counted), the
//    good build being the same files without the lines injected into the searched one.
// Run by hand, not in ctest:
//
//   node bench/web/build_search.js [--mb 200] [--files 2000] [--runs 3] [--baseline-runs 1]
//                                  [--build build] [--out bench/runs/<date>-<host>] [--keep-swift]
//
// Chromium is driven over a bare DevTools pipe (cdp_pipe.js), not Playwright, whose per-request
// instrumentation of the page and its workers would be measured with it.
// Needs a build (build/cli/logstow, build/bench/viewer_bench_log, build/wasm/web), Debian's
// chromium, zgrep and scripts/swift-dev's packages. Starts its own Swift in
// $LOGSTOW_SWIFT_DIR (default /tmp/logstow-build-search-bench-swift, proxy port 28480) and stops
// it, unless --keep-swift: then Swift and the uploaded build stay, and the next run of the same
// --mb and --files uses them instead of uploading again.
//
// Per run (a fresh browser context): ms from pressing Enter in the search box to the first file's
// results drawn and to every file searched (the view's data-state), the renderer's peak RSS
// (bench_setup.js rendererPeak: the page and its workers), the matches found, checked against
// zgrep's counts, and the load average. Writes <out>/build_search.md.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { ROOT, args, option, BUILD, OUT, today, benchEnvironment, median, MiB, loadAverage,
  rendererMemory, rendererPeak, cpuSeconds, cpuSpent } = require('./bench_setup');
const { launchBare } = require('./cdp_pipe');

const MB = Number(option('mb', 200));
const FILES = Number(option('files', 2000));
const RUNS = Number(option('runs', 3));
const BASELINE_RUNS = Number(option('baseline-runs', 1));
const KEEP_SWIFT = args.includes('--keep-swift');
if (!(RUNS >= 1)) {
  console.error('bench: --runs must be at least 1 (the report is built on the search runs; --baseline-runs 0 leaves the compare out)');
  process.exit(2);
}
const PATTERN = 'Lazy-loading';  // a literal the generator writes on some lines
const INJECT_EVERY = 5000;       // lines of the source between two lines only the searched build has
const BROWSER_CONNECTIONS = 6;   // Chromium's HTTP/1.1 connections per host

const { serveStatic, Swift } = benchEnvironment({
  swiftDir: '/tmp/logstow-build-search-bench-swift', proxyPort: '28480', portBase: '26600', memcachedPort: '21712',
});

// The generated log cut into FILES files of whole lines, in logs/ as a devstack job has them
// (one folder, so that the folder view's baseline comparison covers the whole build). The
// searched build has a line injected every INJECT_EVERY lines; the good build has not.
function makeBuild(work) {
  const logFile = path.join(work, 'source.log');
  execFileSync(path.join(BUILD, 'bench', 'viewer_bench_log'), [logFile, String(MB)]);
  const text = fs.readFileSync(logFile);
  fs.rmSync(logFile);
  const dirs = { build: path.join(work, 'build'), good: path.join(work, 'good'), gz: path.join(work, 'gz') };
  const per = Math.ceil(text.length / FILES);
  const names = [];
  let injected = 0;
  let lineNo = 0;
  let at = 0;
  for (let i = 0; i < FILES && at < text.length; ++i) {
    let end = Math.min(text.length, at + per);
    const nl = text.indexOf(10, end - 1);
    end = nl < 0 ? text.length : nl + 1;
    const good = text.subarray(at, end);
    const parts = [];
    let from = 0;
    for (let p = good.indexOf(10); p >= 0; p = good.indexOf(10, p + 1)) {
      if (++lineNo % INJECT_EVERY === 0) {
        parts.push(good.subarray(from, p + 1), Buffer.from(`2026-12-07 06:00:00.000 4242 ERROR bench.injected [-] injected failure ${injected}\n`));
        injected += 1;
        from = p + 1;
      }
    }
    parts.push(good.subarray(from));
    const bad = Buffer.concat(parts);
    const name = `logs/screen-${String(i).padStart(4, '0')}.txt`;
    for (const [dir, file, body] of [[dirs.build, name, bad], [dirs.good, name, good], [dirs.gz, `${name}.gz`, zlib.gzipSync(bad, { level: 6 })]]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), body);
    }
    names.push(name);
    at = end;
  }
  return { ...dirs, names, bytes: text.length, injected };
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

// The Swift floor: the listing page the search starts from, then every object, `fetches` GETs
// in flight over at most BROWSER_CONNECTIONS keep-alive connections, headers as the page's
// (CORS Origin, gzip accepted: Swift sends the stored gzip bytes), each body read and dropped.
async function swiftFloor(folderUrl, names, { fetches, origin }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS });
  let bytes = 0;
  const get = (url) => new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { Origin: origin, 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      res.on('data', (chunk) => {
        bytes += chunk.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const u = new URL(folderUrl);
  const prefix = decodeURIComponent(u.pathname.split('/').slice(4).join('/'));
  const containerUrl = `${u.origin}${u.pathname.split('/').slice(0, 4).join('/')}`;
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  await get(`${containerUrl}?format=json&prefix=${encodeURIComponent(prefix)}`);
  let next = 0;
  await Promise.all(Array.from({ length: fetches }, async () => {
    while (next < names.length) await get(folderUrl + names[next++].split('/').map(encodeURIComponent).join('/'));
  }));
  const ms = performance.now() - t0;
  const cpu = cpuSpent(cpu0, cpuSeconds());
  agent.destroy();
  return { ms, bytes, cpu };
}

async function measureSearch(browser, url) {
  const before = new Set(rendererMemory().keys());
  const page = await browser.newPage();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = rendererPeak(before, peak);
  }, 200);
  await page.navigate(url);
  await page.waitFor("document.body.dataset.ready === 'true' && document.getElementById('build-search') !== null");
  const cpu0 = cpuSeconds();
  const result = await page.evaluate(`new Promise((resolve) => {
    const box = document.getElementById('build-search');
    box.focus();  // as a reader's typing does: the page starts its workers on focus
    box.value = ${JSON.stringify(PATTERN)};
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const regex = document.getElementById('build-search-regex');
    if (regex.checked) regex.click();
    const results = document.getElementById('build-results');
    const t0 = performance.now();
    let first = NaN;
    const observer = new MutationObserver(() => {
      if (Number.isNaN(first) && results.querySelector('.bs-file')) first = performance.now() - t0;
      if (results.dataset.state === 'done' || results.dataset.state === 'error') {
        observer.disconnect();
        const view = window.logstowView.buildSearch;
        resolve({ first, done: performance.now() - t0, state: results.dataset.state,
          files: Number(results.dataset.files), matches: Number(results.dataset.matches),
          lines: Array.from(results.querySelectorAll('.bs-file')).reduce((n, f) => n + Number(f.dataset.lines), 0),
          rows: results.querySelectorAll('.bs-row').length, timing: view.timing, shape: view.shape, wasmPeak: view.wasmPeak,
          marks: Object.fromEntries(Object.entries(view.marks).map(([k, v]) => [k, v - t0])) });
      }
    });
    observer.observe(results, { subtree: true, childList: true, attributes: true });
    document.getElementById('build-search-go').click();
  })`);
  result.cpu = cpuSpent(cpu0, cpuSeconds());
  clearInterval(sampler);
  result.rendererPeak = rendererPeak(before, peak);
  await page.close();
  return result;
}

// The folder view with &baseline=: ms from navigation to every file's new lines counted.
async function measureBaseline(browser, url) {
  const before = new Set(rendererMemory().keys());
  const page = await browser.newPage();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = rendererPeak(before, peak);
  }, 200);
  const cpu0 = cpuSeconds();
  const t0 = Date.now();
  await page.navigate(url);
  await page.waitFor('document.body && document.body.dataset.baseline !== undefined', { pollMs: 100, timeoutMs: 1800000 });
  const ms = Date.now() - t0;
  const cpu = cpuSpent(cpu0, cpuSeconds());
  const newLines = Number(await page.evaluate('document.body.dataset.baseline'));
  clearInterval(sampler);
  const result = { ms, newLines, cpu, rendererPeak: rendererPeak(before, peak) };
  await page.close();
  return result;
}

// The browser floor: the same Chromium, on the page's origin, asks for the listing and every
// object of each of `folderUrls` from one dedicated worker, `fetches` in flight, reading each
// body (the browser undoes Content-Encoding: gzip) and dropping it: what fetching the build
// costs this browser and this Swift together, before any of the viewer's work.
async function browserFloor(browser, floorPage, folderUrls, names, { fetches }) {
  const page = await browser.newPage();
  await page.navigate(floorPage);
  await page.waitFor("document.readyState === 'complete'");
  const urls = [];
  for (const folderUrl of folderUrls) {
    const u = new URL(folderUrl);
    const prefix = decodeURIComponent(u.pathname.split('/').slice(4).join('/'));
    urls.push(`${u.origin}${u.pathname.split('/').slice(0, 4).join('/')}?format=json&prefix=${encodeURIComponent(prefix)}`);
  }
  const objects = folderUrls.flatMap((folderUrl) => names.map((n) => folderUrl + n.split('/').map(encodeURIComponent).join('/')));
  const worker = `onmessage = async (event) => {
    const { listings, objects, fetches } = event.data;
    let bytes = 0;
    const drain = async (url) => {
      const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      const reader = response.body.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.length;
    };
    const t0 = performance.now();
    try {
      await Promise.all(listings.map(drain));
      let next = 0;
      await Promise.all(Array.from({ length: fetches }, async () => {
        while (next < objects.length) await drain(objects[next++]);
      }));
      postMessage({ ms: performance.now() - t0, bytes });
    } catch (error) {
      postMessage({ error: String(error) });
    }
  };`;
  const cpu0 = cpuSeconds();
  const result = await page.evaluate(`new Promise((resolve) => {
    const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(worker)}], { type: 'text/javascript' })));
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage({ listings: ${JSON.stringify(urls)}, objects: ${JSON.stringify(objects)}, fetches: ${fetches} });
  })`);
  result.cpu = cpuSpent(cpu0, cpuSeconds());
  await page.close();
  if (result.error) throw new Error(`browser floor: ${result.error}`);
  return result;
}

const r0 = (x) => (Number.isFinite(x) ? String(Math.round(x)) : 'n/a');

function report({ made, runs, baselines, browser, commit }) {
  const first = median(runs.map((r) => r.search.first));
  const done = median(runs.map((r) => r.search.done));
  const grep = median(runs.map((r) => r.grep.ms));
  const floor = median(runs.map((r) => r.floor.ms));
  const shape = runs[0].search.shape;
  const s = runs[0].search;
  const out = [
    `# Build-wide search (${today}, ${os.hostname()}, commit ${commit})`,
    '',
    `\`node bench/web/build_search.js --mb ${MB} --files ${FILES} --runs ${RUNS} --baseline-runs ${BASELINE_RUNS}\`.`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0].model}; load average (1, 5, 15 min) per run below, ${loadAverage()} at the end; Chromium ${browser.version()}, driven over a bare DevTools pipe (bench/web/cdp_pipe.js).`,
    `Build: ${made.names.length} files, ${MiB(made.bytes).toFixed(1)} MiB uncompressed (bench/viewer_bench_log cut into logs/*.txt), stored gzip-encoded (${MiB(runs[0].floor.bytes).toFixed(1)} MiB) by \`logstow upload\` in Swift 2.30 on 127.0.0.1 (scripts/swift-dev: one proxy worker, one object server, Python, on the same VM as the browser); the page on another origin (CORS). Query: the literal \`${PATTERN}\` (${s.lines} lines, ${s.matches} matches, equal to zgrep -c's count; ${s.rows} rows drawn). The page ran ${shape.workers} workers with ${shape.fetches} GETs in flight.`,
    '',
    '| figure (median of runs) | measured | target |',
    '|---|---|---|',
    `| first results drawn | ${r0(first)} ms | ≤ 500 ms |`,
    `| every file searched | ${r0(done)} ms | ≤ 5,000 ms |`,
    `| \`zgrep -c -F\` over the same files gzipped on local disk | ${r0(grep)} ms | |`,
    `| build search / zgrep (median of the runs' ratios) | ${median(runs.map((r) => r.search.done / r.grep.ms)).toFixed(2)}× | ≤ 2× |`,
    `| Swift floor: listing + every object GET, ${shape.fetches} in flight over ${BROWSER_CONNECTIONS} connections, bodies dropped | ${r0(floor)} ms | |`,
    `| build search / Swift floor (median of the runs' ratios) | ${median(runs.map((r) => r.search.done / r.floor.ms)).toFixed(2)}× | |`,
    `| browser floor: the same GETs from a worker in this Chromium, ${shape.fetches} in flight, bodies read (inflated) and dropped | ${r0(median(runs.map((r) => r.fetched.ms)))} ms | |`,
    `| build search / browser floor (median of the runs' ratios) | ${median(runs.map((r) => r.search.done / r.fetched.ms)).toFixed(2)}× | |`,
    `| renderer peak RSS (VmHWM, page and workers) | ${MiB(median(runs.map((r) => r.search.rendererPeak))).toFixed(0)} MiB | bounded |`,
  ];
  if (baselines.length) {
    out.push(`| compare with a good build (folder view, &baseline=, ${made.names.length} files) | ${r0(median(baselines.map((b) => b.ms)))} ms | ≤ 10,000 ms |`,
      `| browser floor of the compare: both builds' GETs, as above | ${r0(median(baselines.map((b) => b.fetched.ms)))} ms | |`);
  }
  out.push('',
    'Per run; load is the 1-minute load average when the run began; worker Wasm: the largest Wasm',
    'memory a search worker reported after a file; the last four columns are ms',
    'summed over files in the workers: waiting for Swift\'s answer (head), answered but waiting for',
    'the worker, reading and indexing the body (inflate included), searching.',
    '',
    '| run | load | first ms | done ms | zgrep ms | Swift floor ms | browser floor ms | ÷ zgrep | ÷ Swift floor | ÷ browser floor | peak MiB | worker Wasm MiB | wait | queued | body | search |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${r.load} | ${r0(r.search.first)} | ${r0(r.search.done)} | ${r0(r.grep.ms)} | ${r0(r.floor.ms)} | ${r0(r.fetched.ms)} | ${(r.search.done / r.grep.ms).toFixed(2)} | ${(r.search.done / r.floor.ms).toFixed(2)} | ${(r.search.done / r.fetched.ms).toFixed(2)} | ${MiB(r.search.rendererPeak).toFixed(0)} | ${MiB(r.search.wasmPeak || 0).toFixed(0)} | ${r0(r.search.timing.wait)} | ${r0(r.search.timing.queued)} | ${r0(r.search.timing.body)} | ${r0(r.search.timing.search)} |`));
  const cpuKeys = ['chromium renderer', 'renderer main', 'renderer workers', 'renderer pool', 'chromium network', 'chromium browser', 'chromium gpu', 'swift proxy-server',
    'swift object-server', 'swift container-server', 'machine'];
  const sec = (cpu, k) => (cpu[k] || 0).toFixed(1);
  out.push('',
    'First results, ms after the click (run.marks): the search worker\'s core ready, the first',
    'listing page in (worker), its files handed out (page), the first file searched, its results drawn.',
    '',
    '| run | core ready | listing page (worker) | files dispatched | first done | first drawn |',
    '|---|---|---|---|---|---|',
    ...runs.map((r, i) => { const m = r.search.marks; return `| ${i + 1} | ${r0(m['worker core'])} | ${r0(m['worker page'])} | ${r0(m.listedPage)} | ${r0(m.firstDone)} | ${r0(r.search.first)} |`; }),
    '',
    'CPU seconds spent while the search ran and while the browser floor ran (and, for the machine,',
    'while the Swift floor ran): the Chromium of this bench by process (the renderer also by thread:',
    'main, the dedicated workers, the thread pool), the local Swift by server, and every core of the',
    'machine (other work included).',
    '',
    `| run | ${cpuKeys.join(' | ')} | machine during Swift floor | Swift proxy + object during Swift floor |`,
    `|---|---|${cpuKeys.map(() => '---|').join('')}---|`,
    ...runs.flatMap((r, i) => [
      `| ${i + 1} search | ${cpuKeys.map((k) => sec(r.search.cpu, k)).join(' | ')} | ${sec(r.floor.cpu, 'machine')} | ${((r.floor.cpu['swift proxy-server'] || 0) + (r.floor.cpu['swift object-server'] || 0)).toFixed(1)} |`,
      `| ${i + 1} browser floor | ${cpuKeys.map((k) => sec(r.fetched.cpu, k)).join(' | ')} | | |`]));
  if (baselines.length) {
    out.push('',
      `Compare with a good build: the logs/ folder opened with &baseline= the good build's logs/ (the same files without the ${made.injected} injected lines); ms from navigation until every file's count is in (body data-baseline).`,
      '',
      '| run | load | ms | browser floor ms | ÷ browser floor | new lines (expected) | peak MiB | CPU s: renderer workers | renderer main | machine |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...baselines.map((b, i) => `| ${i + 1} | ${b.load} | ${r0(b.ms)} | ${r0(b.fetched.ms)} | ${(b.ms / b.fetched.ms).toFixed(2)} | ${b.newLines} (${made.injected}) | ${MiB(b.rendererPeak).toFixed(0)} | ${sec(b.cpu, 'renderer workers')} | ${sec(b.cpu, 'renderer main')} | ${sec(b.cpu, 'machine')} |`));
  }
  out.push('');
  return out.join('\n');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'logstow-build-search-bench-'));
  console.error(`bench: generating ${MB} MB in ${FILES} files (load ${loadAverage()})`);
  const made = makeBuild(work);
  const start = spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['start'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) throw new Error('scripts/swift-dev start failed');
  const site = await serveStatic(process.env.LOGSTOW_WEB_DIR, { '/floor.html': ['text/html', '<!doctype html><title>browser floor</title>'] });
  const browser = await launchBare();
  let swift;
  let container;
  try {
    swift = await Swift.connect();
    // --keep-swift: one container per build size, kept, and not uploaded again when it holds
    // every file (the generator is deterministic).
    container = await swift.createContainer(KEEP_SWIFT ? `build-search-bench-${MB}-${FILES}` : 'build-search-bench',
      { origins: [site.origin], unique: !KEEP_SWIFT });
    const u0 = performance.now();
    for (const [prefix, dir] of BASELINE_RUNS > 0 ? [['build/', made.build], ['good/', made.good]] : [['build/', made.build]]) {
      const stored = KEEP_SWIFT ? new Set(await swift.list(container.name, prefix)) : new Set();
      if (made.names.every((n) => stored.has(prefix + n))) continue;
      console.error(`bench: logstow upload into ${container.name}/${prefix}`);
      await swift.upload(container.name, container.key, prefix, dir, ['--parallel', '16']);
    }
    const uploadMs = performance.now() - u0;
    console.error(`bench: uploaded in ${Math.round(uploadMs)} ms`);
    const folderUrl = `${container.url}/build/`;
    const url = `${site.origin}/index.html?q=${encodeURIComponent(folderUrl)}`;
    zgrep(made.gz, made.names);  // the page cache warmed, as Swift's is after the upload
    const warm = await measureSearch(browser, url);  // unmeasured: Chromium's processes warmed up
    const runs = [];
    for (let i = 0; i < RUNS; ++i) {
      const load = os.loadavg()[0].toFixed(2);
      const grep = zgrep(made.gz, made.names);
      const floor = await swiftFloor(folderUrl, made.names, { fetches: warm.shape.fetches, origin: site.origin });
      const fetched = await browserFloor(browser, `${site.origin}/floor.html`, [folderUrl], made.names, { fetches: warm.shape.fetches });
      const search = await measureSearch(browser, url);
      if (search.state !== 'done' || search.lines !== grep.lines) {
        throw new Error(`run ${i + 1}: ${search.state}, ${search.lines} lines matched, zgrep -c counts ${grep.lines}`);
      }
      console.error(`bench: CPU s during the search ${JSON.stringify(search.cpu, (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}; during the floor ${JSON.stringify(floor.cpu, (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}; during the browser floor ${JSON.stringify(fetched.cpu, (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}`);
      console.error(`bench: run ${i + 1} (load ${loadAverage()}): first ${r0(search.first)} ms, done ${r0(search.done)} ms, zgrep -c ${r0(grep.ms)} ms, Swift floor ${r0(floor.ms)} ms, browser floor ${r0(fetched.ms)} ms, renderer peak ${MiB(search.rendererPeak).toFixed(0)} MiB; worker ms summed: ${JSON.stringify(search.timing, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
      runs.push({ load, grep, floor, fetched, search });
    }
    const baselines = [];
    for (let i = 0; i < BASELINE_RUNS; ++i) {
      const load = os.loadavg()[0].toFixed(2);
      const fetched = await browserFloor(browser, `${site.origin}/floor.html`, [folderUrl, `${container.url}/good/`], made.names, { fetches: warm.shape.fetches });
      const b = await measureBaseline(browser, `${site.origin}/index.html?q=${encodeURIComponent(`${folderUrl}logs/`)}&baseline=${encodeURIComponent(`${container.url}/good/logs/`)}`);
      b.fetched = fetched;
      console.error(`bench: compare run ${i + 1} (load ${loadAverage()}): ${r0(b.ms)} ms (browser floor ${r0(fetched.ms)} ms), ${b.newLines} new lines (${made.injected} injected), renderer peak ${MiB(b.rendererPeak).toFixed(0)} MiB`);
      baselines.push({ load, ...b });
    }
    const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
    const md = report({ made, runs, baselines, browser, commit });
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'build_search.md'), md);
    console.log(md);
  } finally {
    if (container && !KEEP_SWIFT) await swift.deleteContainer(container.name);
    await browser.close();
    await site.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (!KEEP_SWIFT) spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['stop'], { stdio: 'inherit' });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
module.exports = { cpuSeconds, cpuSpent, measureSearch, serveStatic, Swift };
