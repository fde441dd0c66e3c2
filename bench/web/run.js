#!/usr/bin/env node
// The web viewer's figures (issue 6), measured in headless Debian Chromium on a generated oslo-style
// log served by a local Swift with gzip Content-Encoding (uploaded with `logstow upload`), side by
// side with the same file opened the way Zuul's web UI does it (bench/web/all_rows.*: every line a
// DOM row). Run by hand, not in ctest:
//
//   node bench/web/run.js [--mb 100] [--runs 5] [--baseline-runs 1] [--build build]
//                         [--out bench/runs/<date>-<host>] [--keep-swift]
//
// Needs a build (build/cli/logstow, build/bench/viewer_bench_log, build/wasm/web), Debian's
// chromium and scripts/swift-dev's packages. Chromium is driven over a bare DevTools pipe
// (cdp_pipe.js), not Playwright: Playwright holds every new worker until node has answered it
// (the viewer's worker fetches the log) and reports every request to node, costs the bare
// pages (no worker, two requests) hardly pay. Starts its own Swift in
// $LOGSTOW_SWIFT_DIR (default /tmp/logstow-web-bench-swift, proxy port 28380 unless
// LOGSTOW_SWIFT_PROXY_PORT says otherwise) and stops it at the end.
//
// Per page load (a fresh browser context each time): time from navigation start to the first
// rows drawn and to the whole file indexed (performance marks the pages set), to a search result,
// main-thread busy time and long tasks during the load (CDP Performance metrics, PerformanceObserver
// "longtask"), JS heap, Wasm memory and the renderer's peak RSS (/proc VmHWM), and frame intervals
// (requestAnimationFrame) while scrolling and while jumping through the file. Medians are written
// to <out>/web.md with the machine, the load average and the commit.
//
// Absolute times on a shared VM move 2x from day to day, so each run also loads two bare pages
// on the same object, interleaved with the viewer's loads: bare.html?floor=head (fetch, show the
// first 64 KiB as text: the floor for first rows) and bare.html?floor=inflate (fetch and inflate
// the whole body, nothing else: the floor for whole-file indexed). The viewer's figures are reported as
// ratios to them (targets: first rows <= 1.5x, indexed <= 1.3x).
//
// LOGSTOW_BENCH_TRACE=FILE keeps the Chromium trace of the one traced first visit (Perfetto or
// chrome://tracing open it): every thread's tasks, the page's and the worker's requests.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, args, option, BUILD, OUT, today, benchEnvironment, median, MiB, rendererMemory, rendererPeak,
  cpuSeconds, cpuSpent } = require('./bench_setup');

const MB = Number(option('mb', 100));
const RUNS = Number(option('runs', 5));
const BASELINE_RUNS = Number(option('baseline-runs', 1));
const KEEP_SWIFT = args.includes('--keep-swift');
const { launchBare } = require('./cdp_pipe');
const { serveStatic, Swift, request } = benchEnvironment({
  swiftDir: '/tmp/logstow-web-bench-swift', proxyPort: '28380', portBase: '26500', memcachedPort: '21612',
});

const pct = (xs, p) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

// Waits for the page's data-ready (any value) by polling one expression: nothing is injected
// into the page being measured.
const waitReady = (page, pollMs = 50) => page.waitFor('document.body && document.body.dataset.ready', { pollMs });

