// The files written about a build rather than by it: the index.html page of each folder (`logstow
// upload` and `logstow index` write them, as zuul-jobs' uploader does) and the build's
// zuul-manifest.json. They list the build's files, so their text names the build: every row's
// viewer link carries the build's prefix, so against a good build every row is "new", and a
// build search for a file's name finds each page that lists it. The build search
// (build_search.js), the compare with a good build (folder_baseline.js) and the folder timeline
// (folder_timeline.js) skip them and say so.
//
// They are told by name, as the viewer finds them when it lists a folder (url_state.js
// folderPlan: "<folder>/index.html", "<folder>/zuul-manifest.json"): a job's own index.html is
// skipped too (it is a page, not a log; it still opens from the listing).
export const LISTING_FILE_NAMES = ['index.html', 'zuul-manifest.json'];

/** Whether `path` ("logs/index.html", "zuul-manifest.json": relative, '/'-separated) is one. */
export function isListingFile(path) {
  return LISTING_FILE_NAMES.includes(String(path).slice(String(path).lastIndexOf('/') + 1));
}
