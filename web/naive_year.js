// Years of naive times written without one (syslog/journal "Mar 28 12:20:41", klog "I0328"). The
// core reads them against the file's date (viewer/timestamp.h YearFromFileDate: the response's
// Last-Modified); this module is for what it cannot know: the date a file without a
// Last-Modified stands in for, and the words a view says about where a year came from. An ES
// module without imports: the page imports it, and web/CMakeLists.txt joins it into the workers as
// LogstowYear (docs/viewer-urls.md "Times without a year").

const DAY_MS = 86400000;

/**
 * A reference date (Unix seconds) whose year admits every date of `year`, Feb 29 of a leap year
 * included, and no later one: Dec 30, as the core allows a day's slack past the file's date.
 * For a log without a date opened with &t=: its year-less times are read in t's year.
 */
export function referenceForYear(year) {
  return Date.UTC(year, 11, 30) / 1000;
}

/**
 * The naive time `ms` (a year-less time the core read against some date) with its month, day and
 * time of day kept and its year read against `referenceMs` instead, by the core's rule
 * (YearFromFileDate, written again here because the page has no core): the latest year in which
 * the month/day exists and is at most one day after the reference's date.
 */
export function withYearFrom(ms, referenceMs) {
  const d = new Date(ms);
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const timeOfDay = ms - Date.UTC(d.getUTCFullYear(), month, day);
  const ref = new Date(referenceMs);
  const latest = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate()) + DAY_MS;
  const year = new Date(latest).getUTCFullYear();
  for (let y = year; y > year - 9; --y) {  // leap years are at most 8 apart
    const at = Date.UTC(y, month, day);
    if (new Date(at).getUTCDate() === day && at <= latest) return at + timeOfDay;
  }
  return ms;
}

/** Where a view's year-less times took their year from, in words ('' when none has one). */
export function yearNote(from) {
  return {
    file: 'times without a year: the year of the file\'s date (Last-Modified)',
    link: 'times without a year: the year of the link\'s t= (the file has no date)',
    now: 'times without a year: the year by today\'s date (the file has no date)',
    build: 'times without a year: the year of their file\'s date, or of the latest dated time for a file without one',
  }[from] || '';
}
