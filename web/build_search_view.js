// The build-wide search in a folder view: a search box for every text file under the folder
// (build_search.js runs it), results grouped by file with counts and the first hit lines with
// context, updating as files finish, each hit a link that opens its file at that line with the
// search applied; progress, cancel, and the query in the URL (&search=, &icase=, &literal= on a
// folder URL restore it). With &trail=<id> the same machinery follows a request id across the
// build and build_trail.js draws one timeline. Files not searched (binary, over the size limit,
// failed, unaddressable names) are named with the reason; the index pages and zuul-manifest.json
// (listing_files.js) are skipped and counted in one line.
//
// Log text and names are untrusted: everything reaches the DOM as textContent or text nodes.
// Test hooks: #build-results data-state (idle, listing, searching, done, cancelled, error),
// data-source (swift, zuul-manifest, html-index: what listed the files), data-files, data-finished,
// data-matches; each .bs-file data-path, data-count (matches),
// data-lines, data-status; each .bs-hit data-line (1-based); .bs-listing data-count (listing files
// skipped).
import { BuildSearchRun, FETCHES, LIMITS, prepareWorkers, workerCount } from './build_search.js';
import { TrailTimeline, markedLine } from './build_trail.js';
import { countOf, formatCount, formatViewerUrl, parseViewerUrl, visibleName } from './url_state.js';
import { formatBytes } from './format.js';

