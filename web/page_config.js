// config.json beside the page, read once per page. When boot.js started the worker, boot.js read
// it and decided from that answer whether the worker opens the log at once (decideOpen): the
// page decides from the same answer (logstowBoot.early.config), never from a second read that
// could differ (a transient 5xx, a file edited in between). Else (no worker from boot.js) it is
// fetched here. main.js shares this module's one answer.
import { readConfigAnswer } from './config_answer.js';
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
  return configFromAnswer(early && early.config ? early.config : await readConfigAnswer('config.json'));
}
