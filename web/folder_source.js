// Folder listings for the viewer's worker (loaded with importScripts by viewer_worker.js; defines
// self.LogstowFolderSource). Kept apart from the log code: it only fetches and parses listings.
//
//  - isPseudoFolder(core, probe): does Swift list anything under probe.prefix ("<name>/"), its
//    own directory marker included? (A file URL that answered 404 then opens as that folder.)
//  - segmentedFile(core, probe): for a file URL that answered 404, its segments when an uploader
//    sent it in parts that `logstow finalize` has not joined yet (common/large_object.h).
//  - folder(env, message): runs a url_state.js folderPlan and posts 'listing' (one per page),
//    'sizes' (original sizes from a zuul-manifest.json, when one covers the folder) and
//    'listing-failed'. env = {core, post, yieldToEvents}.
//
// Which source lists a folder, in this order (README "How the viewer lists a folder"):
//  1. Swift's JSON listing, paged as Swift pages it: page size from /info
//     (swift.container_listing_limit; Swift answers a bigger ?limit= with 412 "Maximum limit is
//     N"), &marker= percent-encoded, the last page is the first short one. Once Swift has
//     answered with a listing, that is the answer: an empty one means "no folder here" (unless the
//     folder's marker object exists: an empty folder). Nothing a job wrote is read as a listing.
//  2. Only when Swift gives no listing (no .rlistings, not a Swift URL, blocked): the
//     zuul-manifest.json of this folder or the nearest folder above it whose tree holds it.
//  3. Then this folder's index.html, then the folder URL itself (an Apache autoindex page).
'use strict';