// Results are drawn at most this often (ms), each time all that came in meanwhile: a frame that
// adds to a long list lays it out again, so thousands of files drawn one frame each would keep
// the page busy (the first results are drawn at once).
const DRAW_EVERY_MS = 200;
const TRAIL_LIMITS = { maxLines: 1000, context: 0, totalLines: Infinity };  // every line of the trail
const REASONS = {
  binary: 'binary: not text',
  'too-large': `over the size limit: only its first ${formatBytes(LIMITS.maxBytes)} were searched`,
  failed: 'could not be read',
  unaddressable: 'its name has an empty, "." or ".." segment, which no URL can address',
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class BuildSearchView {
  constructor(folderView) {
    this.folder = folderView;
    this.dom = folderView.dom;
    this.plan = folderView.plan;
    this.folderUrl = folderView.plan.folderUrl;
    this.run = null;
    this.query = null;
    this.trail = '';
  }

  start() {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'build_search.css';
    document.head.append(link);

    const form = el('form', 'bs-form');
    form.setAttribute('role', 'search');
    this.input = el('input');
    Object.assign(this.input, { id: 'build-search', type: 'search', autocomplete: 'off', spellcheck: false,
      placeholder: 'Search every file of this build (RE2)' });
    this.input.setAttribute('aria-label', 'Search every text file under this folder');
    const toggle = (id, label, title, checked) => {
      const wrap = el('label', 'toggle');
      wrap.title = title;
      const box = el('input');
      Object.assign(box, { type: 'checkbox', id, checked });
      wrap.append(box, label);
      return [wrap, box];
    };
    const [icaseLabel, icase] = toggle('build-search-icase', 'Aa', 'Ignore case', false);
    const [regexLabel, regex] = toggle('build-search-regex', '.*', 'Regular expression (RE2); off: plain text', true);
    this.icase = icase;
    this.regex = regex;
    const go = el('button', 'button', 'Search build');
    go.type = 'submit';
    go.id = 'build-search-go';
    this.cancelButton = el('button', 'button', 'Cancel');
    this.cancelButton.type = 'button';
    this.cancelButton.id = 'build-search-cancel';
    this.cancelButton.hidden = true;
    form.append(this.input, icaseLabel, regexLabel, go, this.cancelButton);
    this.dom.$('folder-tools').append(form);

    this.results = el('section', 'build-results');
    this.results.id = 'build-results';
    this.results.dataset.state = 'idle';
    this.results.hidden = true;
    this.status = el('output', 'bs-status');
    this.status.id = 'build-status';
    this.status.setAttribute('aria-live', 'polite');
    this.bar = el('progress', 'bs-progress');
    this.list = el('ol', 'bs-files');
    this.timeline = el('div', 'bs-trail');
    this.unsearched = el('div', 'bs-unsearched');
    this.results.append(this.status, this.bar, this.timeline, this.list, this.unsearched);
    this.dom.$('folder').before(this.results);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.searchFromBox();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.run) {
        event.preventDefault();
        this.cancel();
      }
    });
    this.cancelButton.addEventListener('click', () => this.cancel());
    // The workers start while the reader types, not after Enter.
    this.input.addEventListener('focus', () => prepareWorkers({ origins: this.dom.origins, scriptUrl: this.dom.scriptUrl }));

    const state = parseViewerUrl(window.location.search, '');
    if (state.trail) {
      this.startTrail(state.trail);
    } else if (state.search) {
      this.input.value = state.search;
      icase.checked = state.icase;
      regex.checked = !state.literal;
      this.searchFromBox();
    }
  }

  searchFromBox() {
    const pattern = this.input.value;
    this.trail = '';
    this.begin({ pattern, icase: this.icase.checked, literal: !this.regex.checked }, {});
  }

  // Follows a request id: a literal, case-sensitive search drawn as one timeline.
  startTrail(id) {
    this.trail = id;
    this.input.value = id;
    this.regex.checked = false;
    this.icase.checked = false;
    this.begin({ pattern: id, icase: false, literal: true }, TRAIL_LIMITS);
  }

  updateUrl() {
    const q = this.query || { pattern: '' };
    window.history.replaceState(null, '', formatViewerUrl({ q: this.folderUrl, wrap: true,
      search: this.trail ? '' : q.pattern, icase: q.icase, literal: q.literal, trail: this.trail }));
  }

  begin(query, limits) {
    this.run?.cancel();
    this.run = null;
    clearTimeout(this.drawTimer);
    this.drawTimer = 0;
    this.pending = [];         // [file, result] in since the last draw
    this.drawnAt = -Infinity;
    this.query = query.pattern ? query : null;
    this.updateUrl();
    this.list.replaceChildren();
    this.unsearched.replaceChildren();
    this.timeline.replaceChildren();
    this.groups = [];            // [file index, <li>] in index order
    this.notSearched = [];
    this.listingFiles = 0;       // index pages and manifests skipped (listing_files.js)
    this.listingItem = null;
    this.listed = null;
    // For bench/web/build_search.js: ms summed over files, and the run's shape.
    this.timing = { wait: 0, queued: 0, body: 0, search: 0 };
    this.shape = { workers: workerCount(), fetches: FETCHES };
    this.matches = 0;
    this.matchedFiles = 0;
    this.trailView = this.trail ? new TrailTimeline(this.timeline, this.trail) : null;
    if (!this.query) {
      this.results.hidden = true;
      this.results.dataset.state = 'idle';
      return;
    }
    this.results.hidden = false;
    this.setState('listing');
    this.cancelButton.hidden = false;
    const run = new BuildSearchRun({
      plan: this.plan,
      query,
      // window.logstowBuildSearchLimits: a test hook (a small size limit without a huge file).
      limits: { ...(window.logstowBuildSearchLimits || {}), ...limits },
      origins: this.dom.origins,
      scriptUrl: this.dom.scriptUrl,
      onFiles: (count) => this.onFiles(run, count),
      onListed: (listed) => this.onListed(run, listed),
      onFile: (file, result) => this.onFile(run, file, result),
      onEnd: (outcome) => this.onEnd(run, outcome),
    });
    this.run = run;
    run.start();
    this.marks = run.marks;
  }

  cancel() {
    this.run?.cancel();
  }

  setState(state) {
    this.results.dataset.state = state;
    this.updateStatus();
  }

  // Listed so far (the search has begun on them).
  onFiles(run, count) {
    if (run !== this.run) return;
    this.bar.max = Math.max(1, count);
    if (this.results.dataset.state === 'listing') this.setState('searching');
  }

  onListed(run, listed) {
    if (run !== this.run) return;
    this.listed = listed;
    this.results.dataset.source = listed.source;
    this.setState('searching');
    for (const skipped of listed.skipped) this.addUnsearched(skipped.path, skipped.reason, '');
    if (listed.overflow) this.addUnsearched(`${formatCount(listed.overflow)} more files`, 'past the first 20,000', '');
    this.bar.max = Math.max(1, listed.files.length);
  }

  onFile(run, file, result) {
    if (run !== this.run) return;
    this.pending.push([file, result]);
    if (this.drawTimer) return;
    const soon = this.groups.length === 0 && !this.trailView;  // nothing shown yet: at once
    this.drawTimer = setTimeout(() => this.drawPending(), soon ? 0 : Math.max(0, this.drawnAt + DRAW_EVERY_MS - performance.now()));
  }

  drawPending() {
    clearTimeout(this.drawTimer);
    this.drawTimer = 0;
    this.drawnAt = performance.now();
    const pending = this.pending;
    this.pending = [];
    for (const [file, result] of pending) {
      if (this.results.dataset.state === 'error') break;  // a bad query ended the run
      this.drawFile(file, result);
    }
    this.updateStatus();
  }

  drawFile(file, result) {
    if (result.queryError) {
      this.queryError = result.queryError;
      this.run?.cancel();
      return;
    }
    if (result.status === 'listing') {
      this.addListingFile();
      return;
    }
    if (result.status !== 'ok') this.addUnsearched(file.path, result.status, result.detail, file);
    if (this.trailView) {
      this.trailView.add(file, result);
    } else if (result.matchCount > 0) {
      this.addGroup(file, result);
    }
    if (result.ms) for (const k of Object.keys(this.timing)) this.timing[k] += result.ms[k] || 0;
    this.wasmPeak = Math.max(this.wasmPeak || 0, result.wasmBytes || 0);
    this.matches += result.matchCount || 0;
    if (result.matchCount > 0) this.matchedFiles += 1;
  }

  onEnd(run, outcome) {
    if (run !== this.run) return;
    this.drawPending();
    this.cancelButton.hidden = true;
    this.trailView?.draw();  // now, not on the next frame: the state below says it is all there
    this.error = outcome.error || this.queryError || '';
    this.queryError = '';
    this.setState(this.error ? 'error' : outcome.cancelled ? 'cancelled' : 'done');
  }

  hitLink(file, line) {
    const q = this.query;
    return formatViewerUrl({ q: file.url, search: q.pattern, icase: q.icase, literal: q.literal,
      wrap: true, selection: { first: line + 1, last: line + 1 } });
  }

  addGroup(file, result) {
    const item = el('li', 'bs-file');
    item.dataset.path = file.path;
    item.dataset.index = String(file.index);
    item.dataset.count = String(result.matchCount);
    item.dataset.lines = String(result.lineCount);
    item.dataset.status = result.status;
    const head = el('div', 'bs-head');
    const name = el('a', 'bs-name', visibleName(file.path));
    name.href = this.hitLink(file, result.lines[0].line);
    const count = el('span', 'bs-count', `${countOf(result.matchCount, 'match', 'matches')} on ${countOf(result.lineCount, 'line')}`);
    head.append(name, count);
    const hits = el('ol', 'bs-hits');
    // As grep -C: context shared by neighbouring hits is shown once, and a hit that continues
    // the previous one's block joins it.
    let shown = -1;  // the last line drawn
    result.lines.forEach((hit, n) => {
      const li = el('li', 'bs-hit');
      li.dataset.line = String(hit.line + 1);
      const first = hit.line - hit.before.length;
      if (first <= shown + 1 && n > 0) li.classList.add('bs-joined');
      hit.before.forEach((text, i) => {
        if (first + i > shown) li.append(this.contextRow(first + i, text));
      });
      const row = el('a', 'bs-row bs-match');
      row.href = this.hitLink(file, hit.line);
      row.append(el('span', 'bs-ln', String(hit.line + 1)), markedLine(hit.text, hit.marks));
      li.append(row);
      shown = hit.line;
      const next = n + 1 < result.lines.length ? result.lines[n + 1].line : Infinity;
      hit.after.forEach((text, i) => {
        if (hit.line + 1 + i < next) {
          li.append(this.contextRow(hit.line + 1 + i, text));
          shown = hit.line + 1 + i;
        }
      });
      hits.append(li);
    });
    item.append(head, hits);
    if (result.lineCount > result.lines.length) {
      item.append(el('div', 'bs-more', `… ${countOf(result.lineCount - result.lines.length, 'more line')} with a match in this file`));
    }
    if (result.status === 'too-large') item.append(el('div', 'bs-more', REASONS['too-large']));
    // In the listing's order, wherever the file finished.
    let lo = 0;
    let hi = this.groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.groups[mid][0] < file.index) lo = mid + 1;
      else hi = mid;
    }
    this.list.insertBefore(item, this.groups[lo] ? this.groups[lo][1] : null);
    this.groups.splice(lo, 0, [file.index, item]);
  }

  contextRow(line, text) {
    const row = el('div', 'bs-row bs-context');
    row.append(el('span', 'bs-ln', String(line + 1)), el('span', 'bs-text', text));
    return row;
  }

  // The index pages and zuul-manifest.json (listing_files.js): one line for all of them.
  addListingFile() {
    this.listingFiles += 1;
    if (!this.listingItem) {
      this.listingItem = el('li', 'bs-listing');
      this.listingItem.dataset.reason = 'listing';
      this.unsearchedList().prepend(this.listingItem);
    }
    this.listingItem.dataset.count = String(this.listingFiles);
    this.listingItem.textContent = `${countOf(this.listingFiles, 'listing file')} (the index.html pages and zuul-manifest.json written about the build) — skipped: they list its files, they are not its logs`;
  }

  unsearchedList() {
    if (this.unsearched.childElementCount === 0) {
      this.unsearched.append(el('h3', '', 'Not searched, or searched in part'), el('ul'));
    }
    return this.unsearched.querySelector('ul');
  }

  addUnsearched(path, reason, detail, file = null) {
    this.unsearchedList();
    const li = el('li');
    li.dataset.path = path;
    li.dataset.reason = reason;
    const name = file ? el('a', '', visibleName(path)) : el('span', '', visibleName(path));
    if (file) name.href = file.url;
    if (file) Object.assign(name, { target: '_blank', rel: 'noopener noreferrer' });
    const why = (REASONS[reason] || reason) + (detail ? ` (${detail})` : '');
    li.append(name, el('span', 'bs-reason', ` — ${why}`));
    this.unsearched.querySelector('ul').append(li);
    this.notSearched.push(path);
  }

  updateStatus() {
    const run = this.run;
    const state = this.results.dataset.state;
    const progress = run ? run.progress() : { files: 0, finished: 0, running: 0 };
    this.results.dataset.files = String(progress.files);
    this.results.dataset.finished = String(progress.finished);
    this.results.dataset.matches = String(this.matches);
    this.bar.value = progress.finished;
    this.bar.hidden = state !== 'searching';
    const what = this.trail ? `Trail of ${this.trail}` : 'Build search';
    let text;
    if (state === 'listing') text = `${what}: listing every file under this folder…`;
    else if (state === 'error') text = `${what}: ${this.error}`;
    else {
      // The listing files are not searched (they finish as skipped): not counted as searched.
      const searched = Math.max(0, progress.finished - this.listingFiles);
      text = `${what}: ${countOf(this.matches, 'match', 'matches')} in ${countOf(this.matchedFiles, 'file')}` +
        ` · ${formatCount(searched)} of ${countOf(Math.max(0, progress.files - this.listingFiles), 'file')} searched`;
      if (state === 'searching') text += ` (${formatCount(progress.running)} running)`;
      if (state === 'cancelled') text += ' · cancelled';
      if (this.notSearched.length) text += ` · ${formatCount(this.notSearched.length)} not searched in full`;
      if (this.listingFiles) text += ` · ${countOf(this.listingFiles, 'listing file')} skipped`;
      if (this.listed?.warning) text += ` · ${this.listed.warning}`;
    }
    this.status.textContent = text;
    this.status.classList.toggle('error', state === 'error');
  }
}
