// The viewer page's wiring. For now it loads the Wasm core and reports that it is ready;
// the file and folder views arrive with the web viewer (see README).
'use strict';

(async () => {
  const status = document.getElementById('status');
  try {
    const core = await LogstowViewer();
    window.logstowCore = core;
    status.textContent = 'Viewer core loaded.';
    document.body.dataset.ready = 'true';
  } catch (err) {
    status.textContent = `The viewer core failed to load: ${err}`;
    document.body.dataset.ready = 'error';
  }
})();
