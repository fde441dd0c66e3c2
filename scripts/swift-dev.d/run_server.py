#!/usr/bin/python3
"""Run one Swift server or daemon against STATE/etc instead of /etc/swift.

usage: run_server.py NAME CONF PIDFILE
  NAME: account-server | container-server | object-server | proxy-server
        | container-updater | object-expirer

Swift 2.30 hard-codes /etc/swift/swift.conf for the hash prefix/suffix,
storage policies and constraints (only the rings follow swift_dir), so the
config directory (the conf's [DEFAULT] swift_dir: the cluster keeps each
node's confs in a folder of their own) is switched here before any server
module is imported.
"""
import configparser
import os
import sys
import time

name, conf, pidfile = sys.argv[1:4]

from swift.common import utils  # noqa: E402

parser = configparser.RawConfigParser()
parser.read(conf)
utils.set_swift_dir(parser.get('DEFAULT', 'swift_dir'))
from swift.common import constraints, storage_policy  # noqa: E402

storage_policy.reload_storage_policies()
constraints.reload_constraints()

# Our own pid file: swift-dev stop kills by these PIDs (plus their children).
with open(pidfile + '.tmp', 'w') as f:
    f.write('%d\n' % os.getpid())
os.rename(pidfile + '.tmp', pidfile)

if name.endswith('-server'):
    from swift.common.wsgi import run_wsgi
    # verbose=True also logs to stderr (= STATE/log/NAME.log); there is no /dev/log.
    sys.exit(run_wsgi(conf, name, verbose=True))

from swift.common.daemon import run_daemon  # noqa: E402

if name == 'container-updater':
    from swift.container.updater import ContainerUpdater

    class LoopingUpdater(ContainerUpdater):
        """The stock run_forever forks a child per partition per sweep (about
        one busy core at interval 5); run_once in a loop costs ~1 % CPU."""

        def run_forever(self, *args, **kwargs):
            while True:
                begin = time.time()
                try:
                    self.run_once()
                except Exception:
                    self.logger.exception('container update sweep failed')
                time.sleep(max(0.0, self.interval - (time.time() - begin)))

    run_daemon(LoopingUpdater, conf, section_name='container-updater',
               verbose=True)
elif name == 'object-expirer':
    from swift.obj.expirer import ObjectExpirer
    run_daemon(ObjectExpirer, conf, section_name='object-expirer',
               verbose=True)
else:
    sys.exit('run_server.py: unknown server %r' % name)
