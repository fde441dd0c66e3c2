// "Follow across the build" for a request id clicked in a log (file_selection.js calls
// offerTrail): a bar under the toolbar offers the id's trail, which opens the build's folder
// with &trail=<id> (build_trail.js). The build is the shallowest folder above the log that holds
// a zuul-manifest.json (Zuul and `logstow upload` write one at the build's log root; HEAD
// requests to the log's own origin, which q= was checked against); without one, the log's own
// folder. The id is untrusted log text: it goes into the DOM as textContent and into the link
// percent-encoded.
import { folderPlan, formatViewerUrl } from './url_state.js';

const roots = new Map();  // log URL -> Promise<folder URL>

function buildRoot(logUrl) {
  if (!roots.has(logUrl.href)) {
    const folder = new URL('.', logUrl);
    roots.set(logUrl.href, (async () => {
      const manifests = folderPlan(folder).manifests;  // this folder's first, the container's last
      const found = await Promise.all(manifests.map(async (m) => {
        try {
          const response = await fetch(m.url, { method: 'HEAD', mode: 'cors', credentials: 'omit' });
          return response.ok;
        } catch {
          return false;
        }
      }));
      for (let i = manifests.length - 1; i >= 0; --i) {
        if (found[i]) return manifests[i].url.slice(0, -'zuul-manifest.json'.length);
      }
      return folder.origin + folder.pathname;
    })());
  }
  return roots.get(logUrl.href);
}

export function trailLink(folderUrl, id) {
  return formatViewerUrl({ q: folderUrl, wrap: true, trail: id });
}

// Shows the offer for `id` (replacing an earlier one) under the log's toolbar.
export function offerTrail(view, id) {
  let bar = document.getElementById('trail-offer');
  if (!bar) {
    bar = document.createElement('div');
    bar.id = 'trail-offer';
    bar.className = 'notice trail-offer';
    bar.setAttribute('role', 'status');
    view.$('notice').after(bar);
  }
  const follow = document.createElement('button');
  follow.type = 'button';
  follow.className = 'button';
  follow.id = 'trail-follow';
  follow.textContent = 'Follow across the build';
  follow.title = 'Every line of every file of this build that carries this id, in time order';
  const code = document.createElement('code');
  code.textContent = id;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button icon';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => bar.remove());
  follow.addEventListener('click', async () => {
    follow.disabled = true;
    window.location.assign(trailLink(await buildRoot(view.url), id));
  });
  bar.replaceChildren('Request id ', code, ' ', follow, ' ', close);
  bar.hidden = false;
  buildRoot(view.url);  // asked now, so the click rarely waits
}
