# cmake -DPARTS=joined.js -DLOADER=logstow_viewer.js -DOUT=viewer_worker.js -P join_worker.cmake:
# the worker's one script, its parts then the Emscripten loader (web/CMakeLists.txt says why).
file(READ ${PARTS} parts)
file(READ ${LOADER} loader)
file(WRITE ${OUT} "${parts}// ---- logstow_viewer.js (the Emscripten loader, built) ----\n${loader}")
