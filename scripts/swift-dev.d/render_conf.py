#!/usr/bin/python3
"""Render every SRC/*.in template into DST (dropping .in), replacing ${KEY}.

usage: render_conf.py SRC DST KEY=VALUE...

A missing key is an error, so a typo in a template fails the start loudly.
"""
import os
import string
import sys

src, dst = sys.argv[1:3]
values = dict(arg.split('=', 1) for arg in sys.argv[3:])

for name in sorted(os.listdir(src)):
    if not name.endswith('.in'):
        continue
    with open(os.path.join(src, name)) as f:
        text = string.Template(f.read()).substitute(values)
    out = os.path.join(dst, name[:-3])
    with open(out + '.tmp', 'w') as f:
        f.write(text)
    os.rename(out + '.tmp', out)
