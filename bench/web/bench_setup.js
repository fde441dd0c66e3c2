// What the web benches (bench/web/run.js, memory.js, build_search.js) share: their command-line
// options, where results go (bench/runs/<date>-<host>/), the environment of the viewer build and
// of the Swift they start (scripts/swift-dev, tests/browser/lib), the renderer's memory as /proc
// tells it, CPU seconds by process and thread, and the statistics they print.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
// The value after --NAME on the command line, or `fallback`.
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const BUILD = path.resolve(option('build', path.join(ROOT, 'build')));
const today = new Date().toISOString().slice(0, 10);
const OUT = path.resolve(option('out', path.join(ROOT, 'bench', 'runs', `${today}-${os.hostname()}`)));

// Points the browser harness at the viewer (`webDir`, else $LOGSTOW_WEB_DIR, else the build's)
// and at the bench's own Swift (each default unless the environment already names one; the
// object expirer off), then loads the harness, which reads them.
function benchEnvironment({ webDir, swiftDir, proxyPort, portBase, memcachedPort }) {
  const env = process.env;
  env.LOGSTOW_WEB_DIR = webDir || env.LOGSTOW_WEB_DIR || path.join(BUILD, 'wasm', 'web');
  env.LOGSTOW_CLI = env.LOGSTOW_CLI || path.join(BUILD, 'cli', 'logstow');
  env.LOGSTOW_SWIFT_DIR = env.LOGSTOW_SWIFT_DIR || swiftDir;
  env.LOGSTOW_SWIFT_PROXY_PORT = env.LOGSTOW_SWIFT_PROXY_PORT || proxyPort;
  env.LOGSTOW_SWIFT_PORT_BASE = env.LOGSTOW_SWIFT_PORT_BASE || portBase;
  env.LOGSTOW_SWIFT_MEMCACHED_PORT = env.LOGSTOW_SWIFT_MEMCACHED_PORT || memcachedPort;
  env.LOGSTOW_SWIFT_EXPIRER = '0';
  return {
    ...require(path.join(ROOT, 'tests', 'browser', 'lib', 'harness')),
    ...require(path.join(ROOT, 'tests', 'browser', 'lib', 'swift')),
  };
}

// The median of the finite numbers in `xs` (the lower one of an even count); NaN when none.
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const MiB = (bytes) => bytes / (1 << 20);

// The 1, 5 and 15 minute load averages, as a run's figures are stated with them.
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

// Renderer processes of the Chromium this script started (descendants of a chromium child of
// this node process; other Chromiums on the machine are left out): pid -> {rss, hwm} in bytes.
function procStatus(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}
function parentOf(pid) {
  return Number((/PPid:\s+(\d+)/.exec(procStatus(pid)) || [0, 0])[1]);
}
function rendererMemory() {
  const out = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('--type=renderer')) continue;
    let ancestor = Number(entry);
    let ours = false;
    for (let depth = 0; depth < 6 && ancestor > 1; ++depth) {
      ancestor = parentOf(ancestor);
      if (ancestor === process.pid) ours = true;
    }
    if (!ours) continue;
    const status = procStatus(entry);
    const field = (name) => Number((new RegExp(`${name}:\\s+(\\d+) kB`).exec(status) || [0, 0])[1]) * 1024;
    out.set(Number(entry), { rss: field('VmRSS'), hwm: field('VmHWM') });
  }
  return out;
}

// The highest VmHWM (bytes) among renderers that were not in `before` (a Set of pids taken by
// rendererMemory() before the page's context opened), at least `peak`.
function rendererPeak(before, peak = 0) {
  for (const [pid, m] of rendererMemory()) if (!before.has(pid)) peak = Math.max(peak, m.hwm);
  return peak;
}

// CPU seconds so far (utime + stime) by who spent them: this script's Chromium by process type
// (renderer: the page and its workers; network; gpu; browser) and the Swift of
// $LOGSTOW_SWIFT_DIR by server; 'machine' is every core's busy time (others' work included).
// Kept per process ("<who>\t<pid>") so that cpuSpent counts only what was spent between two
// readings: a process that ended meanwhile (a closed page's renderer) takes nothing away.
const TICK = 100;  // USER_HZ on Linux
function cpuSeconds() {
  const out = { machine: 0 };
  const add = (key, pid, sec) => {
    out[`${key}\t${pid}`] = (out[`${key}\t${pid}`] || 0) + sec;
  };
  const stat = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  out.machine = (stat.reduce((a, b) => a + b, 0) - stat[3] - stat[4]) / TICK;  // all but idle, iowait
  const parents = new Map();
  const procs = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      procs.push({ pid: Number(entry), sec: (Number(fields[11]) + Number(fields[12])) / TICK,
        cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8') });
    } catch {
      // gone meanwhile
    }
  }
  const swiftDir = process.env.LOGSTOW_SWIFT_DIR;
  for (const p of procs) {
    const server = /run_server\.py\0([a-z-]+)\0/.exec(p.cmdline);
    if (server && p.cmdline.includes(swiftDir)) {
      add(`swift ${server[1]}`, p.pid, p.sec);
      continue;
    }
    let ours = false;
    for (let a = parents.get(p.pid), depth = 0; a > 1 && depth < 8; a = parents.get(a), ++depth) {
      if (a === process.pid) ours = true;
    }
    if (!ours) continue;
    const type = (/--type=([a-z-]+)/.exec(p.cmdline) || [, 'browser'])[1];
    const network = p.cmdline.includes('NetworkService');
    add(`chromium ${network ? 'network' : type === 'gpu-process' ? 'gpu' : type}`, p.pid, p.sec);
    if (type === 'renderer') for (const [thread, tid, sec] of threadSeconds(p.pid)) add(`renderer ${thread}`, tid, sec);
  }
  return out;
}

// A renderer's CPU seconds by thread: main (the page), workers (dedicated workers: the
// search's and the viewer's), pool (Chromium's thread pool: V8's GC and compile tasks among
// others), other (compositor, IO); [[name, thread id, seconds]].
function threadSeconds(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const name = tid === String(pid) ? 'main' : comm.startsWith('DedicatedWorker') ? 'workers'
        : comm.startsWith('ThreadPool') ? 'pool' : 'other';
      out.push([name, tid, (Number(fields[11]) + Number(fields[12])) / TICK]);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
// What was spent between two cpuSeconds() readings, by who (process ids summed away).
function cpuSpent(before, after) {
  const out = {};
  for (const [k, v] of Object.entries(after)) {
    const who = k.split('\t')[0];
    out[who] = (out[who] || 0) + v - (before[k] || 0);
  }
  return out;
}

module.exports = { ROOT, args, option, BUILD, OUT, today, benchEnvironment, median, MiB, loadAverage,
  rendererMemory, rendererPeak, cpuSeconds, cpuSpent };