// One page load and the measurements around it.
// `warm`: the page was opened once before in the same browser context (HTTP cache, V8 and Wasm
// code caches), as when a reader goes from a folder to its logs; else a first visit.
async function measure(browser, url, { baseline, searchPatterns, findText, warm = false }) {
  const before = new Set(rendererMemory().keys());
  const page = await browser.newPage({ width: 1280, height: 800 });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  if (warm) {
    await page.navigate(url);
    await waitReady(page, 250);
    await page.navigate('about:blank');
  }
  await page.send('Performance.enable');
  let peak = 0;
  const sampler = setInterval(() => {
    peak = rendererPeak(before, peak);
  }, 100);
  const metricsBefore = Object.fromEntries((await page.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const started = Date.now();
  const cpu0 = cpuSeconds();
  await page.navigate(url);
  await waitReady(page, 250);
  const cpu = cpuSpent(cpu0, cpuSeconds());
  const loadWall = Date.now() - started;
  const ready = await page.evaluate(() => document.body.dataset.ready);
  if (ready !== 'true') {
    throw new Error(`${url} did not load: ${await page.evaluate(() => (document.getElementById('message') || document.body).textContent)}`);
  }
  const metrics = Object.fromEntries((await page.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const result = await page.evaluate((isBaseline) => {
    const mark = (name) => {
      const e = performance.getEntriesByName(name)[0];
      return e ? e.startTime : NaN;
    };
    const v = window.logstowView;
    return {
      ready: document.body.dataset.ready,
      firstRows: mark(isBaseline ? 'baseline:first-rows' : 'logstow:first-rows'),
      // The log's first screen readable: the plain-text preview (web/log_preview.js) when the
      // page drew one before the highlighted rows, else those rows.
      firstText: isBaseline ? NaN
        : Math.min(...['logstow:first-text', 'logstow:first-rows'].map(mark).filter(Number.isFinite)),
      indexed: mark(isBaseline ? 'baseline:first-rows' : 'logstow:indexed'),
      lines: isBaseline ? window.baselineLines : v.lines,
      longTasks: window.__longTasks,
      wasmBytes: isBaseline ? 0 : v.progress.wasmBytes,
      docBytes: isBaseline ? 0 : v.progress.docBytes,
      domNodes: document.getElementsByTagName('*').length,
      // Where the time went (viewer only): the page's marks (main.js, log_open.js, file_view.js)
      // and the worker's steps (viewer_worker.js phase(), ms since the epoch), all as ms from
      // navigation start; and the worker's own costs.
      phases: isBaseline ? {} : Object.fromEntries([
        ...performance.getEntriesByType('mark').filter((e) => e.name.startsWith('logstow:'))
          .map((e) => [e.name.slice('logstow:'.length), e.startTime]),
        ...Object.entries(v.workerPhases || {}).map(([k, t]) => [`worker ${k}`, t - performance.timeOrigin]),
      ]),
      work: isBaseline ? {} : { ...(v.workerWork || {}) },
    };
  }, baseline);
  result.loadWall = loadWall;
  result.cpu = cpu;
  const delta = (name) => (metrics[name] - (metricsBefore[name] || 0)) * 1000;
  result.taskMs = delta('TaskDuration');
  result.scriptMs = delta('ScriptDuration');
  result.layoutMs = delta('LayoutDuration') + delta('RecalcStyleDuration');
  result.jsHeap = metrics.JSHeapUsedSize;
  const loadLong = result.longTasks.filter(([start]) => start <= result.indexed + 1);
  result.longestTask = loadLong.reduce((m, [, d]) => Math.max(m, d), 0);
  result.longTaskCount = loadLong.length;

  // Search: the viewer's box (RE2 in the worker over the whole file); the baseline has none, so
  // the browser's find-in-page (window.find) for a string on the last line stands in.
  result.search = [];
  if (!baseline) {
    for (const s of searchPatterns) {
      result.search.push(await page.evaluate(async ({ pattern, literal }) => {
        const input = document.getElementById('search');
        document.getElementById('search-regex').checked = !literal;
        const status = document.getElementById('search-status');
        delete status.dataset.count;
        input.value = pattern;
        const t0 = performance.now();
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        while (status.dataset.count === undefined || status.dataset.partial !== 'false' ||
               window.logstowView.searchInfo.pattern !== pattern) {
          await new Promise((r) => setTimeout(r, 1));
        }
        return { pattern, ms: performance.now() - t0, count: Number(status.dataset.count) };
      }, s));
    }
  } else {
    result.search.push(await page.evaluate((text) => {
      const t0 = performance.now();
      const found = window.find(text);
      return { pattern: `window.find(${JSON.stringify(text.slice(0, 24))}…)`, ms: performance.now() - t0, count: found ? 1 : 0 };
    }, findText));
  }

  // Frames: 120 scroll steps of 10 rows (a fast wheel), then 30 jumps to random places (a
  // scrollbar drag), one per frame; rAF intervals. For the viewer also: frames until the rows at
  // a jump's target show their text (they come from the worker).
  const frames = await page.evaluate(async (isBaseline) => {
    const scroller = isBaseline ? document.scrollingElement : document.getElementById('log');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const intervals = async (steps, act) => {
      const out = [];
      let last = await frame();
      for (let i = 0; i < steps; ++i) {
        act(i);
        const now = await frame();
        out.push(now - last);
        last = now;
      }
      return out;
    };
    scroller.scrollTop = 0;
    await frame();
    const scroll = await intervals(120, () => { scroller.scrollTop += 180; });
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const max = scroller.scrollHeight - scroller.clientHeight;
    const jump = await intervals(30, () => { scroller.scrollTop = Math.floor(random() * max); });
    // The time from a jump until the rows drawn there hold their text (a MutationObserver sees
    // the rows go in; they are painted at the next frame).
    const textAfter = [];
    if (!isBaseline) {
      await frame();
      for (let i = 0; i < 20; ++i) {
        const t0 = performance.now();
        const done = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (scroller.querySelector('.row') && !scroller.querySelector('.row.pending')) {
              observer.disconnect();
              resolve(performance.now());
            }
          });
          observer.observe(scroller, { childList: true, subtree: true });
        });
        scroller.scrollTop = Math.floor(random() * max);
        textAfter.push((await done) - t0);
        await frame();
        await frame();
      }
    }
    return { scroll, jump, textAfter };
  }, baseline);
  result.frames = frames;
  clearInterval(sampler);
  result.rendererPeak = rendererPeak(before, peak);
  await page.close();
  return result;
}

