// The viewer's URL: what the page was asked to open (q=), the reading state that travels with a
// shared link (#L10-L20, &severity=, &context=, &search=, &icase=, &literal=, &wrap=), the check
// that decides whether q= may be fetched at all, and the Swift-shaped URLs derived from it
// (container listings, manifests, breadcrumbs).
//
// Pure functions over strings and URL objects: no DOM, no fetch, so node's test runner checks
// them directly (tests/browser/web_url_state.spec.js). Contract for q=: only absolute http: and
// https: URLs are ever fetched; everything else is refused with a reason a person can act on.
// docs/viewer-urls.md is the spec.

/** Severity names a filter may ask for, low to high (viewer_module.d.ts SeverityName). */
export const FILTER_LEVELS = ['DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL'];

/** Byte values of the core's severities (viewer_module.d.ts SeverityByte). */
export const LEVEL = { NONE: 0, TRACE: 1, DEBUG: 2, INFO: 3, AUDIT: 4, WARNING: 5, ERROR: 6,
  CRITICAL: 7 };

export const MAX_CONTEXT = 50;
const MAX_Q_LENGTH = 8192;
const MAX_SEARCH_LENGTH = 2048;

// Query parameters: split by hand so '+' stays '+' (object names hold literal pluses; the
// uploader encodes spaces as %20) and a malformed escape never throws.
function queryParams(search) {
  const params = new Map();
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (key !== null && value !== null && !params.has(key)) params.set(key, value);
  }
  return params;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * "#L10" -> {first: 10, last: 10}; "#L20-L10" -> {first: 10, last: 20} (1-based, as shown);
 * anything else -> null.
 */
export function parseLineHash(hash) {
  const m = /^#?L(\d{1,10})(?:-L?(\d{1,10}))?$/.exec(hash || '');
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return null;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/** The inverse of parseLineHash ("" for no selection). */
export function formatLineHash(selection) {
  if (!selection) return '';
  return selection.first === selection.last ? `#L${selection.first}`
    : `#L${selection.first}-L${selection.last}`;
}

/**
 * Everything the page reads from its own URL. `q` is the raw string (null when absent); the
 * rest is normalised: unknown severities and out-of-range numbers fall back to defaults.
 */
export function parseViewerUrl(search, hash) {
  const params = queryParams(search || '');
  const severity = (params.get('severity') || '').toUpperCase();
  const context = Number(params.get('context'));
  let text = params.get('search') || '';
  if (text.length > MAX_SEARCH_LENGTH) text = text.slice(0, MAX_SEARCH_LENGTH);
  return {
    q: params.has('q') ? params.get('q') : null,
    severity: FILTER_LEVELS.includes(severity) ? severity : '',
    context: Number.isInteger(context) && context > 0 ? Math.min(context, MAX_CONTEXT) : 0,
    search: text,
    icase: params.get('icase') === '1',
    literal: params.get('literal') === '1',
    wrap: params.get('wrap') === '1',
    selection: parseLineHash(hash),
  };
}

/** The page-relative URL ("?q=...&search=...#L3") for a state; defaults are left out. */
export function formatViewerUrl(state) {
  const parts = [`q=${encodeURIComponent(state.q)}`];
  if (state.severity) parts.push(`severity=${state.severity}`);
  if (state.severity && state.context) parts.push(`context=${state.context}`);
  if (state.search) parts.push(`search=${encodeURIComponent(state.search)}`);
  if (state.search && state.icase) parts.push('icase=1');
  if (state.search && state.literal) parts.push('literal=1');
  if (state.wrap) parts.push('wrap=1');
  return `?${parts.join('&')}${formatLineHash(state.selection)}`;
}

/**
 * 1234567 -> "1,234,567". (Not Intl.NumberFormat: creating the first one loads ICU data, tens of
 * ms on the main thread before the first rows.)
 */
export function formatCount(n) {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "?q=<url>": the viewer link for another log or folder. */
export function viewerLink(url) {
  return `?q=${encodeURIComponent(url)}`;
}

function isLoopbackHost(hostname) {
  return hostname === 'localhost' || hostname.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/**
 * Parses config.json (text; null when the page has none). Returns {ok, config, error}; the
 * config is {allowedOrigins: string[] (empty = any http(s) origin)}. An unreadable file is an
 * error, never "no restriction": the page then opens nothing. The file beside the page:
 *   {"allowed_origins": ["https://swift.example.org", "http://127.0.0.1:8080"]}
 * (web/config.json ships with an empty list; `logstow publish-viewer --log-origin` writes one.)
 */
export function parseConfig(text) {
  if (text === null) return { ok: true, config: { allowedOrigins: [] }, error: '' };
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, config: null, error: `config.json is not JSON (${err.message})` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, config: null, error: 'config.json must hold a JSON object' };
  }
  const origins = json.allowed_origins === undefined ? [] : json.allowed_origins;
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string')) {
    return { ok: false, config: null,
      error: 'config.json: "allowed_origins" must be a list of origins such as "https://swift.example.org"' };
  }
  const allowedOrigins = [];
  for (const origin of origins) {
    let url;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      return { ok: false, config: null,
        error: `config.json: "${origin}" is not an origin (scheme://host[:port], nothing after it)` };
    }
    allowedOrigins.push(url.origin);
  }
  return { ok: true, config: { allowedOrigins }, error: '' };
}

