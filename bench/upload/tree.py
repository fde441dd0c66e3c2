"""The benchmark's input, cached outside the repo: the generated tree, its gzip -6 bodies (what
the curl ceiling sends) and its figures (files, bytes, single-thread zlib CPU at levels 1, 6, 9).

A cache entry is named after the seed, the scale and a hash of make_tree.py, so editing the
generator makes a new tree instead of reusing a stale one.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# Content types as uploader/classify.cc gives them for the names in this tree; text is gzipped
# and sent with Content-Encoding, .gz files go as they are.
TYPES = {".gz": ("application/gzip", False), ".html": ("text/html; charset=utf-8", True),
         ".json": ("application/json; charset=utf-8", True)}
TEXT = ("text/plain; charset=utf-8", True)


class Entry:
    def __init__(self, name, size):
        self.name = name  # relative path with "/", the object name under the prefix
        self.size = size
        ext = os.path.splitext(name)[1]
        self.content_type, self.compress = TYPES.get(ext, TEXT)

    def path(self, tree):
        return os.path.join(tree.root, self.name)

    def body_path(self, tree):
        return os.path.join(tree.bodies, self.name)


class Tree:
    def __init__(self, root, bodies, stats):
        self.root = root
        self.bodies = bodies
        self.stats = stats  # files, bytes, wire_bytes, zlib_cpu_s {level: s}, summary
        self.entries = []
        for dirpath, _, files in os.walk(root):
            for f in files:
                full = os.path.join(dirpath, f)
                self.entries.append(Entry(os.path.relpath(full, root), os.path.getsize(full)))
        self.entries.sort(key=lambda e: e.name)

    @property
    def files(self):
        return len(self.entries)

    @property
    def bytes(self):
        return sum(e.size for e in self.entries)

    @property
    def folders(self):
        """Folders holding files, directly or below, the root included."""
        found = {""}
        for e in self.entries:
            parts = e.name.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                found.add("/".join(parts[:i]))
        return len(found)


def prepare(cache_dir, seed, scale, log):
    """The tree for SEED and SCALE, made (and measured) unless the cache has it."""
    with open(os.path.join(HERE, "make_tree.py"), "rb") as f:
        code = hashlib.md5(f.read()).hexdigest()[:8]
    key = os.path.join(cache_dir, f"tree-s{seed}-x{scale:g}-{code}")
    root, bodies, stats_path = key, key + ".bodies", key + ".json"
    if not os.path.isdir(root):
        log(f"generating the tree in {root} (seed {seed}, scale {scale:g})")
        summary = subprocess.run([sys.executable, os.path.join(HERE, "make_tree.py"), root,
                                  "--seed", str(seed), "--scale", str(scale)],
                                 check=True, capture_output=True, text=True).stdout
        with open(stats_path + ".summary", "w") as f:
            f.write(summary)
    if not os.path.isfile(stats_path):
        log("gzipping bodies (level 6) and timing single-thread zlib at levels 1, 6, 9")
        shutil.rmtree(bodies, ignore_errors=True)
        stats = make_bodies(Tree(root, bodies, {}), bodies)
        with open(stats_path + ".summary") as f:
            stats["summary"] = json.loads(f.read())
        with open(stats_path, "w") as f:
            json.dump(stats, f, indent=1)
    with open(stats_path) as f:
        return Tree(root, bodies, json.load(f))


def make_bodies(tree, bodies):
    """Writes gzip -6 bodies of the text files; returns the tree's figures."""
    cpu = {1: 0.0, 6: 0.0, 9: 0.0}
    wire = 0
    for e in tree.entries:
        if not e.compress:
            wire += e.size
            continue
        with open(e.path(tree), "rb") as f:
            data = f.read()
        for level in cpu:
            start = time.process_time()
            z = zlib.compressobj(level, zlib.DEFLATED, 31)  # 31: gzip framing
            out = z.compress(data) + z.flush()
            cpu[level] += time.process_time() - start
            if level == 6:
                os.makedirs(os.path.dirname(e.body_path(tree)), exist_ok=True)
                with open(e.body_path(tree), "wb") as f:
                    f.write(out)
                wire += len(out)
    return {"files": tree.files, "bytes": tree.bytes, "wire_bytes": wire,
            "compressed_files": sum(e.compress for e in tree.entries),
            "zlib_cpu_s": {str(k): round(v, 3) for k, v in cpu.items()}}
