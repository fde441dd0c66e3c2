// web/index.html under node (no browser): it preloads main.js's modules and its views' in one
// round trip (a module found only when its importer has arrived costs a round trip more), so
// its list must be that graph, whole; boot.js, the page's first script, stays a classic
// script (it draws the preview before any module has loaded); and the worker sizes the preview
// it sends by log_preview.js's own constant, joined into its script.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const WEB = path.join(__dirname, '..', '..', 'web');
const read = (name) => fs.readFileSync(path.join(WEB, name), 'utf8');

// Every module main.js imports, statically or as the view it opens (its own import() calls),
// and what those import statically; what the views import later with import() (the build-wide
// search) loads when it is used.
function pageGraph() {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const match of read(name).matchAll(/^import\s[^;]*?from\s+'\.\/([^']+)'/gms)) visit(match[1]);
  };
  visit('main.js');
  for (const match of read('main.js').matchAll(/\bimport\('\.\/([^']+)'\)/g)) visit(match[1]);
  seen.delete('main.js');
  return seen;
}

test("index.html preloads main.js's modules and its views', each once", () => {
  const html = read('index.html');
  const modules = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(modules).size, modules.length, 'no module twice');
  const graph = pageGraph();
  assert.ok(graph.size > 10, `the graph was read (${[...graph]})`);
  assert.deepEqual([...modules].sort(), [...graph].sort());
  assert.match(html, /<script type="module" src="main\.js"><\/script>/);
});

test('boot.js is a classic script, first', () => {
  const html = read('index.html');
  assert.ok(html.indexOf('<script src="boot.js"></script>') >= 0);
  assert.ok(html.indexOf('<script src="boot.js"></script>') < html.indexOf('modulepreload'));
  assert.doesNotMatch(read('boot.js'), /^\s*(import|export)\s/m);
});

test("the worker's preview waits for the lines log_preview.js keeps back: its constant, joined in", () => {
  assert.match(read('log_preview.js'), /^export const TERMINAL_WINDOW_ROWS = \d+;/m);
  assert.match(read('worker_load.js'), /\bLogstowPreview\.TERMINAL_WINDOW_ROWS\b/);
  // The built worker (web/CMakeLists.txt joins it) defines LogstowPreview before worker_load.js.
  const worker = fs.readFileSync(path.join(process.env.LOGSTOW_WEB_DIR, 'viewer_worker.js'), 'utf8');
  const defined = worker.indexOf('\nconst LogstowPreview = ');
  assert.ok(defined >= 0, 'viewer_worker.js has log_preview.js as LogstowPreview');
  assert.ok(defined < worker.indexOf('// ---- web/worker_load.js ----'), 'before worker_load.js');
});