// One load of a bare page (bare.html?floor=head / bare.html?floor=inflate) in a fresh browser context: the
// time from navigation start to its mark; with `cpu`, {ms, cpu} (CPU seconds spent meanwhile).
async function measureBare(browser, url, markName, cpu = null) {
  const page = await browser.newPage({ width: 1280, height: 800 });
  const cpu0 = cpuSeconds();
  await page.navigate(url);
  await waitReady(page);
  const spent = cpuSpent(cpu0, cpuSeconds());
  const ms = await page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, markName);
  await page.close();
  if (cpu) cpu.push(spent);
  return ms;
}

// One more first-visit load under Chromium's tracer: the main thread's tasks with their wall time
// and their CPU time (tdur). On a busy 2-vCPU machine a task's wall time includes waiting for a
// CPU; the CPU time is what the page itself costs.
async function tracedRun(browser, url) {
  const page = await browser.newPage({ width: 1280, height: 800 });
  const events = await browser.trace(['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'], async () => {
    await page.navigate(url);
    await waitReady(page);
  });
  await page.close();
  // LOGSTOW_BENCH_TRACE=FILE keeps the trace (chrome://tracing, or Perfetto, reads it).
  if (process.env.LOGSTOW_BENCH_TRACE) fs.writeFileSync(process.env.LOGSTOW_BENCH_TRACE, JSON.stringify({ traceEvents: events }));
  const threads = {};
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads[`${e.pid}:${e.tid}`] = e.args.name;
  const starts = events.filter((e) => e.name === 'navigationStart');
  const t0 = starts.length ? starts[starts.length - 1].ts : 0;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0 &&
    threads[`${e.pid}:${e.tid}`] === 'CrRendererMain');
  const long = tasks.filter((e) => e.dur > 50000).map((e) => ({ at: (e.ts - t0) / 1000, wall: e.dur / 1000, cpu: (e.tdur || 0) / 1000 }));
  return { long, maxCpu: Math.max(0, ...tasks.map((e) => (e.tdur || 0) / 1000)) };
}

