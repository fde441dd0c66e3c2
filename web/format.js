// Number and size formats the page's views share (file_view.js, folder_view.js, main.js).
// (The worker, a classic script, keeps its own copy of formatBytes for its warnings.)

// Bytes in binary units with one decimal: "512 B", "1.5 KiB", "95.4 MiB".
export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    ++u;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

// Index of the first of array[0, size) that is >= value (size when none); array sorted.
export function lowerBound(array, size, value) {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (array[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