/**
 * Decides whether `q` may be fetched. Returns {ok: true, url: URL} (fragment dropped) or
 * {ok: false, code, reason}, code one of missing, too-long, not-absolute, scheme, credentials,
 * origin, mixed-content. `pageProtocol` is location.protocol.
 */
export function checkLogUrl(q, { allowedOrigins = [], pageProtocol = 'https:' } = {}) {
  if (q === null || q === undefined || q.trim() === '') {
    return { ok: false, code: 'missing', reason: 'No log address was given (?q=<url of a log or folder>).' };
  }
  if (q.length > MAX_Q_LENGTH) {
    return { ok: false, code: 'too-long', reason: `The address is longer than ${MAX_Q_LENGTH} characters.` };
  }
  // Parsed without a base, so relative and protocol-relative ("//host/x") addresses fail here.
  // The scheme is checked on the parsed URL and on the raw text (the URL parser drops tabs and
  // newlines, so "java\tscript:" becomes "javascript:"; refuse anything not plainly http(s)).
  let url = null;
  try {
    url = new URL(q);
  } catch {
    url = null;
  }
  if (url === null) {
    return { ok: false, code: 'not-absolute',
      reason: 'Only absolute http: or https: addresses are opened; this one is relative or malformed.' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^\s*https?:/i.test(q)) {
    return { ok: false, code: 'scheme',
      reason: `Only http: and https: addresses are opened, not ${url.protocol}` };
  }
  if (url.username || url.password) {
    return { ok: false, code: 'credentials',
      reason: 'The address carries a user name or password; the viewer never sends credentials.' };
  }
  if (allowedOrigins.length > 0 && !allowedOrigins.includes(url.origin)) {
    return { ok: false, code: 'origin',
      reason: `${url.origin} is not one of the log servers this viewer is configured for (config.json "allowed_origins": ${allowedOrigins.join(', ')}).` };
  }
  if (pageProtocol === 'https:' && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, code: 'mixed-content',
      reason: 'This viewer is served over https:, so the browser will not let it read an http: address. Use the https: address of the storage.' };
  }
  url.hash = '';
  return { ok: true, url };
}

/**
 * Splits a Swift URL (…/v1/<account>/<container>/<object path>) into its parts, or null if the
 * path has no "v1"-style version segment followed by an account and a container. objectPath is
 * decoded ("a b/c.txt"); containerUrl ends without a slash.
 */
export function swiftParts(url) {
  const segments = url.pathname.split('/');
  for (let i = 1; i + 2 < segments.length; ++i) {
    if (!/^v1(?:\.0)?$/.test(segments[i]) || segments[i + 1] === '' || segments[i + 2] === '') continue;
    const rest = segments.slice(i + 3).map((s) => safeDecode(s));
    if (rest.some((s) => s === null)) return null;
    const containerPath = segments.slice(0, i + 3).join('/');
    return {
      accountUrl: url.origin + segments.slice(0, i + 2).join('/'),
      container: safeDecode(segments[i + 2]),
      containerUrl: url.origin + containerPath,
      objectPath: rest.join('/'),
    };
  }
  return null;
}

/**
 * The container listing URL for a folder (one page): ?format=json&prefix=…&delimiter=/.
 * `prefix` is decoded ("" or ending in "/").
 */
