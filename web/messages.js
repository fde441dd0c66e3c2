// What the page says when it cannot show a log: one message per kind of failure, worded for a
// person who has to act on it (a developer at 2 am, or the operator they will ping), built as DOM
// nodes with textContent only.
//
// Kinds: refused (q= not allowed), config (config.json unreadable), not-found (404/410),
// forbidden (401/403), network (no answer at all), cors (an answer the browser withheld), http
// (any other status), core (the Wasm core failed), listing (a folder no source could list).

import { formatBytes } from './format.js';

/**
 * What the index page and zuul-manifest.json say of a large file sent in `segments` parts
 * (uploader/index_writer.cc), for the folder view and the message of its address.
 */
export function segmentedNote(segments) {
  return `segmented (${segments} part${segments === 1 ? '' : 's'}, joined after the job)`;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return 'the storage';
  }
}

// A Swift object or container URL: …/v1/<account>/<container>[/…].
function isSwiftUrl(url) {
  try {
    return /\/v1(?:\.0)?\/[^/]+\/[^/]+/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

function containerOf(url) {
  try {
    const m = /\/v1(?:\.0)?\/[^/]+\/([^/?#]+)/.exec(new URL(url).pathname);
    return m ? `"${decodeURIComponent(m[1])}"` : '';
  } catch {
    return '';
  }
}

/** {title, paragraphs[]} for an error value from the worker ({kind, status, statusText, url}). */
export function describeError(error, pageOrigin) {
  const host = hostOf(error.url);
  switch (error.kind) {
    case 'not-found':
      if (error.segmented) {
        const n = error.segmented.segments;
        const stored = error.segmented.size >= 0 ? ` (${formatBytes(error.segmented.size)} stored)` : '';
        return {
          title: `Not joined yet: ${segmentedNote(n)}`,
          paragraphs: [
            `This file was too large for one object, so the job uploaded it as ${n} segment${n === 1 ? '' : 's'}${stored}; \`logstow finalize\` joins them under this address after the job. Until then it cannot be opened (HTTP ${error.status || 404}).`,
            `If the job ended a while ago, finalize did not run or failed: the operator can run it on the job's upload report. Its parts are in ${error.segmented.folderUrl} (a text file's parts are one gzip stream).`,
          ],
        };
      }
      return {
        title: `Not found (HTTP ${error.status || 404})`,
        paragraphs: [
          `${host} has no log or folder at this address.`,
          'Logs expire (CI jobs usually keep them for a few weeks), the job may still be uploading, or the link is mistyped: check the build page for the current link.',
        ],
      };
    case 'forbidden':
      if (isSwiftUrl(error.url)) {
        return {
          title: `Container missing or not shared (HTTP ${error.status})`,
          paragraphs: [
            `${host} answered ${error.status}: the container ${containerOf(error.url)} does not exist, or it is not shared with anonymous readers (Swift answers both the same way).`,
            'Check the container name in the link; the operator shares a logs container with X-Container-Read: .r:*,.rlistings (logstow swift-setup does). A signed (TempURL) link in the address may also have expired.',
          ],
        };
      }
      return {
        title: `Access denied (HTTP ${error.status})`,
        paragraphs: [
          `${host} refused to serve this address to an anonymous reader.`,
          'The container may not be public (the operator sets X-Container-Read: .r:*,.rlistings on it), or a signed (TempURL) link in the address has expired.',
        ],
      };
    case 'network':
      return {
        title: 'The storage could not be reached',
        paragraphs: [
          // A redirect the browser followed to a dead server fails the same way, and says nothing more.
          `No answer from ${host}, or from a server it redirected to: the server may be down or unreachable from here, its name may not resolve, or this computer is offline.`,
          'No answer came, so this is not a permissions problem. Retry in a moment.',
        ],
      };
    case 'cors':
      if (error.swift) {
        return {
          title: 'Container missing or not shared, or this origin not allowed',
          paragraphs: [
            `${host} is a working Swift (its /info answers this page), but the answer for the container ${containerOf(error.url)} was withheld from this page. Swift does that when the container does not exist or is not shared with anonymous readers (its 401 then carries no CORS headers), and when the container's CORS list does not name ${pageOrigin}; so does a server the address redirects to, if it sends no CORS headers.`,
            `Check the container name in the link. The operator shares a logs container with X-Container-Read: .r:*,.rlistings and allows this viewer with X-Container-Meta-Access-Control-Allow-Origin: ${pageOrigin} (logstow swift-setup --cors-origin ${pageOrigin}); adding ${pageOrigin} to cors_allow_origin in proxy-server.conf makes Swift send CORS headers on its errors too, so this page can tell the cases apart.`,
          ],
        };
      }
      return {
        title: 'The storage does not allow this origin',
        paragraphs: [
          // The browser follows a redirect before its CORS check and tells the page nothing of it.
          `${host}, or a server it redirected to, answered without Access-Control-Allow-Origin for ${pageOrigin}, so the browser keeps the answer from the viewer.`,
          `The operator sets X-Container-Meta-Access-Control-Allow-Origin: ${pageOrigin} on the container (and Access-Control-Expose-Headers: Content-Length Content-Encoding). If the address redirects (the raw link below shows where to), the server it leads to needs the same, and its origin listed in config.json "allowed_origins".`,
          'Swift also sends no CORS headers when it rejects a signed (TempURL) link, so an expired signature looks the same: the raw link below shows what the storage says.',
        ],
      };
    case 'http':
      return {
        title: `The storage answered HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}`,
        paragraphs: [
          error.status >= 500
            ? `${host} failed to serve this address (a server-side error). Retry in a moment; if it persists, tell the storage's operator.`
            : `${host} did not serve this address.`,
        ],
      };
    case 'core':
      return {
        title: 'The viewer could not start',
        paragraphs: [
          'The viewer\'s WebAssembly core (or the worker that runs it) failed to load or stopped. This browser may be too old (the core needs WebAssembly SIMD), or the log is too large for it.',
        ],
      };
    case 'refused':
      return { title: 'This address is not opened', paragraphs: [error.detail] };
    case 'damaged':
      return {
        title: 'Damaged .gz file',
        paragraphs: [
          'This file is gzip-compressed, but its compressed data is damaged or cut short, so nothing of it could be inflated. The raw link below serves the bytes as stored.',
        ],
      };
    default:
      return { title: 'The log could not be shown', paragraphs: [error.detail || error.kind] };
  }
}

function paragraph(text, className) {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

function labelled(label, value, className) {
  const p = document.createElement('p');
  p.className = `detail ${className || ''}`.trim();
  const b = document.createElement('span');
  b.className = 'label';
  b.textContent = label;
  const code = document.createElement('code');
  code.textContent = value;
  p.append(b, ' ', code);
  return p;
}

function outcomeText(outcome) {
  if (outcome.kind === 'empty') return 'no objects under this prefix';
  if (outcome.kind === 'not-a-listing') return `not a listing (${outcome.detail})`;
  const described = {
    'not-found': 'not found (404)', forbidden: `denied (${outcome.status})`, network: 'no answer',
    cors: 'blocked by CORS', http: `HTTP ${outcome.status}`,
  };
  return described[outcome.kind] || outcome.kind;
}

/**
 * Fills `container` with a message. spec: {kind, title, paragraphs[], url (shown as text),
 * detail (what the server said), attempts [{what, url, outcome}], rawUrl (a checked http(s)
 * address to offer as a link, never for refused addresses)}.
 */
export function renderMessage(container, spec) {
  container.replaceChildren();
  container.dataset.kind = spec.kind;
  const h1 = document.createElement('h1');
  h1.textContent = spec.title;
  container.append(h1);
  for (const text of spec.paragraphs) container.append(paragraph(text));
  if (spec.url) container.append(labelled('Address', spec.url, 'address'));
  if (spec.detail) {
    const browser = spec.kind === 'network' || spec.kind === 'cors' || spec.kind === 'core';
    container.append(labelled(browser ? 'The browser said' : 'The server said', spec.detail));
  }
  if (spec.attempts && spec.attempts.length) {
    const p = paragraph('What was tried, in order:', 'detail');
    const list = document.createElement('ul');
    list.className = 'attempts';
    for (const attempt of spec.attempts) {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = attempt.url;
      li.append(`${attempt.what}: ${outcomeText(attempt.outcome)} — `, code);
      list.append(li);
    }
    container.append(p, list);
  }
  if (spec.download && /^https?:\/\//i.test(spec.download.url)) {
    const p = document.createElement('p');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button primary';
    button.id = 'message-download';
    button.textContent = 'Download';
    button.addEventListener('click', () => saveUrl(spec.download.url, spec.download.name, button));
    p.append(button);
    container.append(p);
  }
  if (spec.rawUrl && /^https?:\/\//i.test(spec.rawUrl)) {
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.href = spec.rawUrl;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.className = 'button';
    a.textContent = 'Open the address itself (raw)';
    p.append(a);
    container.append(p);
  }
  container.hidden = false;
}

// Saves the bytes at `url` (fetched with CORS, stored bytes as they are) under `name`.
async function saveUrl(url, name, button) {
  button.disabled = true;
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const href = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = name || 'download';
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  } catch (error) {
    button.textContent = `Download failed (${error.message || error})`;
  } finally {
    button.disabled = false;
  }
}

/** The page for a binary file: its size, Download and Raw; never its bytes as text. */
export function renderBinary(container, message, name, formatBytes) {
  const size = message.size > 0 ? message.size : message.storedSize;
  renderMessage(container, {
    kind: 'binary',
    title: `Binary file, ${size > 0 ? `${formatBytes(size)} (${size.toLocaleString('en-US')} bytes)` : 'size unknown'}`,
    paragraphs: [
      message.inflated
        ? 'This is a compressed archive or other binary data, not a log: it is not shown as text. Download saves it as stored; Raw opens it in a new tab.'
        : 'This is binary data (an archive, image or executable), not a log: it is not shown as text. Download saves it; Raw opens it in a new tab.',
    ],
    url: message.url,
    download: { url: message.url, name },
    rawUrl: message.url,
  });
}

/** The message for a worker error value. */
export function renderError(container, error, pageOrigin, extra = {}) {
  const described = describeError(error, pageOrigin);
  renderMessage(container, {
    kind: error.kind,
    title: described.title,
    paragraphs: described.paragraphs,
    url: error.url,
    detail: error.kind === 'refused' ? '' : error.detail,
    rawUrl: error.kind === 'refused' || error.kind === 'core' ? '' : error.url,
    ...extra,
  });
}
