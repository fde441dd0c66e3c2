// Virtualized rows: a scroll container whose scrollbar covers every item (a million log lines, or
// a folder of 100,000 entries) while only the rows near the viewport exist in the DOM (~100).
//
// Geometry: every item is `rowHeight` px tall, except in wrap mode, where rows drawn once are
// measured and remembered (a Fenwick tree of height differences, so "where does item i start"
// and "which item is at y" stay O(log n) for any number of items). The rows drawn are one block,
// positioned at the first drawn item's top; inside it rows flow normally.
// In wrap mode heights change after the first draw (a row is measured once drawn, and once its
// text arrives), so an item scrolled to (a #L link, a search hit) is pinned: every change of
// heights, count or size places it again, until the reader scrolls.
// Very tall lists (more than MAX_SCROLL_PX, e.g. 2 M lines) get a scaled scrollbar: dragging maps
// proportionally, while wheel and keyboard steps still move by their own pixel distance.
// The caller owns row content: createRow(item) returns an element; refresh() redraws rows whose
// data changed. Rows are elements the caller built; no HTML strings are parsed here.
const MAX_SCROLL_PX = 8_000_000;

// Item heights: base + extra[i], with a Fenwick tree over `extra` for prefix sums. The arrays
// exist only once some item's height differs from the base (wrap mode): a million uniform rows
// cost nothing but their count.
class Heights {
  constructor(base) {
    this.base = base;
    this.count = 0;
    this.capacity = 0;
    this.extra = null;
    this.tree = null;
    this.any = false;
  }

  setCount(count) {
    if (this.any) {
      if (count > this.capacity) this.grow(count);
      if (count < this.count) {
        this.extra.fill(0, count, this.count);
        this.rebuild();
      }
    }
    this.count = count;
  }

  grow(count) {
    let capacity = Math.max(1024, this.capacity);
    while (capacity < count) capacity *= 2;
    const extra = new Float64Array(capacity);
    if (this.extra) extra.set(this.extra.subarray(0, Math.min(this.count, capacity)));
    this.extra = extra;
    this.capacity = capacity;
    this.rebuild();
  }

  rebuild() {
    const tree = new Float64Array(this.capacity + 1);
    for (let i = 1; i <= this.capacity; ++i) {
      tree[i] += this.extra[i - 1];
      const parent = i + (i & -i);
      if (parent <= this.capacity) tree[parent] += tree[i];
    }
    this.tree = tree;
  }

  reset() {
    this.extra = null;
    this.tree = null;
    this.capacity = 0;
    this.any = false;
  }

  // Records item i's measured height; true if it changed.
  set(i, height) {
    if (i >= this.count) return false;
    const delta = height - this.base - (this.any ? this.extra[i] : 0);
    if (Math.abs(delta) < 0.5) return false;
    if (!this.any) {
      this.any = true;
      this.grow(this.count);
    }
    this.extra[i] += delta;
    for (let j = i + 1; j <= this.capacity; j += j & -j) this.tree[j] += delta;
    return true;
  }

  height(i) {
    return this.base + (this.any && i < this.count ? this.extra[i] : 0);
  }

  // Where item i starts (the sum of the heights before it).
  top(i) {
    let sum = i * this.base;
    if (!this.any) return sum;
    for (let j = Math.min(i, this.capacity); j > 0; j -= j & -j) sum += this.tree[j];
    return sum;
  }

  total() {
    return this.top(this.count);
  }

  // The item at y (clamped to [0, count - 1]; 0 when empty).
  find(y) {
    if (this.count === 0 || y <= 0) return 0;
    if (!this.any) return Math.min(this.count - 1, Math.floor(y / this.base));
    let pos = 0;
    let acc = 0;
    let step = 1;
    while (step * 2 <= this.capacity) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.count && (next * this.base + acc + this.tree[next]) <= y) {
        pos = next;
        acc += this.tree[next];
      }
    }
    return Math.min(pos, this.count - 1);
  }
}

// Keeps a drawn row's nodes when the same row is drawn again with new content (a folder entry
// whose size arrived from the manifest, a log line whose highlighting arrived): the nodes that
// did not change stay the same objects, the others are updated in place, and nodes that stay are
// never taken out of the document, not even to be put back. A reader's click whose mouse-down
// landed on a row then still reaches its link: a browser drops the click when the node under the
// mouse-down, or one of its ancestors, is removed before the mouse-up.
// Only for two renderings of the same thing (the same entry, the same line): a node is reused
// only where the old and the new node have the same tag and, for a link, the same target, so a
// click never reaches something other than what was under the pointer at mouse-down.

