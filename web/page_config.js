// config.json beside the page, read once per page: early_open.js (to ask for the log at once) and
// main.js (for everything else) share this module's one answer, so the page fetches it once and
// the <link rel="preload"> in index.html serves that fetch.
import { parseConfig } from './url_state.js';

let answer = null;

// Resolves to parseConfig's {ok, config} or {ok: false, error}; never rejects.
export function loadConfig() {
  answer ||= readConfig();
  return answer;
}

async function readConfig() {
  let response;
  try {
    // As the preload asks for it (mode, credentials), so the preloaded answer is used.
    response = await fetch('config.json', { mode: 'cors', credentials: 'same-origin' });
  } catch (error) {
    return { ok: false, error: `config.json beside the page could not be read (${error.message}).` };
  }
  if (response.status === 404) return parseConfig(null);
  if (!response.ok) {
    return { ok: false, error: `config.json beside the page answered HTTP ${response.status}.` };
  }
  return parseConfig(await response.text());
}
