// The viewer page's wiring: reads the URL (url_state.js), loads config.json, refuses what must
// not be fetched, starts the worker (viewer_worker.js: Wasm core, fetch, index) and hands the page
// to the file view (file_view.js) or the folder view (folder_view.js). Also: theme, breadcrumbs,
// keyboard dispatch, the help dialog, and the landing page when there is no ?q=.
// <body> data attributes (for tests, the bench and scripts/demo-screenshots.js): data-mode
// (landing, file, folder, error), data-state (loading, streaming, done, error), data-ready ("true"
// once the page shows all it was asked for: the landing page's core loaded, a log fully indexed,
// a folder fully listed; "error" when it shows an error instead), data-first-rows.
//
// Trust: q= is untrusted and checked before anything is fetched (checkLogUrl); log text and names
// reach the DOM only as textContent. In a log or folder view the page enforces Trusted Types
// (added below), so a string can never be parsed as HTML or loaded as a script, and the one
// Trusted Types policy accepts exactly one script URL: viewer_worker.js.
import { breadcrumbs, checkLogUrl, effectiveOrigins, fileName, folderPlan, pageTitle,
  parseViewerUrl, pseudoFolderProbe, rulesUrl, viewerLink } from './url_state.js';
import { renderBinary, renderError, renderMessage } from './messages.js';
import { formatBytes } from './format.js';
import { openLog } from './log_open.js';
import { loadConfig } from './page_config.js';

const $ = (id) => document.getElementById(id);
const WORKER_URL = 'viewer_worker.js';
const SEARCH_WORKER_URL = 'build_search_worker.js';  // build_search.js: the build-wide search

// --- theme -------------------------------------------------------------------------------------

const THEME_KEY = 'logstow-theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function storedTheme() {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : '';
  } catch {
    return '';
  }
}

function applyTheme() {
  const theme = storedTheme() || (systemDark.matches ? 'dark' : 'light');
  document.documentElement.dataset.theme = theme;
}

// boot.js set the theme before the first paint; this follows the system's changes and the button.
function initTheme() {
  systemDark.addEventListener('change', applyTheme);
  $('theme-toggle').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Storage refused (private mode): the toggle lasts for this page only.
    }
    document.documentElement.dataset.theme = next;
  });
}

// --- help --------------------------------------------------------------------------------------

function initHelp() {
  const dialog = $('help');
  $('help-button').addEventListener('click', () => dialog.showModal());
  $('help-close').addEventListener('click', () => dialog.close());
}

// --- Trusted Types -----------------------------------------------------------------------------

let scriptPolicy = null;

// Adds "require-trusted-types-for 'script'" as a second CSP (policies only ever tighten), and
// creates the page's only policy. Without Trusted Types support (Firefox, Safari) the strict
// base CSP and the textContent-only code still hold.
function enforceTrustedTypes() {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "require-trusted-types-for 'script'; trusted-types logstow";
  document.head.append(meta);
  if (window.trustedTypes) {
    scriptPolicy = window.trustedTypes.createPolicy('logstow', {
      createScriptURL(url) {
        if (url === WORKER_URL || url === SEARCH_WORKER_URL) return url;
        throw new TypeError(`logstow: script URL not allowed: ${url}`);
      },
    });
  }
}

// The worker boot.js started and the messages it sent so far, else a new worker. The caller adds
// its listener in the same task (none is lost in between).
function startWorker() {
  const boot = window.logstowBoot;
  if (boot) return { worker: boot.worker, takeMessages: () => boot.takeMessages() };
  const worker = new Worker(scriptPolicy ? scriptPolicy.createScriptURL(WORKER_URL) : WORKER_URL);
  worker.postMessage({ op: 'wasm', module: null });  // the worker compiles the core itself
  return { worker, takeMessages: () => [] };
}

// What boot.js told its worker to open (boot.js decideOpen): {href, want} (want: the rows asked
// for, log_open.js firstRowsWanted), or null when it opened nothing.
async function earlyOpen() {
  const early = await window.logstowBoot?.early;
  return early && early.href ? { href: early.href, want: early.want } : null;
}

