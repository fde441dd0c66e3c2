// Appended inside the Emscripten module (--post-js): its UTF8ToString, which turns every
// std::string the bindings return into a JS string, decodes with a TextDecoder that drops a
// U+FEFF at the start of each string it decodes. A log line that starts with one (a BOM in the
// middle of a concatenated file) lost it in lineText: the copied lines, the build search's hit
// text and its mark columns. The rows, the search and `logstow show` keep it.
if (typeof TextDecoder != 'undefined') UTF8Decoder = new TextDecoder('utf8', { ignoreBOM: true });