self.LogstowFolderSource = (() => {
  const DEFAULT_LIMIT = 10000;  // Swift's container_listing_limit unless the operator changed it
  const SEGMENT_FOLDER = '.logstow-segments';  // common/large_object.h: large files' parts
  const infoLimits = new Map(); // /info URL -> Promise<number | 0 (unknown)>

  // Swift's container_listing_limit from /info (CORS-readable from any origin), once per server.
  function listingLimit(infoUrl) {
    if (!infoUrl) return Promise.resolve(0);
    if (!infoLimits.has(infoUrl)) {
      infoLimits.set(infoUrl, (async () => {
        const result = await LogstowFetch.get(infoUrl);
        if (!result.ok) return 0;
        try {
          const limit = Number((await result.response.json())?.swift?.container_listing_limit);
          return Number.isInteger(limit) && limit > 0 ? limit : 0;
        } catch {
          return 0;
        }
      })());
    }
    return infoLimits.get(infoUrl);
  }

  // `delimiter` false: every object under the prefix, sub-folders' too (a segment listing).
  function listingUrl(listing, marker, limit, delimiter = true) {
    let url = `${listing.containerUrl}?format=json&prefix=${encodeURIComponent(listing.prefix)}${delimiter ? '&delimiter=%2F' : ''}`;
    if (limit > 0) url += `&limit=${limit}`;
    if (marker) url += `&marker=${encodeURIComponent(marker)}`;
    return url;
  }

  // The large files kept as segments under `segmentPrefix` ("<folder>.logstow-segments/", or
  // narrower: "<…>/<name>/"): every page of its listing (no delimiter; paged by /info's limit as
  // folder listings are), read by the core (listing.h ParseSegmentListing). Resolves to
  // {files: [{name, segments, size, last_modified}] in Swift's order, one per name, requests}, or
  // null when Swift gave no listing.
  async function segmentedFiles(core, containerUrl, infoUrl, segmentPrefix, listPrefix = segmentPrefix) {
    const limit = await listingLimit(infoUrl);
    const files = new Map();
    let pageSize = limit;
    let marker = '';
    for (let requests = 1; ; ++requests) {
      const result = await LogstowFetch.get(listingUrl({ containerUrl, prefix: listPrefix }, marker, limit, false));
      if (!result.ok) return null;
      const page = JSON.parse(core.parseSegmentListing(await result.response.text(), segmentPrefix, pageSize));
      if (!page.ok) return null;
      for (const e of page.entries) {  // one file's segments may run over two pages
        const known = files.get(e.name);
        if (!known) {
          files.set(e.name, { name: e.name, segments: e.segments, size: e.size, last_modified: e.last_modified });
        } else {
          known.segments += e.segments;
          known.size = known.size >= 0 && e.size >= 0 ? known.size + e.size : -1;
          if (e.last_modified > known.last_modified) known.last_modified = e.last_modified;
        }
      }
      if (pageSize === 0) pageSize = page.page_items;
      if (page.page_items < pageSize || !page.next_marker || page.page_items === 0) {
        return { files: [...files.values()], requests };
      }
      marker = page.next_marker;
    }
  }

  // For a file URL that answered 404 (url_state.js pseudoFolderProbe): were its segments
  // uploaded, waiting for `logstow finalize`? Each folder above it that could be an uploader's
  // prefix is asked at once (one listing each, only on this error path); the nearest that holds
  // them answers: {segments, size, folderUrl} (size: the segments' bytes as stored), else null.
  async function segmentedFile(core, probe) {
    if (!probe?.segments?.length) return null;
    const found = await Promise.all(probe.segments.map(async ({ segmentPrefix, name }) => {
      const listed = await segmentedFiles(core, probe.containerUrl, probe.infoUrl, segmentPrefix,
        `${segmentPrefix}${name}/`);
      return listed?.files.find((f) => f.name === name) ?? null;
    }));
    const index = found.findIndex(Boolean);
    if (index < 0) return null;
    const { segmentPrefix, name } = probe.segments[index];
    const path = `${segmentPrefix}${name}/`.split('/').map(encodeURIComponent).join('/');
    return { segments: found[index].segments, size: found[index].size, folderUrl: `${probe.containerUrl}/${path}` };
  }

  async function isPseudoFolder(core, probe) {
    const result = await LogstowFetch.get(probe.url);
    if (!result.ok) return false;
    try {
      const listing = JSON.parse(core.parseSwiftListing(await result.response.text(), probe.prefix, 1));
      return listing.ok && (listing.entries.length > 0 || listing.marker_seen);
    } catch {
      return false;
    }
  }

  // Pages of the Swift listing, posted as they come. Returns 'done' (the listing was shown,
  // possibly empty), or 'unavailable' (Swift gave no listing: try the other sources).
  async function swiftListing(env, plan, note, attempts, onFiles) {
    const { core, post, yieldToEvents } = env;
    // askLimit: the &limit= sent (0: none, Swift's own page size); pageSize: a page this long may
    // have a successor (0: not known yet).
    let askLimit = await listingLimit(plan.listing.infoUrl);
    let pageSize = askLimit;
    let retriedWithout = false;
    let marker = '';
    let pages = 0;
    let count = 0;
    let requests = 0;
    let segmentFolder = false;
    for (;;) {
      const url = listingUrl(plan.listing, marker, askLimit);
      requests += 1;
      const result = await LogstowFetch.get(url);
      if (!result.ok) {
        const error = result.error;
        // Too big a page: a 412 names Swift's limit when its body is readable; Swift sends no
        // CORS headers on a 412, so from another origin it looks blocked: ask once without one.
        const named = /Maximum limit is (\d+)/.exec(error.detail || '');
        if (pages === 0 && named && Number(named[1]) > 0 && Number(named[1]) !== askLimit) {
          askLimit = pageSize = Number(named[1]);
          continue;
        }
        if (pages === 0 && askLimit > 0 && !retriedWithout && (error.status === 412 || error.kind === 'cors')) {
          retriedWithout = true;
          askLimit = pageSize = 0;
          continue;
        }
        if (pages > 0) {  // a later page failed: keep what came, say so
          post({ op: 'listing', source: 'swift', entries: [], done: true, pages, requests,
            warning: `Listing page ${pages + 1} failed (${error.status || error.kind}); ${count} entries shown.` });
          return 'done';
        }
        note('Swift container listing', url, error);
        return 'unavailable';
      }
      const body = await result.response.text();
      const listing = JSON.parse(core.parseSwiftListing(body, plan.listing.prefix, pageSize));
      if (!listing.ok) {
        note('Swift container listing', url, { kind: 'not-a-listing', status: result.response.status, detail: listing.error });
        return 'unavailable';
      }
      pages += 1;
      count += listing.entries.length;
      if (pages === 1 && listing.page_items === 0) {
        // Swift listed nothing under this prefix: no such folder (Swift's answer stands).
        note('Swift container listing', url, { kind: 'empty', status: 200, detail: 'no objects under this prefix' });
        post({ op: 'listing-failed', attempts, swiftAnswered: true });
        return 'done';
      }
      // Page size not known (no /info): the first page's length stands in for it.
      if (pageSize === 0) pageSize = listing.page_items;
      const done = listing.page_items < pageSize || !listing.next_marker;
      segmentFolder ||= listing.segment_folder_seen;
      // The folder holds ".logstow-segments/": its files not joined yet are listed with the last
      // page (one more listing, only then). Those of sub-folders stay theirs (the manifest).
      let segmented;
      if (done && segmentFolder) {
        const prefix = `${plan.listing.prefix}${SEGMENT_FOLDER}/`;
        const listed = await segmentedFiles(core, plan.listing.containerUrl, plan.listing.infoUrl, prefix);
        requests += listed ? listed.requests : 1;
        segmented = listed ? listed.files.filter((f) => !f.name.includes('/')) : [];
        if (segmented.length) onFiles();
      }
      if (listing.entries.some((e) => e.type === 'file')) onFiles();
      post({ op: 'listing', source: 'swift', entries: listing.entries, done, pages, requests,
        markerSeen: listing.marker_seen, pageSize, segmented });
      if (done) return 'done';
      marker = listing.next_marker;
      await yieldToEvents();
    }
  }

  // Manifests of this folder and of each parent, asked for at once; the shallowest one whose
  // tree holds this folder wins. Zuul writes one at the build's log root; a zuul-manifest.json
  // deeper down is more likely a log file that happens to have that name.
  async function manifestListing(core, plan, note) {
    const manifests = await Promise.all(plan.manifests.map(async (manifest) => {
      const result = await LogstowFetch.get(manifest.url);
      return { manifest, result, text: result.ok ? await result.response.text() : '' };
    }));
    for (const { manifest, result, text } of manifests.reverse()) {
      if (!result.ok) {
        note?.('zuul-manifest.json', manifest.url, result.error);
        continue;
      }
      const listing = JSON.parse(core.parseZuulManifest(text, manifest.folder));
      if (!listing.ok) {
        note?.('zuul-manifest.json', manifest.url, { kind: 'not-a-listing', status: 200, detail: listing.error });
        continue;
      }
      return { manifest, listing };
    }
    return null;
  }

  // Runs a url_state.js folderPlan (see the order above). Entries go to the page as they arrive.
  async function folder(env, message) {
    const plan = message.plan;
    const { core, post } = env;
    const attempts = [];
    const note = (what, url, outcome) => attempts.push({ what, url, outcome });

    if (plan.listing) {
      // Once Swift lists a file, the manifest is fetched beside the rest of the listing, only for
      // its original (uncompressed) sizes: Swift lists the stored bytes.
      let sizes = null;
      const onFiles = () => {
        sizes ??= manifestListing(core, plan, null);
      };
      if (await swiftListing(env, plan, note, attempts, onFiles) === 'done') {
        const found = await sizes;
        if (found) {
          post({ op: 'sizes', manifestUrl: found.manifest.url, entries: found.listing.entries
            .filter((e) => e.type === 'file' && e.size >= 0).map((e) => ({ name: e.name, size: e.size,
              content_encoding: e.content_encoding, segments: e.segments, last_modified: e.last_modified })) });
        }
        return;
      }
    }

    const found = await manifestListing(core, plan, note);
    if (found) {
      post({ op: 'listing', source: 'zuul-manifest', manifestUrl: found.manifest.url,
        entries: found.listing.entries, done: true, pages: 1, attempts });
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

  return { folder, isPseudoFolder, segmentedFile };
})();