// --- breadcrumbs -------------------------------------------------------------------------------

function renderCrumbs(url) {
  const list = $('crumbs').querySelector('ol');
  list.replaceChildren();
  const crumbs = breadcrumbs(url);
  crumbs.forEach((crumb, i) => {
    const li = document.createElement('li');
    let node;
    if (i === crumbs.length - 1) {
      node = document.createElement('span');
      node.textContent = crumb.label + (crumb.url.endsWith('/') ? '/' : '');
      node.setAttribute('aria-current', 'page');
    } else {
      node = document.createElement('a');
      node.href = viewerLink(crumb.url);
      node.textContent = crumb.label;
    }
    if (crumb.empty) {
      node.classList.add('empty-name');
      node.title = 'A folder whose name is empty (two slashes in a row in the object name)';
    }
    li.append(node);
    list.append(li);
  });
}

// --- modes -------------------------------------------------------------------------------------

function setMode(mode) {
  document.body.dataset.mode = mode;
  if (mode === 'error') {
    // Only the message (and the breadcrumbs, to go up a folder) stay.
    for (const id of ['file-tools', 'folder-tools', 'progress', 'notice', 'log', 'folder', 'download',
      'landing']) {
      $(id).hidden = true;
    }
    $('file-meta').textContent = '';
    document.body.dataset.state = 'error';
    document.body.dataset.ready = 'error';
  }
}

function fail(spec) {
  setMode('error');
  document.body.dataset.state = 'error';
  document.body.dataset.ready = 'error';
  renderMessage($('message'), spec);
}

async function landing() {
  setMode('landing');
  $('landing').hidden = false;
  $('open-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('open-url').value.trim();
    if (value) window.location.assign(viewerLink(value));
  });
  $('open-url').focus();
  loadConfig().then((config) => {
    const origins = config.ok ? config.config.allowedOrigins : [];
    // No config.json at all (a viewer served beside the logs needs none) is not an empty list.
    const why = config.ok && config.config.missing
      ? 'it has no config.json (HTTP 404); the operator lists storage origins in config.json "allowed_origins" (logstow publish-viewer --log-origin).'
      : 'its config.json names no log servers.';
    $('origins-status').textContent = !config.ok ? config.error
      : origins.length ? `This viewer opens logs from ${origins.join(', ')}.`
        : `This viewer opens logs from its own origin (${window.location.origin}) only: ${why}`;
  });
  // The core on the main thread: a self-check that this browser runs it (WebAssembly SIMD).
  const status = $('core-status');
  try {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'logstow_viewer.js';
      script.onload = resolve;
      script.onerror = () => reject(new Error('logstow_viewer.js did not load'));
      document.head.append(script);
    });
    const core = await window.LogstowViewer();
    window.logstowCore = core;
    status.textContent = `Viewer core ready (WebAssembly, ${core.newlineScan()} newline scan).`;
    document.body.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `The viewer core failed to load in this browser: ${error.message || error}`;
    document.body.dataset.ready = 'error';
  }
}

