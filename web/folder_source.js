// Folder listings for the viewer's worker (loaded with importScripts by viewer_worker.js; defines
// self.LogstowFolderSource). Kept apart from the log code: it only fetches and parses listings.
//
//  - isPseudoFolder(core, probe): does a Swift listing show anything under probe.prefix?
//  - folder(env, message): runs a url_state.js folderPlan and posts 'listing' / 'listing-failed'.
//    env = {core, post, yieldToEvents}.
'use strict';

self.LogstowFolderSource = (() => {
  async function isPseudoFolder(core, probe) {
    const result = await LogstowFetch.get(probe.url);
    if (!result.ok) return false;
    try {
      const listing = JSON.parse(core.parseSwiftListing(await result.response.text(), probe.prefix, 1));
      return listing.ok && listing.entries.length > 0;
    } catch {
      return false;
    }
  }

  // Runs a url_state.js folderPlan: Swift listing (paged), else a zuul-manifest.json, else an
  // index.html / autoindex page. Entries go to the page as they arrive (Swift pages of 10,000).
  async function folder(env, message) {
    const plan = message.plan;
    const { core, post, yieldToEvents } = env;
    const attempts = [];
    const note = (what, url, outcome) => attempts.push({ what, url, outcome });

    if (plan.listing) {
      let marker = '';
      let pages = 0;
      let count = 0;
      for (;;) {
        const url = `${plan.listing.containerUrl}?format=json&prefix=${encodeURIComponent(plan.listing.prefix)}` +
          `&delimiter=%2F&limit=10000${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
        const result = await LogstowFetch.get(url);
        if (!result.ok) {
          if (pages > 0) {  // a later page failed: keep what came, say so
            post({ op: 'listing', source: 'swift', entries: [], done: true, pages, attempts,
              warning: `Listing page ${pages + 1} failed (${result.error.status || result.error.kind}); ${count} entries shown.` });
            return;
          }
          note('Swift container listing', url, result.error);
          break;
        }
        const body = await result.response.text();
        const listing = JSON.parse(core.parseSwiftListing(body, plan.listing.prefix, 10000));
        if (!listing.ok) {
          note('Swift container listing', url, { kind: 'not-a-listing', status: result.response.status, detail: listing.error });
          break;
        }
        pages += 1;
        count += listing.entries.length;
        if (pages === 1 && listing.entries.length === 0 && !listing.maybe_more) {
          note('Swift container listing', url, { kind: 'empty', status: 200, detail: 'no objects under this prefix' });
          break;
        }
        const done = !listing.maybe_more || !listing.next_marker;
        post({ op: 'listing', source: 'swift', entries: listing.entries, done, pages, attempts });
        if (done) return;
        marker = listing.next_marker;
        await yieldToEvents();
      }
    }

    // Manifests of this folder and of each parent, asked for at once; the shallowest one whose
    // tree holds this folder wins. Zuul writes one at the build's log root; a zuul-manifest.json
    // deeper down is more likely a log file that happens to have that name.
    const manifests = await Promise.all(plan.manifests.map(async (manifest) => {
      const result = await LogstowFetch.get(manifest.url);
      return { manifest, result, text: result.ok ? await result.response.text() : '' };
    }));
    for (const { manifest, result, text } of manifests.reverse()) {
      if (!result.ok) {
        note('zuul-manifest.json', manifest.url, result.error);
        continue;
      }
      const listing = JSON.parse(core.parseZuulManifest(text, manifest.folder));
      if (!listing.ok) {
        note('zuul-manifest.json', manifest.url, { kind: 'not-a-listing', status: 200, detail: listing.error });
        continue;
      }
      post({ op: 'listing', source: 'zuul-manifest', manifestUrl: manifest.url,
        entries: listing.entries, done: true, pages: 1, attempts });
      return;
    }

    for (const url of plan.indexes) {
      const result = await LogstowFetch.get(url);
      if (!result.ok) {
        note(url.endsWith('/') ? 'folder page' : 'index.html', url, result.error);
        continue;
      }
      // logstow's own index.html links sub-folders as "<name>/index.html"; the core's parser takes
      // only direct children ("<name>/"), so those links are shortened first (a narrow rewrite of
      // href attributes in text that is parsed, never rendered).
      const html = (await result.response.text())
        .replace(/(href\s*=\s*["'])([^"'/?#:]+)\/index\.html(["'])/gi, '$1$2/$3');
      const listing = JSON.parse(core.parseHtmlIndex(html));
      if (!listing.ok) {
        note('index.html', url, { kind: 'not-a-listing', status: 200, detail: listing.error });
        continue;
      }
      post({ op: 'listing', source: 'html-index', indexUrl: url, entries: listing.entries,
        done: true, pages: 1, attempts });
      return;
    }
    post({ op: 'listing-failed', attempts });
  }

  return { folder, isPseudoFolder };
})();
