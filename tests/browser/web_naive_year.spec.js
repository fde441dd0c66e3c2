// web/naive_year.js under node (no browser): the core's rule for times written without a year
// (viewer/timestamp.h YearFromFileDate), written again for the page's trail and the folder
// timeline's files without a date, on the cases tests/unit/viewer/timestamp_test.cc checks.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');

let y;
before(async () => {
  // Imported from a data: URL, which node always takes for an ES module.
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'naive_year.js'), 'utf8');
  y = await import(`data:text/javascript,${encodeURIComponent(source)}`);
});

// The year withYearFrom gives month/day (1-based month) read against a reference date.
function yearOf(month, day, reference) {
  const ms = y.withYearFrom(Date.UTC(2000, month - 1, day, 8, 30, 15, 250), reference);
  const d = new Date(ms);
  assert.deepEqual([d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(),
    d.getUTCSeconds(), d.getUTCMilliseconds()], [month, day, 8, 30, 15, 250], 'month, day and time kept');
  return d.getUTCFullYear();
}

test('the year is the reference date\'s, with a day\'s slack', () => {
  assert.equal(yearOf(6, 10, Date.UTC(2024, 5, 10, 23, 30)), 2024);
  assert.equal(yearOf(6, 11, Date.UTC(2024, 5, 10, 23, 30)), 2024);
  assert.equal(yearOf(6, 12, Date.UTC(2024, 5, 10, 23, 30)), 2023);
});

test('across New Year: December is the year before, Jan 1 the next year on Dec 31', () => {
  assert.equal(yearOf(12, 31, Date.UTC(2025, 0, 2, 0, 10)), 2024);
  assert.equal(yearOf(1, 1, Date.UTC(2025, 0, 2, 0, 10)), 2025);
  assert.equal(yearOf(1, 1, Date.UTC(2024, 11, 31, 22)), 2025);
  assert.equal(yearOf(1, 2, Date.UTC(2024, 11, 31, 22)), 2024);
});

test('Feb 29 against a year without one is from the last leap year before', () => {
  assert.equal(yearOf(2, 29, Date.UTC(2025, 2, 10)), 2024);
  assert.equal(yearOf(2, 29, Date.UTC(2027, 0, 5)), 2024);
  assert.equal(yearOf(2, 29, Date.UTC(2024, 1, 28)), 2024);
  assert.equal(yearOf(2, 29, Date.UTC(2024, 1, 27)), 2020);
  assert.equal(yearOf(2, 29, Date.UTC(2103, 5, 1)), 2096);
});

test('referenceForYear admits every date of its year and none of the next', () => {
  const reference = y.referenceForYear(2021) * 1000;
  assert.equal(yearOf(1, 1, reference), 2021);
  assert.equal(yearOf(12, 31, reference), 2021);
  assert.equal(yearOf(2, 29, reference), 2020);
  const leap = y.referenceForYear(2024) * 1000;
  assert.equal(yearOf(2, 29, leap), 2024);
  assert.equal(yearOf(12, 31, leap), 2024);
});