function summarize(runs) {
  const pick = (f) => median(runs.map(f));
  return {
    n: runs.length,
    firstRows: pick((r) => r.firstRows),
    firstText: pick((r) => r.firstText),
    indexed: pick((r) => r.indexed),
    search: runs[0].search.map((s, i) => ({ pattern: s.pattern, count: s.count, ms: median(runs.map((r) => r.search[i].ms)) })),
    taskMs: pick((r) => r.taskMs),
    scriptMs: pick((r) => r.scriptMs),
    layoutMs: pick((r) => r.layoutMs),
    longestTask: pick((r) => r.longestTask),
    longestTaskMax: Math.max(...runs.map((r) => r.longestTask)),
    longTaskCount: pick((r) => r.longTaskCount),
    jsHeap: pick((r) => r.jsHeap),
    wasmBytes: pick((r) => r.wasmBytes),
    docBytes: pick((r) => r.docBytes),
    rendererPeak: pick((r) => r.rendererPeak),
    domNodes: pick((r) => r.domNodes),
    scrollP50: pick((r) => pct(r.frames.scroll, 0.5)),
    scrollP95: pick((r) => pct(r.frames.scroll, 0.95)),
    scrollMax: pick((r) => Math.max(...r.frames.scroll)),
    jumpP50: pick((r) => pct(r.frames.jump, 0.5)),
    jumpP95: pick((r) => pct(r.frames.jump, 0.95)),
    jumpMax: pick((r) => Math.max(...r.frames.jump)),
    textAfterP50: pick((r) => (r.frames.textAfter.length ? pct(r.frames.textAfter, 0.5) : NaN)),
    textAfterP95: pick((r) => (r.frames.textAfter.length ? pct(r.frames.textAfter, 0.95) : NaN)),
    lines: runs[0].lines,
  };
}

// CPU seconds from navigation until the page said it was done (the viewer indexed; the bare page
// inflated), medians over the first visits and the bare inflate loads: whether the machine had a
// core to spare (busy ÷ cores × wall near 1: the viewer's own work adds to the wall time).
function cpuSection(viewerRuns, bare) {
  if (!bare.inflateCpu.length || !viewerRuns.every((r) => r.cpu)) return [];
  const keys = ['renderer main', 'renderer workers', 'renderer pool', 'renderer other', 'chromium network',
    'chromium browser', 'swift proxy-server', 'swift object-server', 'machine'];
  const cores = os.cpus().length;
  const line = (what, cpus, walls) => {
    const cells = keys.map((k) => median(cpus.map((c) => c[k] || 0)).toFixed(2));
    const busy = median(cpus.map((c, i) => c.machine / (cores * walls[i] / 1000)));
    return `| ${what} | ${median(walls).toFixed(0)} | ${cells.join(' | ')} | ${busy.toFixed(2)} |`;
  };
  return ['', `CPU seconds while the page loaded (medians; from before navigation until the bench saw it done, which polls every 50–250 ms; "machine" is every core's busy time, other work included; busy share = machine ÷ (${cores} cores × the page's own time)):`, '',
    `| page | ms | ${keys.join(' | ')} | busy share |`, `|${['', ...keys, '', ''].map(() => '---').join('|')}|`,
    line('viewer, first visit (until indexed)', viewerRuns.map((r) => r.cpu), viewerRuns.map((r) => r.indexed)),
    line('bare inflate', bare.inflateCpu, bare.inflate)];
}

