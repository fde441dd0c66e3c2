// The JavaScript shape of logstow_viewer.js / logstow_viewer.wasm (viewer/wasm/bindings.cc).
// Load it once, in a Web Worker if you can:  const core = await LogstowViewer();
// Conventions:
//  - Lines are 0-based here (the page shows 1-based numbers; rendered rows carry both). A line is
//    what the page shows and numbers: a raw line of the log, except in a terminal capture
//    (isTerminal(): a log that moves the cursor across lines, viewer/terminal_screen.h), whose
//    lines are the rows of the screen a terminal would leave; lineSource() maps them back.
//  - Offsets are bytes into the log as fetched (after HTTP/gzip decoding), never UTF-16 units,
//    except the "segments" of renderRowsJson, which are UTF-16 indices into that row's text.
//  - Typed arrays returned by lineStarts()/severities()/bytes() are views of Wasm memory: valid until the
//    next call that may allocate (append, commitAppend, setSearch, render*...). Copy or re-ask.
//  - Nothing throws for bad input: failures come back as {ok: false, error} or "" / null / NaN.
//  - C++ objects (LineIndex, LogDocument) must be freed with .delete() (embind).
//  - The module needs no eval: the page's CSP may be "script-src 'self' 'wasm-unsafe-eval'".
// Threading: one document belongs to one worker; the module has no threads.

/**
 * Severity names, low to high (TRACE is the level below DEBUG; a Python traceback is ERROR:
 * viewer/severity.h).
 */
export type SeverityName =
  'NONE' | 'TRACE' | 'DEBUG' | 'INFO' | 'AUDIT' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** Byte values of LogDocument.severities(): level | OWN_LEVEL_BIT. */
export const enum SeverityByte {
  NONE = 0, TRACE = 1, DEBUG = 2, INFO = 3, AUDIT = 4, WARNING = 5, ERROR = 6, CRITICAL = 7,
  /**
   * Set when the line states its level itself (else it continues a record, or starts one with
   * no level: viewer/severity.h).
   */
  OWN_LEVEL_BIT = 0x10,
  LEVEL_MASK = 0x0f,
}

export interface Outcome { ok: boolean; error: string; }

export interface SearchOutcome extends Outcome {
  /** Non-empty matches in the complete lines (present when ok). */
  matchCount?: number;
  /** Lines holding at least one match. */
  lineCount?: number;
}

/** A match: begin/end are UTF-8 byte offsets into the line's shown text (RenderedRow.text). */
export interface SearchHit { line: number; begin: number; end: number; }

/** The raw lines (0-based, inclusive) and raw bytes [begin, end) that wrote a shown line. */
export interface LineSource {
  firstLine: number; lastLine: number;
  /** true: the line is exactly raw line firstLine, drawn by viewer/ansi.h. */
  raw: boolean;
  begin: number; end: number;
}

/** One row of renderRowsJson(). */
export interface RenderedRow {
  /** 1-based line number (as in #L12). */
  line: number;
  severity: SeverityName;
  /** true when the line states no level and shows the previous line's. */
  inherited: boolean;
  /** What a terminal shows: escapes applied, "\r" overwrites resolved, invalid UTF-8 as U+FFFD. */
  text: string;
  /**
   * Runs covering `text` in order without gaps: [begin, end, classes, href, fg, bg].
   * begin/end: UTF-16 indices into text. classes: space-separated, from
   *   hl-severity hl-timestamp hl-request-id hl-url hl-path hl-task hl-match   (highlights)
   *   fg-N bg-N (N 0..255) b dim i u s inv                                       (ANSI styles)
   * href: "" or an http(s) URL (make it an <a>). fg/bg: "" or "#rrggbb" for 24-bit colours
   * (fg-N/bg-N already hold the nearest palette colour).
   */
  segments: Array<[number, number, string, string, string, string]>;
  /** Terminal captures only: 1-based raw lines [first, last] that wrote this row. */
  source?: [number, number];
}

