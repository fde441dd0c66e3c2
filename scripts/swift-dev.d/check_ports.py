#!/usr/bin/python3
"""Check that TCP ports on 127.0.0.1 are free before starting Swift.

usage: check_ports.py PORT:WHAT:HINT...
exit 0: all free; exit 1: prints one error per taken port, naming the
process holding it (if visible) and HINT (which variable to change).
"""
import os
import socket
import sys


def listeners():
    """Map socket inode -> 'pid (cmdline)' for every process we can see."""
    owners = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            fds = os.listdir('/proc/%s/fd' % pid)
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink('/proc/%s/fd/%s' % (pid, fd))
            except OSError:
                continue
            if target.startswith('socket:['):
                owners.setdefault(target[8:-1], '%s (%s)' % (pid, cmd.strip()))
    return owners


def owner_of(port, owners):
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            # cols[1] = local addr:port (hex), cols[3] = state (0A = LISTEN)
            if cols[3] == '0A' and int(cols[1].split(':')[1], 16) == port:
                return owners.get(cols[9])
    return None


taken = []
for spec in sys.argv[1:]:
    port, what, hint = spec.split(':', 2)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Swift binds with SO_REUSEADDR too, so TIME_WAIT leftovers are no conflict.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(('127.0.0.1', int(port)))
    except OSError as e:
        taken.append((int(port), what, hint, e.strerror))
    finally:
        sock.close()

owners = listeners() if taken else {}
for port, what, hint, err in taken:
    who = owner_of(port, owners)
    sys.stderr.write(
        'swift-dev: error: port %d (%s) on 127.0.0.1 is not available: %s%s.\n'
        '  Stop that process or choose other ports: %s\n'
        % (port, what, err, ', held by pid %s' % who if who else '', hint))
sys.exit(1 if taken else 0)
