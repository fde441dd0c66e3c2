// The viewer's URL: what the page was asked to open (q=), the reading state that travels with a
// shared link (#L10-L20, &severity=, &context=, &search=, &icase=, &literal=, &wrap=0), the check
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
// How a link may say "off" for a switch (&wrap=); anything else leaves it at its default.
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

// Query parameters: split by hand so '+' stays '+' (object names hold literal pluses; the
// uploader encodes spaces as %20) and a malformed escape never throws. The first value of a key
// wins; `problems` maps a key to what was wrong with it ('malformed': an escape that does not
// decode, '%' alone or invalid UTF-8; 'repeated': given more than once).
function queryParams(search) {
  const params = new Map();
  const problems = new Map();
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (key === null) continue;
    if (params.has(key) || (problems.get(key) === 'malformed' && value !== null)) {
      problems.set(key, 'repeated');
    } else if (value === null) {
      if (!problems.has(key)) problems.set(key, 'malformed');
    } else {
      params.set(key, value);
    }
  }
  params.problems = problems;
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
 * "#L10-" (a range cut short when pasted) -> line 10; anything else -> null.
 */
export function parseLineHash(hash) {
  const m = /^#?L(\d{1,10})(?:-L?(\d{1,10})?)?$/.exec(hash || '');
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return null;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/**
 * Why a fragment meant as a line link (it starts with "#L") is not one parseLineHash reads, for
 * the notice the view shows instead of ignoring the link in silence: "#L0 is not a line: lines
 * count from 1". '' for a line link it reads, and for any other fragment (not ours to judge).
 */
export function lineHashProblem(hash) {
  const text = (hash || '').replace(/^#/, '');
  if (!text.startsWith('L') || parseLineHash(text)) return '';
  const shown = `#${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
  const numbers = /^L(-?\d+)(?:-L?(-?\d+)?)?$/.exec(text);
  if (numbers && [numbers[1], numbers[2]].some((n) => n !== undefined && Number(n) < 1)) {
    return `${shown} is not a line: lines count from 1`;
  }
  if (numbers) return `${shown} is not a line: no log has that many lines`;  // over 10 digits
  return `${shown} is not a line link: one reads #L7 (line 7) or #L7-L9 (lines 7 to 9)`;
}

/** The inverse of parseLineHash ("" for no selection). */
export function formatLineHash(selection) {
  if (!selection) return '';
  return selection.first === selection.last ? `#L${selection.first}`
    : `#L${selection.first}-L${selection.last}`;
}

/**
 * Everything the page reads from its own URL. `q` is the raw string (null when absent);
 * `qProblem` is 'malformed' (q=% : an escape that does not decode) or 'repeated' (two q=), and
 * checkLogUrl refuses both. The rest is normalised: unknown severities and out-of-range numbers
 * fall back to defaults.
 */
export function parseViewerUrl(search, hash) {
  const params = queryParams(search || '');
  const severity = (params.get('severity') || '').toUpperCase();
  const context = Number(params.get('context'));
  let text = params.get('search') || '';
  if (text.length > MAX_SEARCH_LENGTH) text = text.slice(0, MAX_SEARCH_LENGTH);
  const qProblem = params.problems.get('q') || '';
  return {
    q: params.has('q') ? params.get('q') : (qProblem ? '' : null),
    qProblem,
    severity: FILTER_LEVELS.includes(severity) ? severity : '',
    context: Number.isInteger(context) && context > 0 ? Math.min(context, MAX_CONTEXT) : 0,
    search: text,
    icase: params.get('icase') === '1',
    literal: params.get('literal') === '1',
    // Long lines wrap unless the link says otherwise (wrap=0, or false/no/off: people type
    // those); old links say wrap=1.
    wrap: !FALSE_WORDS.includes((params.get('wrap') || '').toLowerCase()),
    selection: parseLineHash(hash),
    // Why a "#L…" fragment selects nothing ('' when it does, or is no line link): said in a notice.
    lineProblem: lineHashProblem(hash),
    // &t=: a naive time to jump to (docs/viewer-urls.md); timeMs null when absent or unreadable.
    time: params.get('t') || '',
    timeMs: parseTimeParam(params.get('t') || ''),
    // &baseline=: a good build's folder (on a folder URL) or the same log of it (on a file URL);
    // &new=1: with it, only the lines new against it.
    baseline: params.get('baseline') || '',
    newOnly: params.get('new') === '1' && params.has('baseline'),
    // A folder's request-id trail (build_trail.js): the id followed across the build.
    trail: (params.get('trail') || '').slice(0, MAX_SEARCH_LENGTH),
  };
}

/**
 * "2024-03-01T12:02:49", "2024-03-01 12:02:49.5", "2024-03-01T12:02" -> ms since 1970 of that
 * wall-clock time, read as written (as the core reads log times: viewer/timestamp.h, no zone);
 * a trailing "Z" or "+02:00" is accepted and ignored. Anything else -> null.
 */
export function parseTimeParam(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:Z|[+-]\d{2}:?\d{2})?$/
    .exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v || 0));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Number(((m[7] || '') + '000').slice(0, 3));
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

