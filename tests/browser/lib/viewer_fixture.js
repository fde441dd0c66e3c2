// What the viewer specs start before their tests and stop after them: the local Swift, the built
// site on its own origin, one container shared with that origin (CORS), and Chromium.
'use strict';

const { webDir, serveStatic, launchChromium } = require('./harness');
const { Swift } = require('./swift');

/**
 * Starts them; the container is named from `containerName` (Swift.createContainer adds a unique
 * part). Resolves to {swift, site, container, chromium, stop()}; stop() closes and deletes what
 * was made. What started before a failure is stopped again before the error is thrown.
 */
async function startViewerFixture(containerName) {
  const made = {};
  made.stop = async () => {
    await made.chromium?.close();
    await made.site?.close();
    if (made.container) await made.swift.deleteContainer(made.container.name);
  };
  try {
    made.swift = await Swift.connect();
    made.site = await serveStatic(webDir());
    made.container = await made.swift.createContainer(containerName, { origins: [made.site.origin] });
    made.chromium = await launchChromium();
  } catch (error) {
    await made.stop().catch(() => {});
    throw error;
  }
  return made;
}

module.exports = { startViewerFixture };
