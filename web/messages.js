// What the page says when it cannot show a log: one message per kind of failure, worded for a
// person who has to act on it (a developer at 2 am, or the operator they will ping), built as DOM
// nodes with textContent only.
//
// Kinds: refused (q= not allowed), config (config.json unreadable), not-found (404/410),
// forbidden (401/403), network (no answer at all), cors (an answer the browser withheld), http
// (any other status), core (the Wasm core failed), listing (a folder no source could list).

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return 'the storage';
  }
}

/** {title, paragraphs[]} for an error value from the worker ({kind, status, statusText, url}). */
export function describeError(error, pageOrigin) {
  const host = hostOf(error.url);
  switch (error.kind) {
    case 'not-found':
      return {
        title: `Not found (HTTP ${error.status || 404})`,
        paragraphs: [
          `${host} has no log or folder at this address.`,
          'Logs expire (CI jobs usually keep them for a few weeks), the job may still be uploading, or the link is mistyped: check the build page for the current link.',
        ],
      };
    case 'forbidden':
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
          `No answer from ${host}: the server may be down or unreachable from here, its name may not resolve, or this computer is offline.`,
          'Nothing was received, so this is not a permissions problem. Retry in a moment.',
        ],
      };
    case 'cors':
      return {
        title: 'The storage does not allow this origin',
        paragraphs: [
          `${host} answered, but without Access-Control-Allow-Origin for ${pageOrigin}, so the browser keeps the answer from the viewer.`,
          `The operator sets X-Container-Meta-Access-Control-Allow-Origin: ${pageOrigin} on the container (and Access-Control-Expose-Headers: Content-Length Content-Encoding).`,
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
          'The viewer\'s WebAssembly core failed to load or stopped. This browser may be too old (the core needs WebAssembly SIMD), or the log is too large for it.',
        ],
      };
    case 'refused':
      return { title: 'This address is not opened', paragraphs: [error.detail] };
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
