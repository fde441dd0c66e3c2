// The log's first bytes on screen as soon as they come: the worker boot.js started asks for the
// log itself as it starts (worker_early.js) and sends its first bytes ({op: 'preview'}) when the
// view will start at line 1; this module (small, loaded async long before main.js's graph) draws
// them as plain text (log_preview.js) while the Wasm core and the view are still loading.
//
// It never shows an error: whatever the worker did not open (no ?q=, a folder, a refused address,
// a misconfigured viewer), main.js opens or refuses and says why. main.js imports `earlyOpen` to
// know whether the log was asked for already, so it is asked for once.
import { ROW_HEIGHT } from './log_open.js';
import { previewLines, showPreview } from './log_preview.js';
import { parseViewerUrl } from './url_state.js';

// Resolves to {href, want} when the worker asked for the log at href (want: the rows asked for,
// log_open.js firstRowsWanted), else null.
export const earlyOpen = askedEarly();

async function askedEarly() {
  const boot = window.logstowBoot;
  if (!boot) return null;
  const early = await boot.early;
  if (!early.href) return null;
  if (early.preview) {
    const wrap = parseViewerUrl(window.location.search, window.location.hash).wrap;
    boot.preview.then(async (message) => {
      if (document.readyState === 'loading') {  // #log is not parsed yet
        await new Promise((resolve) => {
          document.addEventListener('DOMContentLoaded', resolve, { once: true });
        });
      }
      const screen = Math.ceil((window.innerHeight || 800) / ROW_HEIGHT) + 1;
      const lines = previewLines(message.bytes, screen, message.complete);
      // For tests: whether the first bytes were drawn as plain text.
      document.body.dataset.preview = showPreview(document.getElementById('log'), lines, wrap)
        ? 'drawn' : 'declined';
    });
  }
  return { href: early.href, want: early.want };
}