export interface FolderEntry {
  name: string;                 // decoded, relative to the folder
  type: 'file' | 'folder';
  href: string;                 // relative URL, percent-encoded; folders end in '/'
  size: number;                 // bytes, -1 unknown
  size_approximate: boolean;    // from "2.4M"-style autoindex sizes
  content_type: string;         // "" unknown
  content_encoding: string;     // e.g. "gzip" (zuul manifest), "" unknown/none
  last_modified: string;        // "YYYY-MM-DDTHH:MM:SS" (UTC for Swift/Zuul), "" unknown
  segments: number;             // a large file kept as N segment objects (listing.h); 0 otherwise
}

/** JSON.parse() of parseSwiftListing / parseSegmentListing / parseZuulManifest / parseHtmlIndex. */
export type ListingJson =
  | { ok: true; source: 'swift' | 'zuul-manifest' | 'html-index'; path: string;
      /** Swift paging: fetch again with &marker=encodeURIComponent(next_marker). */
      maybe_more: boolean; next_marker: string; page_items: number; marker_seen: boolean;
      /** Swift: the folder holds ".logstow-segments/" (large files not joined yet). */
      segment_folder_seen: boolean; entries: FolderEntry[]; }
  | { ok: false; error: string; code: 'bad-json' | 'not-a-listing' | 'no-such-folder'; };

/** Lines only (no severities): the cheapest split. */
export interface LineIndex {
  /**
   * Size the buffer for the whole log (its exact size: X-Object-Meta-Logstow-Size, or the
   * Content-Length of an unencoded body). Without it the buffer grows in place (1/16 at a time).
   * false if > 4 GiB - 2 or memory cannot be had.
   */
  reserve(totalBytes: number): boolean;
  /**
   * Where to write the next `size` bytes: a byte offset into module.HEAPU8 (0 = refused).
   * Write with module.HEAPU8.set(chunk, ptr) right away, then commitAppend(n <= size).
   */
  prepareAppend(size: number): number;
  /** Index the bytes written; returns how many lines they completed. */
  commitAppend(size: number): number;
  /** End of input: the unterminated tail becomes the last line. */
  finish(): void;
  lineCount(): number;
  byteLength(): number;
  /** Start offsets of the raw lines, one more than there are (view of Wasm memory). */
  lineStarts(): Uint32Array;
  /** Every byte appended so far, as stored (view of Wasm memory; copy it, e.g. into a Blob). */
  bytes(): Uint8Array;
  delete(): void;
}

/** A log being viewed: lines, severities, search, rendering. */
export interface LogDocument extends LineIndex {
  /** "" or why the rule file given to the constructor did not compile (built-ins used then). */
  rulesError(): string;
  /** Lines from now on are not classified (severity NONE): a document only searched. Call first. */
  skipSeverity(): void;
  /** Copy a chunk in (prepareAppend + set + commitAppend); -1 if refused. */
  append(bytes: Uint8Array): number;
  finished(): boolean;
  /** Wasm memory held: buffer + 5 bytes per line (+ a terminal capture's screen). */
  memoryBytes(): number;
  /** lineCount() counts shown lines; this the raw lines ('\n'-terminated). */
  rawLineCount(): number;
  /** Lines that later bytes cannot change (lineCount() but for a terminal capture's last 100). */
  stableLineCount(): number;
  /** Whether lines are a terminal screen's rows. */
  isTerminal(): boolean;
  /** Where a shown line came from, or null past the end. */
  lineSource(line: number): LineSource | null;
  /** One byte per line: SeverityByte (view of Wasm memory). */
  severities(): Uint8Array;
  /** Every byte appended so far, as fetched (view of Wasm memory; copy it, e.g. into a Blob). */
  bytes(): Uint8Array;
  severityOf(line: number): SeverityName;
  /** Lines per effective level. */
  severityCounts(): Record<SeverityName, number>;
  /** A line's shown text (see RenderedRow.text). */
  lineText(line: number): string;
  /** JSON string: {"rows": RenderedRow[]} for lines [first, last). */
  renderRowsJson(first: number, last: number): string;
  /**
   * RE2 search over the shown text of every line (escape sequences, "\r", "\b" and cursor moves
   * applied: hidden bytes never match, "$" anchors at the shown end); rows drawn later mark its
   * matches (hl-match).
   */
  setSearch(pattern: string, caseInsensitive: boolean, literal: boolean): SearchOutcome;
  clearSearch(): void;
  /** The first `max` hits (at most 100,000 kept): a new Uint32Array [line, begin, end]*. */
  searchHits(max: number): Uint32Array;
  /** First hit on a line after `line` (wrapping to the top if `wrap`), or null. */
  searchNext(line: number, wrap: boolean): SearchHit | null;
  /** Last hit on a line before `line` (wrapping to the bottom if `wrap`), or null. */
  searchPrevious(line: number, wrap: boolean): SearchHit | null;
  /**
   * The log file's date, Unix seconds (the response's Last-Modified): a time written without a
   * year takes its year from it (viewer/timestamp.h YearFromFileDate). Until set: when the
   * document was made (now).
   */
  setFileDate(unixSeconds: number): void;
  fileDate(): number;
  /** Wall-clock time the line starts with, as written (no zone shift), ms since 1970; NaN if none. */
  timestampMs(line: number): number;
  /** Whether the line's timestamp has a date but no year (its year is the file date's). */
  timestampYearless(line: number): boolean;
  /** First line at or after a time (timestampMs units); lineCount() if none. */
  lineAtTime(ms: number): number;
  /** Silences of at least minGapMs between timestamped lines: Float64Array [line, gapMs]*, at most `max`. */
  timeGaps(minGapMs: number, max: number): Float64Array;
  /** Timestamped lines per time bucket by effective level (viewer/time_overview.h). */
  timeBuckets(count: number): TimeBuckets;
  /** Lines whose shape the baseline never had (viewer/baseline_diff.h): a new Uint32Array. */
  newLines(baseline: LineShapes): Uint32Array;
}