/** The page-relative URL ("?q=...&search=...#L3") for a state; defaults are left out. */
export function formatViewerUrl(state) {
  const parts = [`q=${encodeURIComponent(state.q)}`];
  if (state.severity) parts.push(`severity=${state.severity}`);
  if ((state.severity || state.newOnly) && state.context) parts.push(`context=${state.context}`);
  if (state.search) parts.push(`search=${encodeURIComponent(state.search)}`);
  if (state.search && state.icase) parts.push('icase=1');
  if (state.search && state.literal) parts.push('literal=1');
  if (!state.wrap) parts.push('wrap=0');
  if (state.trail) parts.push(`trail=${encodeURIComponent(state.trail)}`);
  if (state.time) parts.push(`t=${encodeURIComponent(state.time)}`);
  if (state.baseline) parts.push(`baseline=${encodeURIComponent(state.baseline)}`);
  if (state.baseline && state.newOnly) parts.push('new=1');
  return `?${parts.join('&')}${formatLineHash(state.selection)}`;
}

/**
 * 1234567 -> "1,234,567". (Not Intl.NumberFormat: creating the first one loads ICU data, tens of
 * ms on the main thread before the first rows.)
 */
export function formatCount(n) {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 line", "2 lines", "1,234 lines": a count and its noun (plural by adding "s" unless given). */
export function countOf(n, singular, plural = `${singular}s`) {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
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
 * config is {allowedOrigins: string[] (empty = this page's own origin only, never "any"),
 * rules: string ("" = the built-in rules only), missing: true when there is no config.json (the
 * messages say so rather than "it names no log servers")}. An unreadable file is an error, never "no
 * restriction": the page then opens nothing. The file beside the page:
 *   {"allowed_origins": ["https://swift.example.org", "http://127.0.0.1:8080"],
 *    "rules": "rules.json"}
 * "rules" names a viewer rule file (viewer/rules.h, docs/viewer-rules.md) by a URL relative to
 * the page, on the page's own origin (rulesUrl checks that): rules decide how every log reads, so
 * they come from whoever publishes the viewer, never from the log storage, which jobs write to.
 * (web/config.json ships with an empty list; `logstow publish-viewer --log-origin` writes one.)
 */
export function parseConfig(text) {
  if (text === null) return { ok: true, config: { allowedOrigins: [], rules: '', missing: true }, error: '' };
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
  const rules = json.rules === undefined ? '' : json.rules;
  if (typeof rules !== 'string') {
    return { ok: false, config: null,
      error: 'config.json: "rules" must be the address of a rule file beside the viewer, such as "rules.json"' };
  }
  return { ok: true, config: { allowedOrigins, rules, missing: false }, error: '' };
}

/**
 * What config.json's answer means: `answer` is {status, text} of the HTTP answer, or {status: 0,
 * error} when none came (config_answer.js readConfigAnswer).
 * 404: no config.json (parseConfig(null)); another non-2xx status or no answer: an error, never
 * "no restriction". Returns parseConfig's {ok, config, error}.
 */
export function configFromAnswer({ status, text, error }) {
  if (status === 0) return { ok: false, config: null, error: `config.json beside the page could not be read (${error}).` };
  if (status === 404) return parseConfig(null);
  if (status < 200 || status > 299) return { ok: false, config: null, error: `config.json beside the page answered HTTP ${status}.` };
  return parseConfig(text);
}

/**
 * The rule file config.json names (`rules`), resolved against the page's address `pageHref`.
 * Returns {ok: true, url: string ('' when none)} or {ok: false, error}: the file must be on the
 * page's own origin (http or https), as the viewer's own files are.
 */
export function rulesUrl(rules, pageHref) {
  if (!rules) return { ok: true, url: '' };
  let url;
  try {
    url = new URL(rules, pageHref);
  } catch {
    url = null;
  }
  const page = new URL(pageHref);
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== page.origin) {
    return { ok: false,
      error: `config.json: "rules" (${rules}) must be a rule file on the viewer's own origin (${page.origin}), such as "rules.json" beside index.html` };
  }
  url.hash = '';
  return { ok: true, url: url.href };
}

/**
 * Decides whether `q` may be fetched. Returns {ok: true, url: URL} (fragment dropped) or
 * {ok: false, code, reason}, code one of malformed, repeated, missing, too-long, not-absolute,
 * scheme, credentials, origin, mixed-content. `pageProtocol` and `pageOrigin` are the page's
 * location.protocol and location.origin; an empty allow-list admits only `pageOrigin`.
 * `problem` is parseViewerUrl's qProblem; `configMissing`: the page has no config.json (the
 * refusal says so).
 */
export function effectiveOrigins(allowedOrigins, pageOrigin) {
  return allowedOrigins.length > 0 ? allowedOrigins : (pageOrigin ? [pageOrigin] : []);
}

export function checkLogUrl(q, { allowedOrigins = [], pageProtocol = 'https:', pageOrigin = '', problem = '',
  configMissing = false } = {}) {
  if (problem === 'malformed') {
    return { ok: false, code: 'malformed',
      reason: 'The q= parameter is malformed: it holds a %-escape that does not decode (a lone "%", or bytes that are not UTF-8). Encode the address with encodeURIComponent.' };
  }
  if (problem === 'repeated') {
    return { ok: false, code: 'repeated',
      reason: 'The link gives q= more than once; the viewer will not guess which address was meant. Keep one q=.' };
  }
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
  const origins = effectiveOrigins(allowedOrigins, pageOrigin);
  if (!origins.includes(url.origin)) {
    return { ok: false, code: 'origin', allowed: origins,
      reason: allowedOrigins.length > 0
        ? `${url.origin} is not one of the log servers this viewer is configured for; it opens logs from ${origins.join(', ')} only (config.json "allowed_origins").`
        : `${url.origin} is not this viewer's own origin, and ${configMissing ? 'it has no config.json (HTTP 404)' : 'its config.json names no log servers'}, so it opens addresses on ${origins.join(', ') || 'its own origin'} only. The operator lists the storage origins in config.json "allowed_origins" (logstow publish-viewer --log-origin).` };
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
      // Swift's /info sits beside the version segment (at the proxy's root, or under a path
      // prefix when a gateway adds one).
      infoUrl: `${url.origin}${segments.slice(0, i).join('/')}/info`,
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
 * How to list the folder at `url` (ending in "/"), in the order folder_source.js gives: the Swift
 * JSON listing (when the URL is Swift-shaped; paged by /info's container_listing_limit); only
 * when Swift gives none, the zuul-manifest.json of this folder or of a folder above it (whose
 * tree holds this one), then this folder's index.html, then the folder URL itself (an Apache
 * autoindex page).
 */
export function folderPlan(url) {
  const folderUrl = url.origin + url.pathname;
  const plan = { folderUrl, listing: null, manifests: [], indexes: [] };
  const swift = swiftParts(url);
  if (swift) {
    plan.listing = { containerUrl: swift.containerUrl, prefix: swift.objectPath, infoUrl: swift.infoUrl };
  }
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

/** The folder where an uploader keeps a large file's segments (common/large_object.h). */
export const SEGMENT_FOLDER = '.logstow-segments';

/**
 * For a file URL that answered 404: the Swift listing that tells whether it is a pseudo-folder
 * (a listing of "<name>/" with at least one entry), or null when the URL is not Swift-shaped.
 * `segments`: where the file's segments would be if an uploader whose prefix is one of the
 * file's folders sent it in parts ("<folder>.logstow-segments/<rest of the name>/"), nearest
 * folder first, at most 8; with containerUrl and infoUrl to list them (folder_source.js).
 */
export function pseudoFolderProbe(url) {
  const swift = swiftParts(url);
  if (!swift || swift.objectPath === '' || url.pathname.endsWith('/')) return null;
  const parts = swift.objectPath.split('/');
  const segments = [];
  // A name in the reserved folder is a segment itself, never a file sent in parts.
  for (let depth = parts.length - 1; depth >= 0 && segments.length < 8 && !parts.includes(SEGMENT_FOLDER); --depth) {
    const rest = parts.slice(depth);
    const folder = parts.slice(0, depth).map((p) => `${p}/`).join('');
    segments.push({ segmentPrefix: `${folder}${SEGMENT_FOLDER}/`, name: rest.join('/') });
  }
  return { url: swiftListingUrl(swift.containerUrl, `${swift.objectPath}/`, '', 1),
    prefix: `${swift.objectPath}/`, containerUrl: swift.containerUrl, infoUrl: swift.infoUrl, segments };
}

/**
 * A name as a person can read it on one line: C0 control characters and DEL become their
 * visible Control Pictures (tab -> U+2409 ␉, newline -> U+240A ␊, CR -> U+240D ␍, DEL -> U+2421 ␡),
 * so a name never breaks a row, a breadcrumb or a title, and "a\tb" differs visibly from "a b".
 */
export function visibleName(text) {
  return String(text).replace(/[\u0000-\u001f\u007f]/g,
    (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** What an empty path segment ("a//b") is shown as: it is a real, distinct name in Swift. */
export const EMPTY_NAME = '\u2205';  // ∅

/**
 * Breadcrumbs for a log or folder URL: [{label, url, empty}], the last one being the page
 * itself. For Swift URLs they start at the container; otherwise at the host. Labels are decoded
 * and visible (visibleName); an empty segment is a crumb of its own (label EMPTY_NAME).
 */
export function breadcrumbs(url) {
  const swift = swiftParts(url);
  const crumbs = [];
  let base;
  let names;
  if (swift) {
    base = `${swift.containerUrl}/`;
    crumbs.push({ label: visibleName(swift.container), url: base, empty: false });
    names = url.pathname.slice(new URL(base).pathname.length).split('/');
  } else {
    base = `${url.origin}/`;
    crumbs.push({ label: url.host, url: base, empty: false });
    names = url.pathname.slice(1).split('/');
  }
  const isFolder = url.pathname.endsWith('/');
  if (isFolder) names.pop();
  if (names.length === 1 && names[0] === '') return crumbs;  // the container (or host) itself
  let path = base;
  names.forEach((encoded, i) => {
    const last = i === names.length - 1;
    path += encoded + (last && !isFolder ? '' : '/');
    const label = visibleName(safeDecode(encoded) ?? encoded);
    crumbs.push({ label: encoded === '' ? EMPTY_NAME : label, url: path, empty: encoded === '' });
  });
  return crumbs;
}

/** The page title for a URL: the decoded, visible last name ("équipe/" for a folder). */
export function pageTitle(url) {
  const crumbs = breadcrumbs(url);
  const last = crumbs[crumbs.length - 1];
  return `${last.label}${url.pathname.endsWith('/') && crumbs.length > 1 ? '/' : ''} – logstow`;
}

/**
 * The URL of a folder entry: `href` (relative, percent-encoded, from the core's listing parsers)
 * appended to the folder URL. Returns null when the result would leave the folder — a name with
 * "." or ".." segments, which browsers normalise away, so no link could reach that object.
 */
export function childUrl(folderUrl, href) {
  // The folder with an empty name ("a//" under "a/"): the core's href "/" appended as it is.
  if (href === '/' && folderUrl.endsWith('/')) {
    try {
      return new URL(`${folderUrl}/`).href;
    } catch {
      return null;
    }
  }
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
