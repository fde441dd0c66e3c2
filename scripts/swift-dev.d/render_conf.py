#!/usr/bin/python3
"""Render SRC/*.in templates into DST (dropping .in), replacing ${KEY}.

usage: render_conf.py SRC DST [--only NAME,NAME...] KEY=VALUE...
  --only: just these templates (by output name without .conf, e.g.
          object-server,proxy-server); all of them otherwise.

A missing key is an error, so a typo in a template fails the start loudly.
"""
import os
import string
import sys

src, dst = sys.argv[1:3]
args = sys.argv[3:]
only = None
if args[:1] == ['--only']:
    only = set(args[1].split(','))
    args = args[2:]
values = dict(arg.split('=', 1) for arg in args)

os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if not name.endswith('.in'):
        continue
    if only is not None and name[:-len('.conf.in')] not in only:
        continue
    with open(os.path.join(src, name)) as f:
        text = string.Template(f.read()).substitute(values)
    out = os.path.join(dst, name[:-3])
    with open(out + '.tmp', 'w') as f:
        f.write(text)
    os.rename(out + '.tmp', out)
