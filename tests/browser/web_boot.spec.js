// web/index.html under node (no browser): it preloads main.js's modules and its views' in one
// round trip (a module found only when its importer has arrived costs a round trip more), so
// its list must be that graph, whole; and boot.js, the page's first script, stays a classic
// script (it draws the preview before any module has loaded).
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