// The viewer against the bare pages of the same runs: ratio of the medians, and the median of
// each run's own ratio (the viewer and the bare page loaded back to back, under the same load).
function bareSection(viewerRuns, bare, loads) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
  const r2 = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
  const rows = [
    ['first text visible (first visit): the plain preview, highlighted rows replace it', viewerRuns.map((r) => r.firstText), bare.head,
      'bare.html?floor=head: first 64 KiB shown as text', 1.5],
    ['first highlighted rows visible (first visit)', viewerRuns.map((r) => r.firstRows), bare.head,
      'the same', null],
    ['whole file indexed (first visit)', viewerRuns.map((r) => r.indexed), bare.inflate,
      'bare.html?floor=inflate: whole body fetched and inflated', 1.3],
  ];
  const out = ['## Against bare pages on the same object, same run', ''];
  out.push(`Load average (1 min) at each run: ${loads.map((l) => l.toFixed(2)).join(', ')} (median ${median(loads).toFixed(2)}).`, '');
  out.push('| | viewer, median | bare page | bare, median | ratio of medians | median of per-run ratios | target |');
  out.push('|---|---|---|---|---|---|---|');
  for (const [what, v, b, page, target] of rows) {
    const perRun = v.map((x, i) => x / b[i]);
    const ratio = median(v) / median(b);
    const met = median(perRun) <= target ? 'met' : 'not met';
    const goal = target === null ? '' : `≤ ${target}× (${met})`;
    out.push(`| ${what} | ${f0(median(v))} ms | ${page} | ${f0(median(b))} ms | ${r2(ratio)} | ${r2(median(perRun))} | ${goal} |`);
  }
  // The viewer's steps, medians over the runs, in the order they happened.
  const names = [...new Set(viewerRuns.flatMap((r) => Object.keys(r.phases || {})))];
  const at = names.map((n) => [n, median(viewerRuns.map((r) => (r.phases || {})[n]))])
    .filter(([, t]) => Number.isFinite(t)).sort((a, b) => a[1] - b[1]);
  if (at.length) {
    out.push('', 'Where the viewer\'s first-visit time went (medians, ms from navigation start; "worker …" are the worker\'s steps):', '');
    out.push(`| ${at.map(([n]) => n).join(' | ')} |`, `|${at.map(() => '---').join('|')}|`, `| ${at.map(([, t]) => f0(t)).join(' | ')} |`);
    const work = (k) => median(viewerRuns.map((r) => (r.work || {})[k]));
    out.push('', `Worker while the log streamed in (medians): ${f0(work('coreMs'))} ms in the core (copy, line split, severity), ${f0(work('yieldMs'))} ms yielded to answer messages, ${f0(work('chunks'))} chunks read, ${f0(work('slices'))} slices appended.`);
  }
  out.push(...cpuSection(viewerRuns, bare));
  out.push('', '| run | viewer first text | first highlighted rows | bare head | ratio (text) | viewer indexed | bare inflate | ratio | load |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  viewerRuns.forEach((r, i) => {
    out.push(`| ${i + 1} | ${f0(r.firstText)} | ${f0(r.firstRows)} | ${f0(bare.head[i])} | ${r2(r.firstText / bare.head[i])} | ${f0(r.indexed)} | ${f0(bare.inflate[i])} | ${r2(r.indexed / bare.inflate[i])} | ${loads[i].toFixed(2)} |`);
  });
  out.push('');
  return out.join('\n');
}