async function main() {
  performance.mark('logstow:main');  // the module graph has loaded (bench/web/run.js reads marks)
  initTheme();
  initHelp();
  const state = parseViewerUrl(window.location.search, window.location.hash);
  if (state.q === null) {
    await landing();
    return;
  }
  enforceTrustedTypes();
  // The Wasm core compiles in the worker while config.json is read. Its messages and errors are
  // listened to at once (none may be lost) and kept until there is a view to take them.
  const { worker, takeMessages } = startWorker();
  let view = null;
  const showWorkerError = (detail) => {
    if (document.body.dataset.mode === 'error') return;  // the first message stays
    setMode('error');
    renderError($('message'), { kind: 'core', url: state.q, status: 0, detail }, window.location.origin);
  };
  const early = [];
  let onMessage = (message) => early.push(message);
  worker.addEventListener('message', (event) => onMessage(event.data));
  early.push(...takeMessages());
  worker.addEventListener('error', (event) => showWorkerError(event.message ||
    'the viewer\'s worker script (viewer_worker.js) could not be loaded or did not start'));
  if (window.logstowBoot?.error) {  // it failed before this listened (boot.js kept it)
    worker.terminate();
    showWorkerError(window.logstowBoot.error);
    return;
  }
  const config = await loadConfig();
  performance.mark('logstow:config');
  const rules = config.ok ? rulesUrl(config.config.rules, window.location.href) : null;
  if (!config.ok || !rules.ok) {
    worker.terminate();
    fail({ kind: 'config', title: 'The viewer is misconfigured',
      paragraphs: [config.ok ? rules.error : config.error,
        'Nothing was fetched. The operator who published this viewer can fix config.json.'] });
    return;
  }
  const pageOrigin = window.location.origin;
  const allowed = { allowedOrigins: config.config.allowedOrigins, pageProtocol: window.location.protocol,
    pageOrigin, configMissing: config.config.missing };
  const check = checkLogUrl(state.q, { ...allowed, problem: state.qProblem });
  if (!check.ok) {
    worker.terminate();
    fail({ kind: 'refused', title: 'This address is not opened',
      paragraphs: [check.reason, 'Nothing was fetched. Viewer links have the form ?q=<absolute http(s) address of a log or folder>.'],
      url: state.q, refusal: check.code });
    $('message').dataset.refusal = check.code;
    return;
  }
  const url = check.url;
  // The worker's fetches check every response's final URL (redirects) against the same list; a
  // log is read with the operator's rule file when config.json names one.
  worker.postMessage({ op: 'config', allowedOrigins: effectiveOrigins(config.config.allowedOrigins, pageOrigin),
    rulesUrl: rules.url });
  // A log is asked for now; the view's modules load meanwhile (index.html preloads them, so the
  // log's fetch never waits for them: main.js imports only what this needs).
  const folder = url.pathname.endsWith('/');
  const asked = await earlyOpen();  // the worker asked for it already, unless it could not
  const want = folder ? null
    : asked && asked.href === url.href ? asked.want : openLog(worker, url, state, pseudoFolderProbe(url));
  renderCrumbs(url);
  const dom = { $, setMode, fail, worker,
    // For the build-wide search's workers (build_search.js): the same origins, the one policy.
    origins: effectiveOrigins(config.config.allowedOrigins, pageOrigin),
    scriptUrl: (script) => (scriptPolicy ? scriptPolicy.createScriptURL(script) : script) };
  document.title = pageTitle(url);
  if (folder) {
    const { FolderView } = await import('./folder_view.js');
    view = new FolderView(dom, url, folderPlan(url), state);
  } else {
    const { FileView } = await import('./file_view.js');
    view = new FileView(dom, url, state, want);
  }
  window.logstowView = view;  // for tests and the bench: state, never a way in
  onMessage = (message) => {
    if (message.op === 'core') return;  // a failed core comes back as an error to the view
    if (message.op === 'redirect') {
      // A pseudo-folder asked for without its slash: show it as a folder.
      const next = checkLogUrl(message.url, allowed);
      if (next.ok) window.location.replace(viewerLink(next.url.href));
      return;
    }
    if (message.op === 'error') {
      setMode('error');
      renderError($('message'), message.error, window.location.origin);
      return;
    }
    if (message.op === 'binary') {
      // A body shorter than the 8 KiB the binary check reads is decided at its end: rows the
      // view drew from it before then are glyphs, never left in the page (its elements go, so a
      // draw still scheduled lands outside it), and rows still on their way are not drawn.
      $('log').replaceChildren();
      onMessage = () => {};
      setMode('error');
      document.body.dataset.mode = 'binary';
      document.body.dataset.ready = 'true';
      renderBinary($('message'), message, fileName(url) || 'download', formatBytes);
      return;
    }
    view.onMessage(message);
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement;
    if (!typing && event.key === '?') {
      $('help').showModal();
      event.preventDefault();
      return;
    }
    if ($('help').open) return;
    if (view.onKey(event, typing)) event.preventDefault();
  });
  view.start();
  // What the worker sent while the view's modules loaded (a fast log may be in already).
  for (const message of early.splice(0)) onMessage(message);
}

main();