/** Returns `drawn` updated to look like `fresh` (or `fresh` where the two cannot be merged). */
function patchRow(drawn, fresh) {
  if (drawn === fresh || drawn.isEqualNode(fresh)) return drawn;
  if (drawn.nodeType !== fresh.nodeType || drawn.nodeName !== fresh.nodeName) return fresh;
  if (drawn.nodeType === Node.TEXT_NODE) {
    drawn.data = fresh.data;
    return drawn;
  }
  if (drawn.nodeType !== Node.ELEMENT_NODE) return fresh;
  // A link that now goes elsewhere (a terminal row redrawn with another URL) is a new node: a
  // click pressed on the old target is dropped rather than sent to the new one.
  if (drawn.getAttribute('href') !== fresh.getAttribute('href')) return fresh;
  for (const name of drawn.getAttributeNames()) {
    if (!fresh.hasAttribute(name)) drawn.removeAttribute(name);
  }
  for (const name of fresh.getAttributeNames()) {
    const value = fresh.getAttribute(name);
    if (drawn.getAttribute(name) !== value) drawn.setAttribute(name, value);
  }
  const before = [...drawn.childNodes];
  const after = [...fresh.childNodes];
  placeChildren(drawn, after.map((node, i) => (i < before.length ? patchRow(before[i], node) : node)));
  return drawn;
}

/**
 * Makes `nodes` the children of `parent`, in order, without removing any of them that is already
 * a child (replaceChildren would take every node out and put it back). Children not in `nodes`
 * are removed; the others keep their place when `nodes` keeps their order.
 */
function placeChildren(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) {
    if (!wanted.has(child)) child.remove();
  }
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}

