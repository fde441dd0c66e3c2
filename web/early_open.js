// Asks for the log the moment ?q= has passed its checks: this module loads on its own (index.html,
// async) and needs only url_state.js and config.json, so the log's request goes out long before
// main.js's module graph has loaded. It asks the worker boot.js started for the log, its first
// screen's rows and, when the view will start at line 1, a plain-text preview of the first bytes,
// which it draws (log_preview.js) while the Wasm core is still loading.
//
// It never shows an error: whatever it does not do (no ?q=, a folder, a refused address, a
// misconfigured viewer), main.js does again and says why. main.js imports `earlyOpen` to know
// whether the log was asked for already, so it is asked for once.
import { checkLogUrl, effectiveOrigins, parseViewerUrl, pseudoFolderProbe, rulesUrl } from './url_state.js';
import { loadConfig } from './page_config.js';
import { ROW_HEIGHT, openLog } from './log_open.js';
import { previewLines, showPreview } from './log_preview.js';

// Resolves to {href, want} when the log at href was asked for here (want: the rows asked for,
// log_open.js openLog), else null.
export const earlyOpen = askEarly();

async function askEarly() {
  const boot = window.logstowBoot;
  const state = parseViewerUrl(window.location.search, window.location.hash);
  if (!boot || state.q === null) return null;
  const config = await loadConfig();
  if (!config.ok) return null;
  const rules = rulesUrl(config.config.rules, window.location.href);
  if (!rules.ok) return null;
  const pageOrigin = window.location.origin;
  const check = checkLogUrl(state.q, { allowedOrigins: config.config.allowedOrigins,
    pageProtocol: window.location.protocol, pageOrigin, problem: state.qProblem });
  if (!check.ok || check.url.pathname.endsWith('/')) return null;
  const url = check.url;
  const worker = boot.worker;
  worker.postMessage({ op: 'config', allowedOrigins: effectiveOrigins(config.config.allowedOrigins, pageOrigin),
    rulesUrl: rules.url });
  // A permalink, a filter, a search or a time starts the view elsewhere than at line 1.
  const preview = !state.selection && !state.severity && !state.search && state.timeMs === null &&
    !state.newOnly;
  const want = openLog(worker, url, state, pseudoFolderProbe(url), preview);
  if (preview) {
    const onPreview = (event) => {
      if (event.data?.op !== 'preview') return;
      worker.removeEventListener('message', onPreview);
      const screen = Math.ceil((window.innerHeight || 800) / ROW_HEIGHT) + 1;
      const lines = previewLines(event.data.bytes, screen, event.data.complete);
      // For tests: whether the first bytes were drawn as plain text.
      document.body.dataset.preview = showPreview(document.getElementById('log'), lines, state.wrap)
        ? 'drawn' : 'declined';
    };
    worker.addEventListener('message', onPreview);
  }
  return { href: url.href, want };
}
