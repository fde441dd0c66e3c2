// The folder view: every entry of a folder (Swift listing paged as Swift pages it, a
// zuul-manifest.json or an index page; folder_source.js in the worker fetches, the core parses),
// sortable by name (Swift's byte order, as listed), size and date, filtered by a box, drawn
// virtualized so a folder of 100,000 objects is as quick as one of ten. Entries open in the
// viewer (folders and text) or raw (archives, images); each has a raw link. Sizes are the
// original ones where a zuul-manifest.json tells them, the stored size labelled as such where it
// differs. A large file still in segments (not yet joined by `logstow finalize`) is listed with
// a note and no link. Names are untrusted: they reach the DOM as textContent with control characters shown
// as Control Pictures (␉ ␊), an empty name as ∅, and a name whose link would leave the folder
// (".", "..", which URL parsers resolve) is shown without one.
import { VirtualRows } from './virtual_rows.js';
import { FolderBaseline } from './folder_baseline.js';
import { FolderTimeline } from './folder_timeline.js';
import { EMPTY_NAME, breadcrumbs, childUrl, formatCount, viewerLink, visibleName } from './url_state.js';
import { formatBytes } from './format.js';
import { describeError, renderMessage, segmentedNote } from './messages.js';

const ROW_HEIGHT = 30;  // px; viewer.css .frow
const RAW_ONLY = /\.(?:tar\.gz|tgz|tar|zip|7z|bz2|xz|zst|png|jpe?g|gif|webp|ico|pdf|whl|rpm|deb|qcow2|img|iso|so|pyc|bin)$/i;
const SOURCE_NAMES = { swift: 'Swift container listing', 'zuul-manifest': 'zuul-manifest.json',
  'html-index': 'index page' };

const fmt = formatCount;

// Why a large file still in segments cannot be opened yet.
const SEGMENTED_TITLE = 'Not joined yet: the job uploaded this file in parts, and `logstow finalize` ' +
  'joins them under its name after the job. Until then it cannot be opened.';

export class FolderView {
  constructor(dom, url, plan, state) {
    this.dom = dom;
    this.$ = dom.$;
    this.worker = dom.worker;
    this.url = url;
    this.plan = plan;
    this.entries = [];
    this.folderNames = new Set();  // a marker object and Swift's subdir name one folder once
    this.originalSizes = null;     // name -> {size, content_encoding} from a zuul-manifest.json
    this.shown = [];         // indexes into entries, sorted and filtered
    this.sort = { key: 'name', dir: 1 };
    this.filterText = '';
    this.active = 0;         // item with the keyboard focus (0 is the parent row when present)
    this.source = '';
    this.pages = 0;
    this.done = false;
    const crumbs = breadcrumbs(url);
    this.parent = crumbs.length > 1 ? crumbs[crumbs.length - 2] : null;
    this.initFolderBaseline(state);
    this.initFolderTimeline();
  }

