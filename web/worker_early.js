// Opening the page's log the moment the worker starts, before the page's modules have loaded and
// without a round trip through the page: boot.js names the worker after the page (its address and
// window height, new Worker(url, {name})); this reads config.json itself, makes the checks main.js
// makes (url_state.js and log_open.js are joined into the worker, the same code) and, when they
// pass and the address is not a folder's, opens the log as an {op: 'open'} from the page would.
// It tells the page first, {op: 'early', href, want, preview}, href '' when it opened nothing (no
// q=, a folder, a refused address, an unreadable config.json): main.js then opens nothing twice,
// and says why itself when it refuses.
'use strict';

// The log to open, as an {op: 'open'} message, or null; `page`: boot.js's {href, height}.
async function earlyOpenMessage(page) {
  const href = new URL(page.href);
  if (href.origin !== self.location.origin) return null;  // not this viewer's page
  const view = LogstowUrl.parseViewerUrl(href.search, href.hash);
  if (view.q === null) return null;
  // As page_config.js asks for it (mode, credentials).
  const response = await fetch(new URL('config.json', href), { mode: 'cors', credentials: 'same-origin' });
  if (!response.ok && response.status !== 404) return null;
  const config = LogstowUrl.parseConfig(response.status === 404 ? null : await response.text());
  if (!config.ok) return null;
  const rules = LogstowUrl.rulesUrl(config.config.rules, href.href);
  if (!rules.ok) return null;
  const check = LogstowUrl.checkLogUrl(view.q, { allowedOrigins: config.config.allowedOrigins,
    pageProtocol: href.protocol, pageOrigin: href.origin, problem: view.qProblem });
  if (!check.ok || check.url.pathname.endsWith('/')) return null;
  LogstowFetch.allow(LogstowUrl.effectiveOrigins(config.config.allowedOrigins, href.origin));
  state.rulesUrl = rules.url;
  return { op: 'open', url: check.url.href, want: LogstowOpen.firstRowsWanted(view.selection, page.height),
    folderProbe: LogstowUrl.pseudoFolderProbe(check.url), preview: LogstowOpen.startsAtTop(view) };
}

function openEarly() {
  let page;
  try {
    page = JSON.parse(self.name);
  } catch {
    return;  // started by main.js, unnamed: main.js opens the log
  }
  earlyOpenMessage(page).catch(() => null).then((message) => {
    post({ op: 'early', href: message ? message.url : '', want: message ? message.want : null,
      preview: Boolean(message && message.preview) });
    if (message) open(message).catch(fail);
  });
}

// Now, before the rest of this script (the parts after this one, the Emscripten loader) is
// evaluated: config.json is on its way meanwhile. What it calls from them (open, post, state,
// LogstowFetch) runs only after config.json's answer, long after the script has run.
openEarly();