function report({ viewer, warm, traced, baseline, file, stored, lines, machine, perRun }) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : 'n/a');
  const fileMiB = MiB(file);
  const viewerMemory = viewer.jsHeap + viewer.wasmBytes;
  const lines_ = [];
  lines_.push(`# Web viewer figures: ${today}, ${machine.host}`, '');
  lines_.push(`Generated by \`node bench/web/run.js --mb ${MB} --runs ${RUNS} --baseline-runs ${BASELINE_RUNS}\` at commit ${machine.commit}.`);
  lines_.push(`Machine: ${machine.cpu}, ${machine.cores} vCPUs, ${machine.memGiB} GiB RAM, ${machine.os}; ${machine.chromium} headless (--disable-gpu).`);
  lines_.push(`Load average (1 min) before / after: ${machine.loadBefore} / ${machine.loadAfter} (a shared VM: other work ran at the same time).`);
  lines_.push(`Log: ${f0(lines)} lines, ${fileMiB.toFixed(1)} MiB (bench/oslo_log_generator.h), stored gzip-encoded by \`logstow upload\` as ${MiB(stored).toFixed(1)} MiB and served by Swift 2.30 on 127.0.0.1 with \`Content-Encoding: gzip\`; the page on another origin (CORS).`);
  lines_.push(`Medians of ${viewer.n} viewer loads and ${baseline ? baseline.n : 0} baseline load(s), each in a fresh browser context. Times from navigation start.`, '');
  lines_.push('| | viewer (virtualized, Wasm in a worker) | every line a DOM row (Zuul-style) | ratio | target |');
  lines_.push('|---|---|---|---|---|');
  const b = baseline || {};
  lines_.push(`| first rows visible, first visit (cold caches) | ${f0(viewer.firstRows)} ms | ${f0(b.firstRows)} ms | ${ratio(b.firstRows, viewer.firstRows)} faster | ≤ 300 ms; ≥ 50× |`);
  lines_.push(`| first rows visible, page opened before in the session (caches warm) | ${f0(warm.firstRows)} ms | | ${ratio(b.firstRows, warm.firstRows)} faster | ≤ 300 ms |`);
  lines_.push(`| whole file indexed (levels, line index) | ${f0(viewer.indexed)} ms (warm: ${f0(warm.indexed)} ms) | ${f0(b.indexed)} ms (all rows built) | ${ratio(b.indexed, viewer.indexed)} | ≤ 1,500 ms |`);
  viewer.search.forEach((s) => {
    lines_.push(`| search \`${s.pattern}\` (${f0(s.count)} matches, whole file) | ${f0(s.ms)} ms | ${b.search ? `${f0(b.search[0].ms)} ms for ${b.search[0].pattern}` : 'n/a'} | | |`);
  });
  lines_.push(`| main-thread busy during the load (CDP TaskDuration) | ${f0(viewer.taskMs)} ms (script ${f0(viewer.scriptMs)}, style+layout ${f0(viewer.layoutMs)}) | ${f0(b.taskMs)} ms (script ${f0(b.scriptMs)}, style+layout ${f0(b.layoutMs)}) | ${ratio(b.taskMs, viewer.taskMs)} | |`);
  lines_.push(`| longest main-thread task during the load | ${f0(viewer.longestTask)} ms (max of runs ${f0(viewer.longestTaskMax)}; ${f1(viewer.longTaskCount)} tasks > 50 ms); warm ${f0(warm.longestTask)} ms | ${f0(b.longestTask)} ms | | ≤ 50 ms |`);
  lines_.push(`| one traced first visit: main-thread tasks over 50 ms, wall / CPU | ${traced.long.length ? traced.long.map((t) => `${f0(t.wall)} / ${f1(t.cpu)} ms at ${f0(t.at)} ms`).join('; ') : 'none'} (most CPU in any task: ${f1(traced.maxCpu)} ms) | | | |`);
  lines_.push(`| JS heap (main thread) | ${f1(MiB(viewer.jsHeap))} MiB | ${f1(MiB(b.jsHeap))} MiB | | |`);
  lines_.push(`| Wasm memory (worker; document ${f1(MiB(viewer.docBytes))} MiB of it) | ${f1(MiB(viewer.wasmBytes))} MiB | – | | |`);
  lines_.push(`| JS heap + Wasm memory | ${f1(MiB(viewerMemory))} MiB = ${(viewerMemory / file).toFixed(2)}× the file | ${f1(MiB(b.jsHeap))} MiB | | ≤ 2× the file |`);
  lines_.push(`| renderer peak RSS (VmHWM) | ${f0(MiB(viewer.rendererPeak))} MiB | ${f0(MiB(b.rendererPeak))} MiB | ${ratio(b.rendererPeak, viewer.rendererPeak)} less | ≤ 1/5 |`);
  lines_.push(`| DOM elements | ${f0(viewer.domNodes)} | ${f0(b.domNodes)} | | |`);
  lines_.push(`| frame interval scrolling 10 rows/frame, p50 / p95 / max | ${f1(viewer.scrollP50)} / ${f1(viewer.scrollP95)} / ${f1(viewer.scrollMax)} ms | ${f1(b.scrollP50)} / ${f1(b.scrollP95)} / ${f1(b.scrollMax)} ms | | |`);
  lines_.push(`| frame interval jumping to random places, p50 / p95 / max | ${f1(viewer.jumpP50)} / ${f1(viewer.jumpP95)} / ${f1(viewer.jumpMax)} ms | ${f1(b.jumpP50)} / ${f1(b.jumpP95)} / ${f1(b.jumpMax)} ms | | |`);
  lines_.push(`| after a jump, the target rows' text in the DOM (painted the next frame), p50 / p95 | ${f1(viewer.textAfterP50)} / ${f1(viewer.textAfterP95)} ms | (in the DOM already) | | |`, '');
  lines_.push('## Every run', '');
  lines_.push('| page | run | first rows ms | indexed ms | busy ms | longest task ms | JS heap MiB | Wasm MiB | renderer peak MiB |');
  lines_.push('|---|---|---|---|---|---|---|---|---|');
  for (const [name, runs] of perRun) {
    runs.forEach((r, i) => {
      lines_.push(`| ${name} | ${i + 1} | ${f0(r.firstRows)} | ${f0(r.indexed)} | ${f0(r.taskMs)} | ${f0(r.longestTask)} | ${f1(MiB(r.jsHeap))} | ${f1(MiB(r.wasmBytes))} | ${f0(MiB(r.rendererPeak))} |`);
    });
  }
  lines_.push('');
  return lines_.join('\n');
}

