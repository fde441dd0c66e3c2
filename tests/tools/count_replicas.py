#!/usr/bin/python3
"""Count the stored copies of each object of a swift-dev Swift by reading its
devices (what the object servers keep on disk), not by asking a proxy.

usage: count_replicas.py STATE_DIR PATH_PREFIX
  PATH_PREFIX: "/<account>/<container>/<object prefix>", e.g. /AUTH_test/c/build1/
prints one JSON object: {"<object name after PATH_PREFIX>": <devices holding a .data file>}

A proxy answers 201 once a write quorum of replicas stored the object (2 of
3); this shows how many actually did. Used by tests/swift/cluster_fault_test.cc
and bench/swift-cluster.
"""
import glob
import json
import os
import sys

from swift.obj.diskfile import read_metadata

state, prefix = sys.argv[1:3]
copies = {}
for device in glob.glob(os.path.join(state, 'srv', 'node*', '*')):
    names = set()
    # objects/<partition>/<suffix>/<hash>/<timestamp>.data
    for data in glob.glob(os.path.join(device, 'objects', '*', '*', '*', '*.data')):
        try:
            name = read_metadata(data).get('name', '')
        except Exception:  # a file being replaced right now
            continue
        if isinstance(name, bytes):
            name = name.decode('utf-8', 'surrogateescape')
        if name.startswith(prefix):
            names.add(name[len(prefix):])
    for name in names:
        copies[name] = copies.get(name, 0) + 1
json.dump(copies, sys.stdout, sort_keys=True)
sys.stdout.write('\n')