export function swiftListingUrl(containerUrl, prefix, marker = '', limit = 10000) {
  let url = `${containerUrl}?format=json&prefix=${encodeURIComponent(prefix)}&delimiter=%2F&limit=${limit}`;
  if (marker) url += `&marker=${encodeURIComponent(marker)}`;
  return url;
}

/**
 * How to list the folder at `url` (ending in "/"), in the order docs/viewer-urls.md gives: the Swift JSON
 * listing (when the URL is Swift-shaped), the zuul-manifest.json of this folder or of a folder
 * above it (whose tree holds this one), then this folder's index.html, then the folder URL itself
 * (an Apache autoindex page).
 */
export function folderPlan(url) {
  const folderUrl = url.origin + url.pathname;
  const plan = { folderUrl, listing: null, manifests: [], indexes: [] };
  const swift = swiftParts(url);
  if (swift) plan.listing = { containerUrl: swift.containerUrl, prefix: swift.objectPath };
  // Manifests: this folder's, then each parent's up to the container (or the host's root), at
  // most 8; `folder` is where this folder sits inside that manifest's tree.
  const segments = url.pathname.split('/');  // ['', ..., ''] for a folder
  const lowest = swift ? new URL(swift.containerUrl).pathname.split('/').length : 1;
  for (let depth = segments.length - 1; depth >= lowest && plan.manifests.length < 8; --depth) {
    const inner = segments.slice(depth, segments.length - 1).map((s) => safeDecode(s) ?? s);
    plan.manifests.push({
      url: `${url.origin}${segments.slice(0, depth).join('/')}/zuul-manifest.json`,
      folder: inner.length ? `${inner.join('/')}/` : '',
    });
  }
  plan.indexes.push(`${folderUrl}index.html`, folderUrl);
  return plan;
}

/**
 * For a file URL that answered 404: the Swift listing that tells whether it is a pseudo-folder
 * (a listing of "<name>/" with at least one entry), or null when the URL is not Swift-shaped.
 */
export function pseudoFolderProbe(url) {
  const swift = swiftParts(url);
  if (!swift || swift.objectPath === '' || url.pathname.endsWith('/')) return null;
  return { url: swiftListingUrl(swift.containerUrl, `${swift.objectPath}/`, '', 1),
    prefix: `${swift.objectPath}/` };
}

/**
 * Breadcrumbs for a log or folder URL: [{label, url}], the last one being the page itself.
 * For Swift URLs they start at the container; otherwise at the host.
 */
export function breadcrumbs(url) {
  const swift = swiftParts(url);
  const crumbs = [];
  let base;
  let names;
  if (swift) {
    base = `${swift.containerUrl}/`;
    crumbs.push({ label: swift.container, url: base });
    names = url.pathname.slice(new URL(base).pathname.length).split('/');
  } else {
    base = `${url.origin}/`;
    crumbs.push({ label: url.host, url: base });
    names = url.pathname.slice(1).split('/');
  }
  const isFolder = url.pathname.endsWith('/');
  if (isFolder) names.pop();
  let path = base;
  names.forEach((encoded, i) => {
    if (encoded === '') return;
    const last = i === names.length - 1;
    path += encoded + (last && !isFolder ? '' : '/');
    crumbs.push({ label: safeDecode(encoded) ?? encoded, url: path });
  });
  return crumbs;
}

/**
 * The URL of a folder entry: `href` (relative, percent-encoded, from the core's listing parsers)
 * appended to the folder URL. Returns null when the result would leave the folder — a name with
 * "." or ".." segments, which browsers normalise away, so no link could reach that object.
 */
export function childUrl(folderUrl, href) {
  if (typeof href !== 'string' || href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) ||
      href.startsWith('/') || /[?#\\]/.test(href)) {
    return null;
  }
  let url;
  try {
    url = new URL(href, folderUrl);
  } catch {
    return null;
  }
  const base = new URL(folderUrl);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) ||
      url.pathname === base.pathname) {
    return null;
  }
  const expected = base.pathname + href;
  if (url.pathname !== expected) return null;  // dot segments were normalised away
  return url.href;
}

/** The file name a URL points at, decoded ("" for a folder). */
export function fileName(url) {
  const last = url.pathname.split('/').pop();
  return safeDecode(last) ?? last;
}
