// config.json beside the page, read once per page. When boot.js started the worker, the worker
// read it (worker_early.js) and decided from that answer whether to ask for the log at once: the
// page decides from the same answer ({op: 'early', config}), never from a second read that could
// differ (a transient 5xx, a file edited in between). Else (no worker from boot.js) it is fetched
// here. main.js shares this module's one answer.
import { configFromAnswer } from './url_state.js';

let answer = null;

// Resolves to parseConfig's {ok, config} or {ok: false, error}; never rejects.
export function loadConfig() {
  answer ||= readConfig();
  return answer;
}

async function readConfig() {
  const boot = window.logstowBoot;
  const early = boot ? await boot.early : null;
  return configFromAnswer(early && early.config ? early.config : await fetchConfig());
}

// config.json's answer as worker_early.js's readConfigAnswer gives it: {status, text}, or
// {status: 0, error} when none came.
async function fetchConfig() {
  try {
    const response = await fetch('config.json', { mode: 'cors', credentials: 'same-origin' });
    return { status: response.status, text: response.ok ? await response.text() : '' };
  } catch (error) {
    return { status: 0, error: error.message };
  }
}