export class VirtualRows {
  /**
   * scroller: the element that scrolls (overflow: auto). options: rowHeight (px), overscan
   * (rows above and below), createRow(item) -> Element, onRange({first, last, top, bottom})
   * after each draw (drawn [first, last), visible [top, bottom)), keyOf(item) -> what the item
   * shows (a line number, an entry; undefined: none), so that a row drawn again for the same
   * thing, after a refresh or a reset, keeps its nodes (patchRow).
   */
  constructor(scroller, { rowHeight, overscan = 30, createRow, onRange = () => {}, keyOf = () => undefined }) {
    this.scroller = scroller;
    this.createRow = createRow;
    this.keyOf = keyOf;
    this.drawnByKey = new Map();
    this.onRange = onRange;
    this.overscan = overscan;
    this.heights = new Heights(rowHeight);
    this.wrap = false;
    this.vTop = 0;          // virtual scroll position (px into the whole list)
    this.lastScrollTop = 0;
    this.expectedScrollTop = null;
    this.pin = null;        // {item, align, y}: the item scrollToItem() placed, until the reader scrolls
    this.rows = new Map();  // item -> element
    this.first = 0;
    this.last = 0;
    this.maxWidth = 0;
    this.frame = 0;
    this.dirty = true;

    this.content = document.createElement('div');
    this.content.className = 'vr-content';
    this.block = document.createElement('div');
    this.block.className = 'vr-block';
    this.content.append(this.block);
    scroller.append(this.content);

    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.width = 0;
    this.resizeObserver = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.height = scroller.clientHeight;
      const width = box.width;
      if (this.wrap && width !== this.width && this.heights.any) {
        // Rows wrap differently now: forget their heights, keeping the pinned or top row in place.
        const anchor = this.heights.find(this.vTop);
        const fraction = (this.vTop - this.heights.top(anchor)) / this.heights.height(anchor);
        this.heights.reset();
        this.vTop = this.heights.top(anchor) + fraction * this.heights.height(anchor);
        this.rows.clear();
        this.applyScroll();
      }
      // A taller or shorter viewport (a notice, the progress bar going) moves a pinned item.
      if (this.pin) this.placePin();
      this.width = width;
      this.dirty = true;
      this.schedule();
    });
    this.resizeObserver.observe(scroller);
  }

  get count() {
    return this.heights.count;
  }

  /** True when the last scroll event came from the user rather than from scrollToItem(). */
  onScroll() {
    const top = this.scroller.scrollTop;
    if (this.expectedScrollTop !== null && Math.abs(top - this.expectedScrollTop) < 2) {
      this.expectedScrollTop = null;
      this.lastScrollTop = top;
      return;
    }
    this.expectedScrollTop = null;
    this.pin = null;  // the reader scrolled: the view is theirs now
    this.syncFromScroll();
    this.schedule();
  }

  // Cached (ResizeObserver keeps it current): reading clientHeight in a draw would force a
  // layout before the rows are even built.
  viewportHeight() {
    if (this.height === undefined) this.height = this.scroller.clientHeight;
    return this.height;
  }

  physicalHeight() {
    return Math.min(this.heights.total(), MAX_SCROLL_PX);
  }

  syncFromScroll() {
    const s = this.scroller.scrollTop;
    const total = this.heights.total();
    const vh = this.viewportHeight();
    if (total <= MAX_SCROLL_PX) {
      this.vTop = s;
    } else {
      const maxS = Math.max(1, MAX_SCROLL_PX - vh);
      const maxV = Math.max(0, total - vh);
      const delta = s - this.lastScrollTop;
      if (Math.abs(delta) > vh * 2 || s <= 0 || s >= maxS - 1) {
        this.vTop = (s / maxS) * maxV;  // a drag or a jump: proportional
      } else {
        this.vTop = Math.min(maxV, Math.max(0, this.vTop + delta));  // a step: 1:1
      }
    }
    this.lastScrollTop = s;
  }

  // Moves the scrollbar to vTop (which the caller set).
  applyScroll() {
    const total = this.heights.total();
    const vh = this.viewportHeight();
    this.vTop = Math.max(0, Math.min(this.vTop, Math.max(0, total - vh)));
    let s = this.vTop;
    if (total > MAX_SCROLL_PX) {
      s = (this.vTop / Math.max(1, total - vh)) * Math.max(1, MAX_SCROLL_PX - vh);
    }
    this.content.style.height = `${this.physicalHeight()}px`;
    if (Math.abs(this.scroller.scrollTop - s) >= 1) {
      this.scroller.scrollTop = s;
      // What the scroll event will report: the browser may have rounded or clamped it (a stale
      // viewport height), and that must not look like the reader scrolling.
      s = this.scroller.scrollTop;
      this.expectedScrollTop = s;
      if (total <= MAX_SCROLL_PX) this.vTop = s;
    }
    this.lastScrollTop = s;
  }

  // Where the view starts for the pinned item to sit as asked, with the heights known now.
  pinTarget() {
    const vh = this.viewportHeight();
    const item = Math.max(0, Math.min(this.pin.item, this.count - 1));
    const top = this.heights.top(item);
    const height = this.heights.height(item);
    switch (this.pin.align) {
      case 'top': return top;
      case 'bottom': return top + height - vh;
      case 'center': return top - (vh - height) / 2;
      case 'third': return top - Math.min(vh / 3, Math.max(0, vh - height) / 2);
      default: return top - this.pin.y;  // where it was on screen
    }
  }

  // Places the pinned item again (heights, count or viewport changed).
  placePin() {
    if (!this.pin || this.count === 0) return;
    this.vTop = this.pinTarget();
    this.applyScroll();
    this.dirty = true;
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Number of items; rows already drawn keep their place (streaming appends at the end). */
  setCount(count) {
    if (count === this.heights.count) return;
    const shrunk = count < this.heights.count;
    this.heights.setCount(count);
    if (shrunk) {
      for (const item of this.rows.keys()) if (item >= count) this.rows.delete(item);
      this.dirty = true;
    }
    // Rows drawn stay; draw() redraws only if the drawn range changes (the end came into it).
    // A pinned item near the end was clamped to the bottom: more items let it go where asked.
    if (this.pin) this.placePin();
    this.schedule();
  }

  /**
   * New items altogether (another filter, another order): forget rows and heights and go to the
   * top, or to `anchor` ({item, into}: that item's top plus `into` px, as anchor() gave it with
   * the item's new index), so a reader stays on what they were reading when the list changed
   * under them (more entries, or a new order as data arrived).
   */
  reset(count, { anchor = null } = {}) {
    this.pin = null;
    this.rows.clear();
    this.heights.reset();
    this.heights.setCount(count);
    this.vTop = anchor && count > 0 ? this.heights.top(Math.min(anchor.item, count - 1)) + anchor.into : 0;
    this.maxWidth = 0;
    this.content.style.minWidth = '';
    this.applyScroll();
    this.dirty = true;
    this.schedule();
  }

  setWrap(wrap) {
    if (wrap === this.wrap) return;
    const anchor = this.topItem();
    this.wrap = wrap;
    this.heights.reset();
    this.maxWidth = 0;
    this.content.style.minWidth = '';
    this.rows.clear();
    this.scroller.classList.toggle('wrap', wrap);
    this.scrollToItem(anchor, 'top');
  }

  /** Redraws the rows of these items (all when omitted) on the next frame. */
  refresh(items) {
    if (items === undefined) {
      this.rows.clear();
    } else {
      for (const item of items) this.rows.delete(item);
    }
    this.dirty = true;
    this.schedule();
  }

  /** Where the view starts: the first item in it and how far into that item (px). */
  anchor() {
    const item = this.heights.find(this.vTop);
    return { item, into: this.vTop - this.heights.top(item) };
  }

  /** The first item at least half visible. */
  topItem() {
    const item = this.heights.find(this.vTop);
    const into = this.vTop - this.heights.top(item);
    return into > this.heights.height(item) / 2 && item + 1 < this.count ? item + 1 : item;
  }

  /** Visible items [top, bottom). */
  visibleRange() {
    const top = this.heights.find(this.vTop);
    const bottom = this.count === 0 ? 0
      : Math.min(this.count, this.heights.find(this.vTop + this.viewportHeight() - 1) + 1);
    return { top, bottom };
  }

  isVisible(item) {
    const itemTop = this.heights.top(item);
    const itemBottom = itemTop + this.heights.height(item);
    return itemTop >= this.vTop - 1 && itemBottom <= this.vTop + this.viewportHeight() + 1;
  }

  /**
   * Scrolls so `item` shows: align "top", "center", "third" (a third down, as a permalink
   * target), or "nearest" (only if it is not fully visible already). Draws synchronously.
   * The item stays pinned there while heights are measured, until the reader scrolls.
   */
  scrollToItem(item, align = 'nearest') {
    if (this.count === 0) return;
    item = Math.max(0, Math.min(item, this.count - 1));
    const top = this.heights.top(item);
    if (align === 'nearest') {
      if (top < this.vTop) align = 'top';
      else if (top + this.heights.height(item) > this.vTop + this.viewportHeight()) align = 'bottom';
    }
    this.pin = { item, align, y: top - this.vTop };
    this.vTop = this.pinTarget();
    this.applyScroll();
    this.dirty = true;
    this.draw();  // measures the rows drawn, which places the pinned item again (measure())
  }

  /** Scrolls by a number of pixels (keyboard steps). */
  scrollByPixels(dy) {
    this.pin = null;
    this.vTop += dy;
    this.applyScroll();
    this.dirty = true;
    this.schedule();
  }

  draw() {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const count = this.count;
    const vh = this.viewportHeight();
    this.content.style.height = `${this.physicalHeight()}px`;
    if (count === 0) {
      this.block.replaceChildren();
      this.rows.clear();
      this.drawnByKey.clear();
      this.first = this.last = 0;
      this.onRange({ first: 0, last: 0, top: 0, bottom: 0 });
      return;
    }
    let pass = 0;
    for (; pass < 3; ++pass) {
      const top = this.heights.find(this.vTop);
      const bottom = Math.min(count, this.heights.find(this.vTop + vh) + 1);
      const first = Math.max(0, top - this.overscan);
      const last = Math.min(count, bottom + this.overscan);
      if (this.dirty || first !== this.first || last !== this.last) {
        for (const item of this.rows.keys()) {
          if (item < first || item >= last) this.rows.delete(item);
        }
        const elements = [];
        const drawn = new Map();
        const held = new Set(this.rows.values());  // rows kept for their items: never reused
        for (let i = first; i < last; ++i) {
          let row = this.rows.get(i);
          const key = this.keyOf(i);
          if (!row) {
            row = this.createRow(i);
            // The same entry or line drawn again: its nodes stay (patchRow says why).
            const before = this.drawnByKey.get(key);
            if (before && !held.has(before)) row = patchRow(before, row);
            this.rows.set(i, row);
          }
          if (key !== undefined) drawn.set(key, row);
          elements.push(row);
        }
        placeChildren(this.block, elements);
        this.drawnByKey = drawn;
        this.first = first;
        this.last = last;
        this.dirty = false;
      }
      this.position();
      if (!this.wrap || !this.measure(top)) break;
    }
    if (pass === 3) this.schedule();  // heights still settling: measure the new rows next frame
    if (!this.wrap && !this.widthPending) {
      // The horizontal extent: measured after this frame's layout, not forced in the middle.
      this.widthPending = true;
      setTimeout(() => {
        this.widthPending = false;
        if (this.wrap) return;
        const width = this.block.scrollWidth;
        if (width > this.maxWidth + 1) {
          this.maxWidth = width;
          this.content.style.minWidth = `${width}px`;
        }
      }, 0);
    }
    const range = this.visibleRange();
    this.onRange({ first: this.first, last: this.last, top: range.top, bottom: range.bottom });
  }

  // Places the block so item `first` sits where the model says, relative to the scrollbar.
  position() {
    const y = this.heights.top(this.first) - this.vTop + this.lastScrollTop;
    this.block.style.transform = `translateY(${y}px)`;
  }

  // Wrap mode: records the drawn rows' heights; if any changed, places the pinned item again or
  // keeps the `anchor` item where it was on screen, and returns true (the caller draws again).
  measure(anchor) {
    const into = this.vTop - this.heights.top(anchor);
    let changed = false;
    let i = this.first;
    for (const row of this.block.children) {
      if (this.heights.set(i, row.getBoundingClientRect().height)) changed = true;
      ++i;
    }
    if (!changed) return false;
    if (this.pin) {
      this.vTop = this.pinTarget();
      this.applyScroll();
      return true;
    }
    this.vTop = this.heights.top(anchor) + Math.min(into, this.heights.height(anchor) - 1);
    this.applyScroll();
    return true;
  }
}
