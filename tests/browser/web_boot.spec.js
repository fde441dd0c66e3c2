// web/boot.js and web/index.html under node (no browser): boot.js loads the page's modules itself
// (at once, or once the log's preview is drawn), so its list of them must be main.js's graph
// and its views', and index.html must name none of them (each would be asked for while the
// page loads, beside the worker's script and the log).
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

test("boot.js's PAGE_MODULES are main.js's modules and its views', each once", () => {
  const listed = read('boot.js').match(/const PAGE_MODULES = \[([^\]]*)\]/);
  assert.ok(listed, 'boot.js declares PAGE_MODULES');
  const modules = [...listed[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.equal(new Set(modules).size, modules.length, 'no module twice');
  const graph = pageGraph();
  assert.ok(graph.size > 10, `the graph was read (${[...graph]})`);
  assert.deepEqual([...modules].sort(), [...graph].sort());
});

test('index.html loads boot.js and no module: boot.js loads them', () => {
  const html = read('index.html');
  assert.match(html, /<script src="boot\.js"><\/script>/);
  assert.doesNotMatch(html, /type="module"/);
  assert.doesNotMatch(html, /modulepreload/);
});