  start() {
    const $ = this.$;
    this.dom.setMode('folder');
    document.body.dataset.state = 'loading';
    $('folder-tools').hidden = false;
    $('folder').hidden = false;
    $('progress').hidden = false;
    $('progress').classList.add('indeterminate');
    this.rowsElement = $('folder-rows');
    this.vr = new VirtualRows(this.rowsElement, {
      rowHeight: ROW_HEIGHT,
      overscan: 15,
      createRow: (item) => this.createRow(item),
      keyOf: (item) => this.entryAt(item) ?? 'parent',
    });
    for (const button of document.querySelectorAll('.folder-head .sort')) {
      button.addEventListener('click', () => {
        const key = button.dataset.key;
        this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : (key === 'name' ? 1 : -1) };
        this.apply();
      });
    }
    let debounce = 0;
    const filter = $('folder-filter');
    filter.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        this.filterText = filter.value.trim().toLowerCase();
        this.active = 0;
        this.apply();
      }, 80);
    });
    filter.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(debounce);
        this.filterText = filter.value.trim().toLowerCase();
        this.apply();
        this.setActive(this.parent && this.itemCount() > 1 ? 1 : 0);
        if (event.key === 'Enter' && this.shown.length === 1) this.open(this.active, false);
        else this.rowsElement.focus({ preventScroll: true });
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.rowsElement.focus({ preventScroll: true });
      }
    });
    this.rowsElement.addEventListener('click', (event) => {
      const row = event.target.closest('.frow');
      if (row) this.setActive(Number(row.dataset.item));
    });
    this.worker.postMessage({ op: 'folder', plan: this.plan });
    this.rowsElement.focus({ preventScroll: true });
    this.updateHead();
    // The build-wide search box and its results (build_search_view.js).
    import('./build_search_view.js').then(({ BuildSearchView }) => {
      this.buildSearch = new BuildSearchView(this);
      this.buildSearch.start();
    });
  }

  // --- entries ---------------------------------------------------------------------------------

  onMessage(message) {
    if (message.op === 'listing') this.onListing(message);
    else if (message.op === 'sizes') this.onSizes(message);
    else if (message.op === 'listing-failed') this.onFailed(message);
    else if (message.op === 'folder-timeline') this.onFolderTimeline(message);
  }

  onListing(message) {
    this.source = message.source;
    this.pages = message.pages;
    this.done = message.done;
    if (message.requests) this.requests = message.requests;
    for (const entry of message.entries) {
      const url = childUrl(this.plan.folderUrl, entry.href);
      const folder = entry.type === 'folder';
      if (folder) {
        if (this.folderNames.has(entry.name)) continue;
        this.folderNames.add(entry.name);
      }
      entry.order = this.entries.length;  // the source's order: Swift's byte order of names
      entry.label = entry.name === '' ? EMPTY_NAME : visibleName(entry.name);
      const rawOnly = !folder && (RAW_ONLY.test(entry.name) || /^image\//.test(entry.content_type));
      entry.url = url;
      entry.link = url ? (rawOnly ? url : viewerLink(url)) : null;
      entry.rawOnly = rawOnly;
      entry.lower = entry.label.toLowerCase();
      this.applyOriginalSize(entry);
      this.addBaselineEntry(entry);
      this.entries.push(entry);
    }
    for (const file of message.segmented || []) this.addSegmented(file);
    if (message.warning) this.warning = message.warning;
    if (this.source === 'html-index') {
      this.$('date-head').textContent = 'Modified';
    }
    // Sorted on the first page and once all are in; pages in between only update the count (a
    // folder of 100,000 entries is not re-sorted ten times).
    if (message.pages <= 1 || this.done) this.apply({ keepScroll: true });
    else this.updateStatus();
    this.compareNext();
    if (this.done) {
      document.body.dataset.state = 'done';
      this.$('progress').hidden = true;
      performance.mark('logstow:listed');
      document.body.dataset.ready = 'true';
    } else {
      document.body.dataset.state = 'streaming';
    }
  }

  // Original sizes from the build's zuul-manifest.json, for entries Swift listed by stored size.
  // A large file the manifest gives as segmented that Swift does not list is not joined yet.
  onSizes(message) {
    this.originalSizes = new Map(message.entries.map((e) => [e.name, e]));
    this.sizesFrom = message.manifestUrl;
    for (const entry of this.entries) this.applyOriginalSize(entry);
    for (const e of message.entries) {
      if (e.segments > 0) this.addSegmented({ name: e.name, segments: e.segments, size: -1, last_modified: e.last_modified });
    }
    this.apply({ keepScroll: true });
  }

  // A large file sent in segments (common/large_object.h) that Swift does not list under its own
  // name: shown with the note the index page and the manifest give it, not openable. `file`:
  // {name, segments, size (its segments' bytes as stored; -1 unknown), last_modified}. Its place
  // by name is where Swift would list it.
  addSegmented(file) {
    if (file.name.includes('/') || this.entries.some((e) => e.type === 'file' && e.name === file.name)) return;
    const before = this.entries.filter((e) => (e.type === 'folder' ? `${e.name}/` : e.name) < file.name);
    const entry = {
      name: file.name, type: 'file', href: '', size: file.size, size_approximate: false, content_type: '',
      content_encoding: '', last_modified: file.last_modified || '', segments: file.segments, pending: true,
      order: before.length ? Math.max(...before.map((e) => e.order)) + 0.5 : -0.5,
      label: visibleName(file.name), url: null, link: null, rawOnly: false,
    };
    entry.lower = entry.label.toLowerCase();
    this.applyOriginalSize(entry);
    this.entries.push(entry);
  }

  applyOriginalSize(entry) {
    if (entry.type === 'folder' || entry.stored_size !== undefined) return;
    if (this.source === 'swift') {
      const known = this.originalSizes?.get(entry.name);
      if (!known) return;
      if (entry.size >= 0) entry.stored_size = entry.size;  // a manifest's segmented file: none
      entry.size = known.size;
      entry.content_encoding = entry.content_encoding || known.content_encoding || '';
    }
  }

  onFailed(message) {
    const attempts = message.attempts;
    const rank = { network: 5, cors: 4, forbidden: 3, http: 2, 'not-found': 1, empty: 1 };
    let primary = attempts[0] ? attempts[0].outcome : { kind: 'not-found', status: 404 };
    for (const attempt of attempts) {
      if ((rank[attempt.outcome.kind] || 0) > (rank[primary.kind] || 0)) primary = attempt.outcome;
    }
    const error = { ...primary, url: this.plan.folderUrl };
    if (error.kind === 'empty' || error.kind === 'not-a-listing') {
      error.kind = 'not-found';
      error.status = 404;
    }
    const described = describeError(error, window.location.origin);
    this.dom.setMode('error');
    document.body.dataset.state = 'error';
    document.body.dataset.ready = 'error';
    renderMessage(this.$('message'), {
      kind: error.kind,
      title: error.kind === 'not-found' ? 'No folder here' : described.title,
      paragraphs: error.kind === 'not-found'
        ? [message.swiftAnswered
          ? 'Swift lists no objects under this address (and no folder marker object).'
          : 'Neither a Swift listing, a zuul-manifest.json nor an index page lists anything at this address.',
          'Logs expire (CI jobs usually keep them for a few weeks), the job may still be uploading, or the link is mistyped.']
        : described.paragraphs,
      url: this.plan.folderUrl,
      attempts,
      rawUrl: this.plan.folderUrl,
    });
  }

  // By name: the source's own order (Swift lists by the names' UTF-8 bytes, folders among files,
  // as `swift list` shows them); size and date put folders first. Ties by name.
  compare(a, b) {
    const byName = a.order - b.order;
    if (this.sort.key !== 'name' && (a.type === 'folder') !== (b.type === 'folder')) {
      return a.type === 'folder' ? -1 : 1;
    }
    let order;
    if (this.sort.key === 'size') order = a.size - b.size;
    else if (this.sort.key === 'date') order = a.last_modified < b.last_modified ? -1 : a.last_modified > b.last_modified ? 1 : 0;
    else order = byName;
    return order !== 0 ? order * this.sort.dir : byName;
  }

  // Filters and sorts the entries and draws them: at the top after the reader's own sort or
  // filter; when entries or sizes arrived (keepScroll), with the entry the reader was looking at
  // where it was, wherever the new order puts it.
  apply({ keepScroll = false } = {}) {
    const anchor = keepScroll ? this.vr.anchor() : null;
    const anchorEntry = anchor ? this.entryAt(anchor.item) : null;
    const indexes = [];
    for (let i = 0; i < this.entries.length; ++i) {
      if (!this.filterText || this.entries[i].lower.includes(this.filterText)) indexes.push(i);
    }
    indexes.sort((x, y) => this.compare(this.entries[x], this.entries[y]));
    this.shown = indexes;
    this.active = Math.min(this.active, Math.max(0, this.itemCount() - 1));
    if (anchorEntry) {
      const at = this.shown.indexOf(this.entries.indexOf(anchorEntry));
      if (at >= 0) anchor.item = at + (this.parent ? 1 : 0);
    }
    this.vr.reset(this.itemCount(), { anchor });
    this.vr.draw();  // rows, status and header change together
    this.updateHead();
    this.updateStatus();
  }

  itemCount() {
    return this.shown.length + (this.parent ? 1 : 0);
  }

  entryAt(item) {
    if (this.parent) {
      if (item === 0) return null;
      return this.entries[this.shown[item - 1]];
    }
    return this.entries[this.shown[item]];
  }

  updateHead() {
    for (const button of document.querySelectorAll('.folder-head .sort')) {
      const on = button.dataset.key === this.sort.key;
      button.dataset.dir = on ? (this.sort.dir > 0 ? 'asc' : 'desc') : '';
      button.parentElement.setAttribute('aria-sort', on ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    this.$('folder-grid').setAttribute('aria-rowcount', String(this.itemCount() + 1));
  }

  updateStatus() {
    const folders = this.entries.filter((e) => e.type === 'folder').length;
    const files = this.entries.length - folders;
    const parts = [];
    const total = `${fmt(this.entries.length)} entr${this.entries.length === 1 ? 'y' : 'ies'}`;
    if (this.filterText) parts.push(`${fmt(this.shown.length)} of ${total} match`);
    else parts.push(`${total} (${fmt(folders)} folder${folders === 1 ? '' : 's'}, ${fmt(files)} file${files === 1 ? '' : 's'})`);
    if (this.source) {
      parts.push(`from the ${SOURCE_NAMES[this.source]}${this.source === 'swift' && this.pages > 1 ? `, ${fmt(this.pages)} pages` : ''}`);
    }
    if (!this.done) parts.push('loading…');
    if (this.warning) parts.push(this.warning);
    const status = this.$('folder-status');
    status.textContent = parts.join(' · ');
    status.dataset.total = String(this.entries.length);
    status.dataset.shown = String(this.shown.length);
    status.dataset.source = this.source;
    this.$('file-meta').textContent = '';
  }

  // --- rows ------------------------------------------------------------------------------------

  createRow(item) {
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    row.dataset.item = String(item);
    const entry = this.entryAt(item);
    const name = document.createElement('span');
    name.className = 'name';
    name.setAttribute('role', 'gridcell');
    const size = document.createElement('span');
    size.className = 'size';
    const date = document.createElement('span');
    date.className = 'date';
    const raw = document.createElement('span');
    raw.className = 'raw';
    if (!entry) {
      row.className = 'frow parent';
      const a = document.createElement('a');
      a.className = 'entry';
      a.href = viewerLink(this.parent.url);
      a.textContent = '../';
      a.title = `Parent folder: ${this.parent.label}/`;
      name.append(a);
    } else {
      row.className = `frow ${entry.type}`;
      row.dataset.name = entry.name;
      const label = entry.label + (entry.type === 'folder' ? '/' : '');
      if (entry.pending) {
        const span = document.createElement('span');
        span.className = 'entry pending';
        span.textContent = label;
        span.title = SEGMENTED_TITLE;
        name.append(span);
      } else if (entry.link) {
        const a = document.createElement('a');
        a.className = 'entry';
        a.href = entry.link;
        a.textContent = label;
        if (entry.rawOnly) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.title = 'Opens the raw object (not text)';
        }
        name.append(a);
      } else {
        const span = document.createElement('span');
        span.className = 'entry unlinkable';
        span.textContent = label;
        span.title = 'This name cannot be addressed by a URL (browsers resolve "." and ".." in paths)';
        name.append(span);
      }
      if (entry.content_encoding) {
        const tag = document.createElement('span');
        tag.className = 'tag';
        tag.textContent = entry.content_encoding;
        name.append(tag);
      }
      if (entry.pending) {
        const note = document.createElement('span');
        note.className = 'tag segmented';
        note.textContent = segmentedNote(entry.segments);
        note.title = SEGMENTED_TITLE;
        name.append(note);
      }
      if (entry.type !== 'folder' && entry.size >= 0) {
        size.textContent = (entry.size_approximate ? '~' : '') + formatBytes(entry.size);
        size.dataset.bytes = String(entry.size);
        if (entry.stored_size !== undefined && entry.stored_size !== entry.size) {
          const stored = document.createElement('span');
          stored.className = 'stored';
          stored.textContent = ` (${formatBytes(entry.stored_size)} stored)`;
          size.append(stored);
          size.dataset.stored = String(entry.stored_size);
          size.title = `${fmt(entry.size)} bytes; stored as ${fmt(entry.stored_size)} bytes${entry.content_encoding ? ` (${entry.content_encoding})` : ''}`;
        } else if (entry.stored_size !== undefined) {
          size.title = `${fmt(entry.size)} bytes (stored as they are)`;
        } else if (entry.pending) {
          size.title = `${fmt(entry.size)} bytes: its segments as stored`;
        } else {
          size.title = `${fmt(entry.size)} bytes${this.source === 'swift' ? ' as stored (no zuul-manifest.json tells the original size)' : ''}`;
        }
      }
      date.textContent = entry.last_modified ? entry.last_modified.replace('T', ' ') : '';
      if (entry.url && entry.type !== 'folder') {
        const a = document.createElement('a');
        a.href = entry.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.className = 'rawlink';
        a.textContent = 'raw';
        a.title = 'The object as the storage serves it (new tab)';
        raw.append(a);
      }
    }
    if (item === this.active) {
      row.classList.add('active');
      row.setAttribute('aria-selected', 'true');
    }
    row.id = `frow-${item}`;
    row.setAttribute('aria-rowindex', String(item + 2));
    for (const cell of [size, date, raw]) cell.setAttribute('role', 'gridcell');
    this.decorateBaselineRow(name, entry);
    row.append(name, size, date, raw);
    return row;
  }

  setActive(item) {
    const count = this.itemCount();
    if (count === 0) return;
    const previous = this.active;
    this.active = Math.max(0, Math.min(item, count - 1));
    this.vr.refresh([previous, this.active]);
    this.vr.scrollToItem(this.active, 'nearest');
    this.rowsElement.setAttribute('aria-activedescendant', `frow-${this.active}`);
  }

  open(item, raw) {
    const entry = this.entryAt(item);
    if (!entry) {
      if (this.parent) window.location.assign(viewerLink(this.parent.url));
      return;
    }
    if (raw) {
      if (entry.url && entry.type !== 'folder') window.open(entry.url, '_blank', 'noopener,noreferrer');
      return;
    }
    if (entry.link && !entry.rawOnly) window.location.assign(entry.link);
    else if (entry.link) window.open(entry.link, '_blank', 'noopener,noreferrer');
  }

  onKey(event, typing) {
    if (typing) return false;
    const page = Math.max(1, Math.floor(this.rowsElement.clientHeight / ROW_HEIGHT) - 1);
    switch (event.key) {
      case '/':
        this.$('folder-filter').focus();
        this.$('folder-filter').select();
        return true;
      case 'j': case 'ArrowDown': this.setActive(this.active + 1); return true;
      case 'k': case 'ArrowUp': this.setActive(this.active - 1); return true;
      case 'PageDown': this.setActive(this.active + page); return true;
      case 'PageUp': this.setActive(this.active - page); return true;
      case 'g': case 'Home': this.setActive(0); return true;
      case 'G': case 'End': this.setActive(this.itemCount() - 1); return true;
      case 'Enter': case 'o': this.open(this.active, false); return true;
      case 'r': this.open(this.active, true); return true;
      case 'u': case 'Backspace':
        if (this.parent) window.location.assign(viewerLink(this.parent.url));
        return Boolean(this.parent);
      default:
        return false;
    }
  }
}

// The parts' methods become FolderView's (as file_view.js puts its parts together).
for (const part of [FolderBaseline, FolderTimeline]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name !== 'constructor') {
      Object.defineProperty(FolderView.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name));
    }
  }
}
