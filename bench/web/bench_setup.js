// What the web benches (bench/web/run.js, memory.js) share: their command-line options, where
// results go (bench/runs/<date>-<host>/), the environment of the viewer build and of the Swift
// they start (scripts/swift-dev, tests/browser/lib), and the statistics they print.
'use strict';

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

module.exports = { ROOT, args, option, BUILD, OUT, today, benchEnvironment, median, MiB };
