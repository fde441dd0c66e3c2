// The Wasm half of the viewer benchmarks (driven by bench/viewer_wasm_bench.js): the same
// operations as bench/viewer_benchmark.cc on the same generated log, timed with performance.now()
// in Chromium, plus the JS alternatives: TextDecoder + indexOf split, and the built-in severity
// rules run as JS RegExps (same patterns, same order, sticky at each line start).
'use strict';

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(runs, body) {
  const ms = [];
  let result;
  for (let i = 0; i < runs; ++i) {
    const t0 = performance.now();
    result = body();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), all: ms, result };
}

// The built-in rule file as JS RegExps ({{defines}} expanded; the patterns avoid RE2-only syntax).
function jsRules(json) {
  const file = JSON.parse(json);
  const expand = (p) => p.replace(/\{\{(\w+)\}\}/g, (_, name) => expand(file.define[name]));
  const rules = file.severity.map((r) => ({
    re: new RegExp(expand(r.match), 'my'),
    word: r.level === '$word',
    level: r.level,
  }));
  return { rules, levels: file.levels };
}

const LEVELS = ['NONE', 'TRACE', 'DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL'];

function classifyJs(text, starts, lines, compiled) {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0]));
  let last = 'NONE';
  for (let i = 0; i < lines; ++i) {
    const at = starts[i];
    let own = null;
    for (const rule of compiled.rules) {
      rule.re.lastIndex = at;
      const m = rule.re.exec(text);
      if (m === null) continue;
      if (!rule.word) { own = rule.level; break; }
      const word = m[1] !== undefined ? m[1] : (m[0].match(/[A-Za-z]+(?=[^A-Za-z]*$)/) || [''])[0];
      const level = compiled.levels[word];
      if (level) { own = level; break; }
    }
    if (own) last = own;
    ++counts[last];
  }
  return counts;
}

function splitJs(text) {
  const starts = new Uint32Array((text.length >> 5) + 2);
  let n = 0;
  let s = starts;
  s[n++] = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (n === s.length) { const t = new Uint32Array(s.length * 2); t.set(s); s = t; }
    s[n++] = i + 1;
  }
  return { starts: s, lines: n - 1 };
}

window.runBench = async (runs) => {
  const status = document.getElementById('status');
  const core = await LogstowViewer();
  const bytes = new Uint8Array(await (await fetch('log.txt')).arrayBuffer());
  const mb = bytes.length / 1e6;
  const out = { bytes: bytes.length, runs, scan: core.newlineScan(), figures: {} };
  const record = (name, t, extra = {}) => {
    out.figures[name] = { ms: t.ms, all: t.all, mb_per_s: mb / (t.ms / 1000), ...extra };
  };

  // Copy into Wasm + split, in 1 MiB chunks as the page's fetch loop does.
  const chunked = time(runs, () => {
    const index = new core.LineIndex();
    index.reserve(bytes.length);
    for (let at = 0; at < bytes.length; at += 1 << 20) {
      const part = bytes.subarray(at, Math.min(at + (1 << 20), bytes.length));
      core.HEAPU8.set(part, index.prepareAppend(part.length));
      index.commitAppend(part.length);
    }
    index.finish();
    const lines = index.lineCount();
    index.delete();
    return lines;
  });
  record('wasm_copy_and_split', chunked, { lines: chunked.result });

  // The split alone (bytes already in Wasm memory), and the copy alone.
  const copies = [], splits = [];
  let lines = 0;
  for (let i = 0; i < runs; ++i) {
    const index = new core.LineIndex();
    const ptr = index.prepareAppend(bytes.length);
    const t0 = performance.now();
    core.HEAPU8.set(bytes, ptr);
    const t1 = performance.now();
    index.commitAppend(bytes.length);
    index.finish();
    const t2 = performance.now();
    lines = index.lineCount();
    index.delete();
    copies.push(t1 - t0);
    splits.push(t2 - t1);
  }
  record('wasm_copy', { ms: median(copies), all: copies });
  record('wasm_split', { ms: median(splits), all: splits }, { lines });

  // Index + severity of every line.
  let counts = null, memory = 0;
  const severity = [];
  for (let i = 0; i < runs; ++i) {
    const doc = new core.LogDocument('');
    const ptr = doc.prepareAppend(bytes.length);
    core.HEAPU8.set(bytes, ptr);
    const t0 = performance.now();
    doc.commitAppend(bytes.length);
    doc.finish();
    severity.push(performance.now() - t0);
    counts = doc.severityCounts();
    memory = doc.memoryBytes();
    doc.delete();
  }
  record('wasm_index_severity', { ms: median(severity), all: severity },
         { counts, document_memory_bytes: memory });

  // Search over the whole file.
  const doc = new core.LogDocument('');
  core.HEAPU8.set(bytes, doc.prepareAppend(bytes.length));
  doc.commitAppend(bytes.length);
  doc.finish();
  for (const [name, pattern, ci, literal] of [
    ['wasm_search_literal_rare', 'Traceback', false, true],
    ['wasm_search_literal_common', 'ERROR', false, true],
    ['wasm_search_case_insensitive', 'error', true, false],
    ['wasm_search_case_insensitive_guarded', 'traceback', true, false],
    ['wasm_search_regex', 'req-[0-9a-f]{8}-dead', false, false]]) {
    const t = time(runs, () => doc.setSearch(pattern, ci, literal).matchCount);
    record(name, t, { matches: t.result });
  }
  out.wasm_heap_bytes = core.HEAPU8.length;
  out.document_memory_bytes = doc.memoryBytes();
  doc.delete();

  // JS alternatives on the decoded string (ASCII, so string offsets equal byte offsets).
  const decode = time(runs, () => new TextDecoder().decode(bytes));
  record('js_text_decoder', decode);
  const text = decode.result;
  const split = time(runs, () => splitJs(text));
  record('js_indexof_split', split, { lines: split.result.lines });
  const compiled = jsRules(core.defaultRulesJson());
  const classify = time(runs, () => classifyJs(text, split.result.starts, split.result.lines, compiled));
  record('js_regexp_severity', classify, { counts: classify.result });
  const jsSearch = time(runs, () => { let n = 0; for (let i = text.indexOf('Traceback'); i !== -1; i = text.indexOf('Traceback', i + 9)) ++n; return n; });
  record('js_indexof_search_literal_rare', jsSearch, { matches: jsSearch.result });
  const jsRegex = time(runs, () => (text.match(/req-[0-9a-f]{8}-dead/g) || []).length);
  record('js_regexp_search_regex', jsRegex, { matches: jsRegex.result });
  status.textContent = 'done';
  return out;
};
