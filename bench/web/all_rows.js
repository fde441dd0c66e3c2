// The baseline the viewer is compared with (bench/web/run.js): a log opened the way Zuul's web
// UI opens one (zuul/web/static LogFile: fetch the whole text, split it into lines, one table row
// per line with its number and a severity class). Every line becomes DOM. Marks for the driver:
// "baseline:fetched", "baseline:first-rows" (the first frame after the rows were added),
// body[data-ready].
'use strict';

(async () => {
  const q = new URLSearchParams(window.location.search).get('q');
  const severity = /\b(DEBUG|INFO|AUDIT|WARNING|ERROR|CRITICAL|TRACE)\b/;
  const response = await fetch(q, { credentials: 'omit' });
  const text = await response.text();
  performance.mark('baseline:fetched');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const table = document.createElement('table');
  table.className = 'zuul-log-output';
  const body = document.createElement('tbody');
  lines.forEach((line, i) => {
    const tr = document.createElement('tr');
    const number = document.createElement('td');
    number.className = 'line-number';
    const a = document.createElement('a');
    a.href = `#L${i + 1}`;
    a.textContent = String(i + 1);
    number.append(a);
    const cell = document.createElement('td');
    const span = document.createElement('span');
    const m = severity.exec(line);
    span.className = `log-message${m ? ` ${m[1].toLowerCase()}` : ''}`;
    span.textContent = line;
    cell.append(span);
    tr.append(number, cell);
    body.append(tr);
  });
  table.append(body);
  document.body.append(table);
  window.baselineLines = lines.length;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('baseline:first-rows');
    document.body.dataset.ready = 'true';
  }));
})();
