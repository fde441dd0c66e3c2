// Every file of a build, for the build-wide search's worker (classic script joined into
// build_search_worker.js; defines self.LogstowBuildList). A folder view lists one level; a
// build search needs the whole tree under the folder, found the way the folder view finds its
// listing (folder_source.js, README "How the viewer lists a folder"), but recursive:
//  1. Swift's JSON listing without a delimiter (every object under the prefix, paged with
//     &marker=, one request per container_listing_limit names; a search's first page is short);
//  2. only when Swift gives none: the shallowest zuul-manifest.json whose tree holds the folder,
//     walked down (the core's ParseZuulManifest, one folder at a time);
//  3. then the index pages, folder by folder (at most MAX_INDEX_PAGES of them).
// Resolves to {ok, source, files: [{path, url, size, contentType}], skipped: [{path, reason}],
// error}. env.onFiles(files), when given, is called with each Swift listing page's new files as
// it arrives, so a search can start before the last page (the listing ends with one request
// more, for an empty page). Paths are decoded and relative to the folder ("logs/a b.txt"); urls are the folder URL
// plus each segment percent-encoded. A name no URL can address (a "." or ".." segment, an empty
// one) is not fetched: it is returned in `skipped` with the reason, never dropped silently.
'use strict';

self.LogstowBuildList = (() => {
  const MAX_FILES = 20000;        // past this the rest are named as not searched, in one line
  const MAX_INDEX_PAGES = 500;
  const SEGMENT_FOLDER = '.logstow-segments';  // common/large_object.h: parts, not files
  const FIRST_PAGE = 100;         // names in a search's first Swift listing page

  function encodePath(path) {
    return path.split('/').map(encodeURIComponent).join('/');
  }

  function addFile(out, folderUrl, path, size, contentType) {
    const segments = path.split('/');
    if (segments.includes(SEGMENT_FOLDER)) return;
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
      out.skipped.push({ path, reason: 'unaddressable' });
      return;
    }
    if (out.files.length >= MAX_FILES) {
      out.overflow += 1;
      return;
    }
    out.files.push({ path, url: folderUrl + encodePath(path), size, contentType });
  }

  async function swiftTree(core, plan, out, onFiles) {
    const { containerUrl, prefix } = plan.listing;
    let marker = '';
    // A search (onFiles) asks for a short first page: Swift answers it sooner, and the search
    // begins on it while the rest are listed. 0: Swift's own page size.
    let limit = onFiles ? FIRST_PAGE : 0;
    for (let pages = 0; ; ++pages) {
      let url = `${containerUrl}?format=json&prefix=${encodeURIComponent(prefix)}`;
      if (limit) url += `&limit=${limit}`;
      if (marker) url += `&marker=${encodeURIComponent(marker)}`;
      const result = await LogstowFetch.get(url);
      if (!result.ok && limit && result.error.status === 412) {  // a Swift with a lower listing limit
        limit = 0;
        pages -= 1;
        continue;
      }
      if (!result.ok) return pages > 0 ? 'partial' : 'unavailable';
      const listing = JSON.parse(core.parseSwiftListing(await result.response.text(), prefix, limit));
      if (!listing.ok) return pages > 0 ? 'partial' : 'unavailable';
      if (listing.page_items === 0) return pages > 0 ? 'done' : (listing.marker_seen ? 'done' : 'empty');
      const had = out.files.length;
      for (const entry of listing.entries) {
        if (entry.type === 'file') addFile(out, plan.folderUrl, entry.name, entry.size, entry.content_type);
      }
      if (onFiles && out.files.length > had) onFiles(out.files.slice(had));
      if (out.files.length >= MAX_FILES && out.overflow > 0) return 'done';
      // A short page under &limit= is the last; else Swift's page size is not known here (no
      // /info): a page is the last one when it comes back empty, one request more than needed.
      if (limit && !listing.maybe_more) return 'done';
      limit = 0;
      marker = listing.next_marker;
      if (!marker) return 'done';
    }
  }

  async function manifestTree(core, plan, out) {
    const fetched = await Promise.all(plan.manifests.map(async (manifest) => {
      const result = await LogstowFetch.get(manifest.url);
      return { manifest, text: result.ok ? await result.response.text() : null };
    }));
    for (const { manifest, text } of fetched.reverse()) {  // the shallowest first
      if (text === null) continue;
      const top = JSON.parse(core.parseZuulManifest(text, manifest.folder));
      if (!top.ok) continue;
      const walk = (listing, inner) => {
        for (const entry of listing.entries) {
          if (entry.type === 'folder') {
            const sub = JSON.parse(core.parseZuulManifest(text, `${manifest.folder}${inner}${entry.name}/`));
            if (sub.ok) walk(sub, `${inner}${entry.name}/`);
          } else {
            addFile(out, plan.folderUrl, inner + entry.name, entry.size, entry.content_type);
          }
        }
      };
      walk(top, '');
      out.manifestUrl = manifest.url;
      return true;
    }
    return false;
  }

  // Index pages, breadth first, through folder_source.js (its html-index step) one folder at a
  // time.
  async function indexTree(env, plan, out) {
    const queue = [''];
    let pages = 0;
    let any = false;
    while (queue.length && pages < MAX_INDEX_PAGES) {
      const inner = queue.shift();
      const folderUrl = plan.folderUrl + encodePath(inner.replace(/\/$/, '')) + (inner ? '/' : '');
      pages += 1;
      let entries = null;
      await LogstowFolderSource.folder({ ...env, post: (message) => {
        if (message.op === 'listing') entries = message.entries;
      } }, { plan: { folderUrl, listing: null, manifests: [], indexes: [`${folderUrl}index.html`, folderUrl] } });
      if (!entries) continue;
      any = true;
      for (const entry of entries) {
        if (entry.type === 'folder') queue.push(`${inner}${entry.name}/`);
        else addFile(out, plan.folderUrl, inner + entry.name, entry.size, entry.content_type);
      }
    }
    if (queue.length) out.warning = `Only the first ${MAX_INDEX_PAGES} index pages were read.`;
    return any;
  }

  async function list(env, plan) {
    const out = { ok: true, source: '', files: [], skipped: [], overflow: 0, warning: '' };
    if (plan.listing) {
      const swift = await swiftTree(env.core, plan, out, env.onFiles);
      if (swift === 'done' || swift === 'partial' || swift === 'empty') {
        out.source = 'swift';
        if (swift === 'partial') out.warning = 'A later page of the Swift listing failed; the files listed before it are searched.';
        return out;
      }
    }
    if (await manifestTree(env.core, plan, out)) {
      out.source = 'zuul-manifest';
      return out;
    }
    if (await indexTree(env, plan, out)) {
      out.source = 'html-index';
      return out;
    }
    return { ok: false, source: '', files: [], skipped: [], overflow: 0,
      error: 'Neither a Swift listing, a zuul-manifest.json nor an index page lists this folder.' };
  }

  return { list };
})();