export interface TimeBuckets {
  startMs: number;
  bucketMs: number;  // 0: no timestamped line
  buckets: number;
  timedLines: number;
  yearlessLines: number;  // of timedLines, those whose year is the file date's
  counts: Uint32Array;  // [bucket * 8 + SeverityByte]
}

/** A good build's log as its distinct line shapes (viewer/line_shape.h, baseline_diff.h). */
export interface LineShapes {
  append(bytes: Uint8Array): void;
  finish(): void;
  shapeCount(): number;
  lineCount(): number;
  /** Counts another log's new lines as its bytes stream: countStart, countAppend*, countFinish. */
  countStart(): void;
  countAppend(bytes: Uint8Array): void;
  countFinish(): { lines: number; newLines: number };
  delete(): void;
}

export interface LogstowViewerModule {
  HEAPU8: Uint8Array;
  LineIndex: { new(): LineIndex };
  /** rulesJson: "" for the built-in rules, or a user rule file (viewer/rules.h). */
  LogDocument: { new(rulesJson: string): LogDocument };
  LineShapes: { new(): LineShapes };
  /** Severity of one line by the built-in rules. */
  classifySeverity(line: string): SeverityName;
  /** {ok, error}: does this user rule file compile? e.g. 'severity rule 1 ("mine"): missing ): (foo' */
  checkRules(rulesJson: string): Outcome;
  /** viewer/binary_check.h: do a file's first bytes (up to 8 KiB read) say it is not a log? */
  looksBinary(head: Uint8Array): boolean;
  /** The built-in rule file (viewer/rules/default_rules.json). */
  defaultRulesJson(): string;
  /** One page of ?format=json&prefix=<prefix>&delimiter=/ (limit: the page size asked, 10000). */
  parseSwiftListing(json: string, prefix: string, limit: number): string;
  /** One page of ?format=json&prefix=<folder>.logstow-segments/ (no delimiter): one entry per large file. */
  parseSegmentListing(json: string, prefix: string, limit: number): string;
  /** One folder ("" or "a/b/") of a zuul-manifest.json. */
  parseZuulManifest(json: string, folder: string): string;
  /** logstow's index.html or an Apache "Index of" page. */
  parseHtmlIndex(html: string): string;
  /** "simd128" in this build. */
  newlineScan(): string;
  /** Log buffers moved since start because malloc took the memory above them (0 normally). */
  bufferRelocations(): number;
}

declare function LogstowViewer(moduleOverrides?: object): Promise<LogstowViewerModule>;
export default LogstowViewer;
