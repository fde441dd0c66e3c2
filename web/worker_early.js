// Opening the page's log the moment the worker starts, before the page's modules have loaded and
// without a round trip through the page: boot.js names the worker after the page (its address and
// window height, new Worker(url, {name})) and sends config.json's answer ({op: 'config-answer',
// answer}: boot.js asked for it before this script was fetched; the page decides from the same
// answer); this makes the checks main.js makes (url_state.js and log_open.js are
// joined into the worker, the same code) and, when they pass and the address is not a folder's,
// opens the log as an {op: 'open'} from the page would. It tells the page first, {op: 'early',
// config, href, want, preview, wrap}, href '' when it opened nothing (no q=, a folder, a refused
// address, an unreadable config.json): main.js then opens nothing twice, and says why itself when
// it refuses.
'use strict';

// The log to open, as an {op: 'open'} message, or null; `page`: boot.js's {href, height};
// `answer`: config_answer.js readConfigAnswer's.
function earlyOpenMessage(page, answer) {
  const href = new URL(page.href);
  if (href.origin !== self.location.origin) return null;  // not this viewer's page
  const view = LogstowUrl.parseViewerUrl(href.search, href.hash);
  if (view.q === null) return null;
  const config = LogstowUrl.configFromAnswer(answer);
  if (!config.ok) return null;
  const rules = LogstowUrl.rulesUrl(config.config.rules, href.href);
  if (!rules.ok) return null;
  const check = LogstowUrl.checkLogUrl(view.q, { allowedOrigins: config.config.allowedOrigins,
    pageProtocol: href.protocol, pageOrigin: href.origin, problem: view.qProblem });
  if (!check.ok || check.url.pathname.endsWith('/')) return null;
  LogstowFetch.allow(LogstowUrl.effectiveOrigins(config.config.allowedOrigins, href.origin));
  state.rulesUrl = rules.url;
  return { op: 'open', url: check.url.href, want: LogstowOpen.firstRowsWanted(view.selection, page.height),
    folderProbe: LogstowUrl.pseudoFolderProbe(check.url), preview: LogstowOpen.startsAtTop(view),
    wrap: view.wrap };
}

// config.json's answer from boot.js (viewer_worker.js's handler for 'config-answer' calls this).
let receiveConfigAnswer;
const configAnswer = new Promise((resolve) => {
  receiveConfigAnswer = resolve;
});

function openEarly() {
  let page;
  try {
    page = JSON.parse(self.name);
  } catch {
    return;  // started by main.js, unnamed: main.js reads config.json and opens the log
  }
  // config.json beside the viewer, read once for the page and the worker: the page decides from
  // the same answer (page_config.js), so the two never disagree about an address.
  configAnswer.then((config) => {
    let message = null;
    try {
      message = earlyOpenMessage(page, config);
    } catch {
      message = null;  // a name that is not a page address: main.js decides
    }
    post({ op: 'early', config, href: message ? message.url : '', want: message ? message.want : null,
      preview: Boolean(message && message.preview), wrap: message ? message.wrap : true });
    if (message) open(message).catch(fail);
  });
}

// Now, before the rest of this script (the parts after this one, the Emscripten loader) is
// evaluated. What it calls from them (open, post, state, LogstowFetch) runs only after
// config.json's answer has come in a message, after the script has run.
openEarly();
