#!/usr/bin/python3
"""Check that DIR supports the user.* xattrs the object server stores
object metadata in.

usage: check_xattr.py DIR FSTYPE
exit 0: fine (prints a one-line note to stderr if xattrs are limited to one
        4 KiB block, as on ext4 without ea_inode); exit 1: no user xattrs.
"""
import errno
import os
import sys
import tempfile

path, fstype = sys.argv[1:3]
fd, probe = tempfile.mkstemp(prefix='.xattr-probe-', dir=path)
try:
    try:
        os.setxattr(probe, 'user.swift.probe', b'x')
    except OSError as e:
        sys.stderr.write(
            'swift-dev: error: %s is on a filesystem (%s) without user '
            'extended attributes (setxattr: %s). Swift keeps object metadata '
            'in user.* xattrs, so every object PUT would fail (507/503).\n'
            '  Use a state directory on ext4, xfs or btrfs (or tmpfs on '
            'kernel >= 6.6), e.g.: LOGSTOW_SWIFT_DIR=$HOME/.cache/'
            'logstow-swift scripts/swift-dev start\n'
            % (path, fstype, e.strerror))
        sys.exit(1)
    try:
        # Larger than one 4 KiB block: fails on plain ext4 (no ea_inode).
        os.setxattr(probe, 'user.swift.probe.big', b'x' * 5000)
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.E2BIG, errno.ERANGE):
            raise
        sys.stderr.write(
            'swift-dev: note: %s (%s) fits all xattrs of a file in one 4 KiB '
            'block: keep each object\'s X-Object-Meta-* under about 2.5 KiB '
            '(more gives 507 from the object server, 503 from the proxy).\n'
            % (path, fstype))
finally:
    os.close(fd)
    os.unlink(probe)
