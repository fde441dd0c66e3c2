// A `docker compose pull` capture as a CI job's PTY records it: Compose v2's TTY progress writer
// redraws its whole block every frame: "ESC[?25h", one "ESC[1A" per row of the last frame,
// "ESC[0G ESC[?25l", then a "[+] Pulling n/m" header and one full-width row per service and
// layer (spinner in yellow, elapsed time in blue at the right edge, "\r" before the PTY's
// "\r\n"), until every row says Pulled / Pull complete with a green check. The byte shape is
// the one of terminal-to-html's fixtures/docker-compose-pull.sh.raw (Buildkite timestamps left
// out); the services, layers and timings are made up here, deterministically.
//
// Also computes, from its own model and without any terminal emulation, the screen a terminal
// leaves: the lines before, the final frame's rows as text, the lines after. That is what the
// viewer must show (tests/unit/viewer/terminal_screen_test.cc, tests/browser/viewer_terminal.spec.js).
//
//   node tests/browser/lib/compose_pull_capture.js --write tests/data
// writes docker-compose-pull.txt and docker-compose-pull.screen.txt (the expected rows).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const WIDTH = 120;

function layerId(service, j) {
  let h = 0x811c9dc5;
  for (const c of `${service}/${j}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h.toString(16) + (h * 7).toString(16)).padEnd(12, '0').slice(0, 12);
}

// Layer j of a service: appears at `seen`, waits, downloads, extracts, completes.
function layerState(layer, frame) {
  if (frame < layer.start) return ['Waiting', false];
  const t = frame - layer.start;
  if (t === 0) return ['Pulling fs layer', false];
  if (t <= layer.download) {
    const done = Math.round((layer.size * t) / layer.download);
    const bar = '='.repeat(Math.floor((20 * t) / layer.download)).padEnd(20, ' ');
    return [`Downloading [${bar.replace(/=( |$)/, '>$1')}]  ${(done / 10).toFixed(1)}MB/${(layer.size / 10).toFixed(1)}MB`, false];
  }
  if (t === layer.download + 1) return ['Download complete', false];
  if (t <= layer.download + 1 + layer.extract) return [`Extracting ${t - layer.download - 1}/${layer.extract}`, false];
  return ['Pull complete', true];
}

// One row: its bytes and the text a terminal shows for it.
function row(indent, done, spin, name, status, seconds) {
  const icon = done ? '✔' : SPINNER[spin % SPINNER.length];
  const time = `${seconds.toFixed(1)}s `;
  const head = `${indent}${icon} ${name} ${status}`;
  const pad = ' '.repeat(Math.max(1, WIDTH - [...head].length - time.length));
  const text = `${head}${pad}${time}`;
  const bytes = `${indent}\x1b[${done ? 32 : 33}m${icon}\x1b[0m ${name} ${status}${pad}\x1b[34m${time}\x1b[0m`;
  return { bytes, text };
}

function composePullCapture({ services = [['web', 6], ['postgres', 9], ['redis', 5]], frames = 60 } = {}) {
  const model = services.map(([name, count], i) => ({
    name,
    known: 2 + 3 * i,  // the frame its layers are listed from
    layers: Array.from({ length: count }, (_, j) => ({
      id: layerId(name, j), start: 3 + 3 * i + 2 * j, download: 4 + ((j * 5 + i) % 9),
      extract: 2 + (j % 3), size: 30 + 17 * j,
    })),
  }));
  const total = model.reduce((n, s) => n + s.layers.length, 0);
  const before = [
    '$ docker compose -f docker-compose.yml pull',
  ];
  const after = ['$ docker compose -f docker-compose.yml up -d', 'done'];
  let out = before.map((l) => `${l}\r\n`).join('');
  let lastRows = 0;
  let finalRows = [];
  for (let f = 0; f < frames; ++f) {
    const rows = [];
    let done = 0;
    for (const s of model) {
      const layerRows = [];
      let serviceDone = f >= s.known;
      for (const layer of s.layers) {
        const [status, ok] = layerState(layer, f);
        if (ok) done += 1;
        serviceDone = serviceDone && ok;
        if (f >= s.known) layerRows.push(row('   ', ok, f + layer.start, layer.id, status, 0.1 * Math.max(1, f - layer.start + 1)));
      }
      rows.push(row(' ', serviceDone, f, s.name, serviceDone ? 'Pulled' : 'Pulling', 0.1 * (f + 1)));
      rows.push(...layerRows);
    }
    const complete = done === total;
    const header = `[+] Pulling ${done}/${total}`;
    out += f === 0 ? '\x1b[1A\x1b[1B' : `\x1b[?25h${'\x1b[1A'.repeat(lastRows)}`;
    out += `\x1b[0G\x1b[?25l${complete ? `\x1b[34m${header}\x1b[0m` : header}\r\r\n`;
    for (const r of rows) out += `${r.bytes}\r\r\n`;
    lastRows = rows.length + 1;
    finalRows = [header, ...rows.map((r) => r.text)];
    if (complete) break;
  }
  out += '\x1b[?25h';
  out += after.map((l) => `${l}\r\n`).join('');
  return { bytes: Buffer.from(out, 'utf8'), screen: [...before, ...finalRows, ...after] };
}

module.exports = { composePullCapture };

if (require.main === module) {
  const at = process.argv.indexOf('--write');
  if (at < 0 || !process.argv[at + 1]) {
    console.error('usage: node compose_pull_capture.js --write DIR');
    process.exit(2);
  }
  const dir = process.argv[at + 1];
  const { bytes, screen } = composePullCapture();
  fs.writeFileSync(path.join(dir, 'docker-compose-pull.txt'), bytes);
  fs.writeFileSync(path.join(dir, 'docker-compose-pull.screen.txt'), `${screen.join('\n')}\n`);
  console.log(`${bytes.length} bytes, ${screen.length} rows on the final screen`);
}