async function main() {
  const machine = {
    host: os.hostname(),
    cpu: os.cpus()[0].model.trim(),
    cores: os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: (fs.readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="([^"]+)"/) || [, 'Linux'])[1],
    commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim(),
    loadBefore: os.loadavg()[0].toFixed(2),
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'logstow-web-bench-'));
  const logs = path.join(work, 'logs');
  fs.mkdirSync(logs);
  const logFile = path.join(logs, `oslo-${MB}mb.log`);
  console.error(`bench: generating ${MB} MB in ${logFile}`);
  execFileSync(path.join(BUILD, 'bench', 'viewer_bench_log'), [logFile, String(MB)]);
  const fileBytes = fs.statSync(logFile).size;

  console.error('bench: starting Swift');
  const start = spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['start'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) throw new Error('scripts/swift-dev start failed');
  const extra = {};
  for (const name of ['all_rows.html', 'all_rows.js', 'all_rows.css', 'bare.html', 'bare.js', 'bare.css']) {
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' }[path.extname(name)];
    extra[`/${name}`] = [type, fs.readFileSync(path.join(__dirname, name))];
  }
  const site = await serveStatic(process.env.LOGSTOW_WEB_DIR, extra);
  const browser = await launchBare();
  try {
    const swift = await Swift.connect();
    const container = await swift.createContainer('web-bench', { origins: [site.origin] });
    console.error(`bench: logstow upload into ${container.name}`);
    await swift.upload(container.name, container.key, 'job/', logs);
    const logUrl = swift.objectUrl(container.name, `job/oslo-${MB}mb.log`);
    const head = await request('HEAD', logUrl);
    if (head.headers['content-encoding'] !== 'gzip') throw new Error(`${logUrl} is not gzip-encoded`);
    const stored = Number(head.headers['content-length']);
    const text = fs.readFileSync(logFile, 'utf8');
    const lastLine = text.trimEnd().split('\n').pop();
    const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const searchPatterns = [{ pattern: 'Lazy-loading', literal: true },
      { pattern: 'req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}', literal: false }];
    const q = encodeURIComponent(logUrl);
    const viewerRuns = [];
    const warmRuns = [];
    const bare = { head: [], inflate: [], inflateCpu: [] };
    const loads = [];
    // One unmeasured load of each first (the OS page cache, Swift's and Chromium's processes warmed up).
    await measure(browser, `${site.origin}/index.html?q=${q}`, { baseline: false, searchPatterns });
    await measureBare(browser, `${site.origin}/bare.html?floor=head&q=${q}`, 'bare:first-rows');
    await measureBare(browser, `${site.origin}/bare.html?floor=inflate&q=${q}`, 'bare:indexed');
    for (let i = 0; i < RUNS; ++i) {
      loads.push(os.loadavg()[0]);
      bare.head.push(await measureBare(browser, `${site.origin}/bare.html?floor=head&q=${q}`, 'bare:first-rows'));
      for (const warm of [false, true]) {
        const r = await measure(browser, `${site.origin}/index.html?q=${q}`, { baseline: false, searchPatterns, warm });
        if (r.lines !== lineCount) throw new Error(`viewer shows ${r.lines} lines, the file has ${lineCount}`);
        console.error(`bench: viewer run ${i + 1}${warm ? ' (warm)' : ''}: first text ${Math.round(r.firstText)} ms, first rows ${Math.round(r.firstRows)} ms, indexed ${Math.round(r.indexed)} ms`);
        (warm ? warmRuns : viewerRuns).push(r);
      }
      bare.inflate.push(await measureBare(browser, `${site.origin}/bare.html?floor=inflate&q=${q}`, 'bare:indexed', bare.inflateCpu));
      console.error(`bench: bare run ${i + 1}: head ${Math.round(bare.head[i])} ms, inflate ${Math.round(bare.inflate[i])} ms (load ${loads[i].toFixed(2)})`);
    }
    const traced = await tracedRun(browser, `${site.origin}/index.html?q=${q}`);
    console.error(`bench: traced run: tasks over 50 ms ${JSON.stringify(traced.long)}, most CPU in one task ${traced.maxCpu.toFixed(1)} ms`);
    const baselineRuns = [];
    for (let i = 0; i < BASELINE_RUNS; ++i) {
      console.error(`bench: baseline run ${i + 1} (this takes a while)`);
      const r = await measure(browser, `${site.origin}/all_rows.html?q=${q}`, { baseline: true, findText: lastLine });
      console.error(`bench: baseline run ${i + 1}: rows ${Math.round(r.firstRows)} ms, peak ${Math.round(MiB(r.rendererPeak))} MiB`);
      baselineRuns.push(r);
    }
    machine.loadAfter = os.loadavg()[0].toFixed(2);
    machine.chromium = `Chromium ${browser.version()}, driven over a bare DevTools pipe (bench/web/cdp_pipe.js)`;
    const md = report({ viewer: summarize(viewerRuns), warm: summarize(warmRuns), traced,
      baseline: baselineRuns.length ? summarize(baselineRuns) : null, file: fileBytes, stored,
      lines: lineCount, machine,
      perRun: [['viewer (first visit)', viewerRuns], ['viewer (warm)', warmRuns], ['all rows', baselineRuns]] }) +
      '\n' + bareSection(viewerRuns, bare, loads);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'web.md'), md);
    fs.writeFileSync(path.join(OUT, 'web.json'), JSON.stringify({ machine, viewerRuns, warmRuns, baselineRuns, bare, loads }, null, 1));
    console.log(md);
    console.error(`bench: wrote ${path.join(OUT, 'web.md')}`);
    await swift.deleteContainer(container.name);
  } finally {
    await browser.close();
    await site.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (!KEEP_SWIFT) spawnSync(path.join(ROOT, 'scripts', 'swift-dev'), ['stop'], { stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error}`);
  process.exit(1);
});
