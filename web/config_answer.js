// config.json's answer as it came (the page decides nothing without it), read once per page:
// by boot.js as the page starts (it decides from it whether the worker opens the log at once),
// else by page_config.js. No imports: the build joins it
// into boot.js, as LogstowConfig.

// How long config.json may take to answer (ms): a server that never answers would leave the
// reader on "loading" with no word.
export const CONFIG_TIMEOUT_MS = 10000;

/**
 * config.json's answer, read from `url` (beside the page): {status, text} of the HTTP answer, or
 * {status: 0, error} when none came (a network error, or no answer in CONFIG_TIMEOUT_MS). Never
 * rejects. url_state.js configFromAnswer says what it means.
 */
export async function readConfigAnswer(url) {
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'same-origin',
      signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) });
    return { status: response.status, text: response.ok ? await response.text() : '' };
  } catch (error) {
    return { status: 0, error: error && error.name === 'TimeoutError'
      ? `no answer in ${CONFIG_TIMEOUT_MS / 1000} s` : String(error && error.message || error) };
  }
}
