#!/usr/bin/env python3
"""The Zuul roles (roles/) run by Debian's real ansible-playbook against the real local Swift.

A simulated Zuul executor: a Zuul vars file, an executor log root with job-output.txt,
job-output.json and zuul-info/, and three nodes (node-a, node-b, "odd=1 ü": localhost with their own home
folders) with zuul-output/logs. Zuul itself cannot be installed here, so
tests/ansible/library/zuul_return.py stands in for Zuul's zuul_return and records the returned
data to a file this test reads.

Asserts: every file lands once, where Zuul expects it; the returned log_url is the build's prefix
URL ending in '/' and the manifest artifact resolves; what Zuul web fetches (job-output.json,
zuul-manifest.json, a file under logs/) answers 200 with CORS headers for a foreign Origin; the
manifest covers every node and the executor's files with Zuul's meanings, and says index_links
(the logs container serves no folder URL); a node named with '=', a space and non-ASCII (the
job's nodeset names nodes) gets its logs and manifest entries like the others; no token or key
appears in ansible-playbook -vvv's output, in any process's command line while it runs, or in
the returned data; node-a's token gets 401 under node-b's sub-prefix; a reused node whose upload
fails brings back no stale report of an earlier build (node mode), and the play still succeeds.

Run by ctest (label swift) with LOGSTOW_SWIFT_DIR (the fixture's Swift) and LOGSTOW_BINARY, once
per upload mode: `zuul_roles_test.py node` (each node uploads its own logs) and
`zuul_roles_test.py executor` (zuul-jobs' way: the executor fetches and uploads them; this run
also partitions: zuul_log_partition with 1 character, containers made by swift-setup --partitions)
and `zuul_roles_test.py nodeless` (a job without nodes: the executor's play alone uploads)
and `zuul_roles_test.py large` (node mode against the small Swift, max_file_size 1 MiB: node-a
has a file over it, stored as segments; the secret carries operator credentials, so the executor
runs `logstow finalize` and the file reads back under its own name; the operator's key shows
nowhere either).
Exit status 0 when every check passed.
"""
import base64
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ZUUL_ORIGIN = 'https://zuul.example'
ODD_NODE = 'odd=1 ü'
BROKEN_NODE = 'node-broken'
VIEWER = 'https://viewer.example/v1/AUTH_test/logviewer/index.html'

failures = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failures.append(what)


def swift_env():
    values = {}
    with open(os.path.join(os.environ['LOGSTOW_SWIFT_DIR'], 'env')) as f:
        for line in f:
            line = line.strip()
            if line.startswith('export '):
                name, _, value = line[len('export '):].partition('=')
                values[name] = value
    return values


def http(method, url, headers=None, data=None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def decoded(headers, body):
    return gzip.decompress(body) if headers.get('Content-Encoding') == 'gzip' else body


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else 'node'
    partitioned = mode == 'executor'
    binary = os.environ['LOGSTOW_BINARY']
    env = swift_env()
    storage_url = env['LOGSTOW_SWIFT_STORAGE_URL']
    work = tempfile.mkdtemp(prefix='logstow-ansible-')
    container = 'zuul-' + uuid.uuid4().hex[:12]
    key = 'key-' + uuid.uuid4().hex

    # The operator's one-time set-up, as the docs say: swift-setup with the key on the container
    # (other tests keep the account's key) and Zuul web's origin allowed by CORS.
    write(os.path.join(work, 'tempurl-key'), key)
    os.chmod(os.path.join(work, 'tempurl-key'), 0o600)
    setup = subprocess.run(
        [binary, 'swift-setup', '--credentials', os.path.join(os.environ['LOGSTOW_SWIFT_DIR'], 'env'),
         '--key-file', os.path.join(work, 'tempurl-key'), '--key-on-container',
         '--logs-container', container, '--viewer-container', container + '-viewer',
         '--cors-origin', ZUUL_ORIGIN, '--partitions', '1' if partitioned else '0'],
        capture_output=True, text=True)
    check(setup.returncode == 0, 'swift-setup made the logs container: ' + setup.stderr.strip())

    # The simulated executor and nodes.
    large = mode == 'large'
    build = uuid.uuid4().hex
    # Where the build lands: the partition container of its uuid's first character.
    build_container = container + '_' + build[0] if partitioned else container
    log_root = os.path.join(work, 'executor', 'logs')
    write(os.path.join(log_root, 'job-output.txt'), '2026-12-06 22:00:00.000 | TASK [run]\n' * 50)
    write(os.path.join(log_root, 'job-output.json'), json.dumps([{'phase': 'run', 'plays': []}]))
    write(os.path.join(log_root, 'zuul-info', 'inventory.yaml'), 'all:\n  hosts: {}\n')
    node_files = {} if mode == 'nodeless' else {
        'node-a': {'syslog.txt': 'Dec  6 22:00:00 node-a kernel: ok\n' * 20,
                   'nested/deeper/app.log': 'ERROR something\n',
                   'screen-n-api.txt.gz': gzip.compress(b'2026-12-06 INFO nova\n' * 40)},
        'node-b': {'report.html': '<p>report</p>', 'data.json': '{"a": 1}',
                   'notes.unknownext': 'plain text\n'},
        # The job's nodeset names nodes: '=' once broke `logstow index --report SUB=FILE`.
        ODD_NODE: {'odd.txt': 'odd\n'},
    }
    if large:  # over the small Swift's max_file_size, and gzip cannot make it fit
        node_files['node-a']['big.bin'] = random.Random(1).randbytes(1536 * 1024)
    homes = {}
    for node, files in node_files.items():
        homes[node] = os.path.join(work, node)
        for name, data in files.items():
            write(os.path.join(homes[node], 'zuul-output', 'logs', name), data)

    zuul_log_path = 'tenant-a/check/project/job/' + build
    prefix = zuul_log_path + '/'
    # The nodes have no logstow: ensure-logstow installs it from a release tarball, the tree
    # `cmake --install --prefix logstow-<version>` makes.
    tarball = os.path.join(work, 'logstow-test.tar.gz')
    with tarfile.open(tarball, 'w:gz') as tar:
        tar.add(binary, arcname='logstow-test/bin/logstow')
    inventory = {'all': {'hosts': {
        node: {'ansible_connection': 'local', 'ansible_user_dir': homes[node],
               'ansible_python_interpreter': sys.executable,
               # Inventory, not extra vars: ensure-logstow's set_fact must be able to replace it.
               'logstow_executable': os.path.join(work, 'not-installed', 'logstow')}
        for node in homes}}}
    if mode in ('node', 'large'):
        # A reused (static) node whose upload fails before it writes a report, with the report
        # of an earlier build still in its work folder: that stale report must not be indexed.
        broken_home = os.path.join(work, BROKEN_NODE)
        write(os.path.join(broken_home, 'zuul-output', 'logs', 'never.txt'), 'never\n')
        write(os.path.join(broken_home, '.logstow', 'report.json'), json.dumps(
            {'objects': [{'name': 'stale.txt', 'status': 'landed', 'size': 6}]}))
        broken = os.path.join(work, 'broken-logstow')
        write(broken, f'#!/bin/sh\n[ "$1" = --version ] && exec {binary} --version\n'
                      'echo "logstow: error: simulated failure" >&2; exit 2\n')
        os.chmod(broken, 0o755)
        inventory['all']['hosts'][BROKEN_NODE] = {
            'ansible_connection': 'local', 'ansible_user_dir': broken_home,
            'ansible_python_interpreter': sys.executable, 'logstow_executable': broken}
    if not homes:
        inventory = {'all': {'hosts': {}}}
    write(os.path.join(work, 'inventory.json'), json.dumps(inventory))
    token_out = os.path.join(work, 'node-a.token')
    extra_vars = {
        'zuul': {'build': build, 'tenant': 'tenant-a', 'pipeline': 'check', 'job': 'job',
                 'project': {'short_name': 'project', 'name': 'org/project'},
                 'executor': {'log_root': log_root, 'work_root': os.path.join(work, 'executor')}},
        'zuul_success': True,
        'zuul_log_path': zuul_log_path,
        'zuul_log_container': container,
        # With the newline of the key file `zuul-client encrypt --infile` read it from.
        'logstow_swift': {'storage_url': storage_url, 'tempurl_key': key + '\n',
                          'viewer_url': VIEWER},
        'logstow_executor_executable': binary,
        'logstow_tarball_url': tarball,
        'test_token_out': token_out,
        'logstow_upload_from': 'executor' if mode == 'executor' else 'node',
        # The operator's credentials for `logstow finalize` (optional in the secret).
        **({'logstow_swift': {'storage_url': storage_url, 'tempurl_key': key + '\n',
                              'viewer_url': VIEWER,
                              'finalize': {'auth_url': env['LOGSTOW_SWIFT_AUTH_URL'],
                                           'user': env['LOGSTOW_SWIFT_USER'],
                                           'key': env['LOGSTOW_SWIFT_KEY']}}}
           if large else {}),
        'zuul_log_partition': partitioned,
        # A duration as logstow writes it once read as `| int` = 0: logs kept forever, silently.
        **({'zuul_log_delete_after': '30d'} if partitioned else {}),
        'logstow_log_partition_chars': 1,
    }
    write(os.path.join(work, 'vars.json'), json.dumps(extra_vars))
    returned_path = os.path.join(work, 'zuul_return.jsonl')
    run_env = dict(os.environ,
                   ANSIBLE_ROLES_PATH=os.path.join(REPO, 'roles'),
                   ANSIBLE_LIBRARY=os.path.join(HERE, 'library'),
                   ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='0',
                   ANSIBLE_LOCAL_TEMP=os.path.join(work, 'ansible-local'),
                   ANSIBLE_REMOTE_TEMP=os.path.join(work, 'ansible-remote'),
                   ANSIBLE_HOME=os.path.join(work, 'ansible-home'),
                   LOGSTOW_TEST_ZUUL_RETURN=returned_path)
    run_env.pop('LOGSTOW_TOKEN', None)
    # Every command line of the playbook's processes while it runs, as another user's `ps` sees
    # it (other processes on the machine are left out: other tests pass tokens as arguments on
    # purpose, to check that logstow blanks them).
    processes = {}  # pid -> (parent pid, command line)
    done = threading.Event()

    def watch_command_lines():
        while not done.is_set():
            for pid in os.listdir('/proc'):
                try:
                    with open(f'/proc/{pid}/stat') as f:
                        parent = int(f.read().rsplit(')', 1)[1].split()[1])
                    with open(f'/proc/{pid}/cmdline', 'rb') as f:
                        line = f.read().replace(b'\0', b' ').decode(errors='replace')
                    processes.setdefault(int(pid), set()).add((parent, line))
                except (OSError, ValueError, IndexError):
                    pass
            done.wait(0.02)  # a sweep every 20 ms, not a busy loop on a shared machine
    watcher = threading.Thread(target=watch_command_lines)
    watcher.start()
    # -vvv: what an executor's debug log holds (`zuul-executor verbose`).
    try:
        play = subprocess.Popen(
            ['ansible-playbook', '-vvv', '-i', os.path.join(work, 'inventory.json'),
             '-e', '@' + os.path.join(work, 'vars.json'), os.path.join(HERE, 'zuul-post.yaml')],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_env)
        play.stdout_text, play.stderr_text = play.communicate()
    finally:
        done.set()
        watcher.join()
    family = {play.pid}
    grew = True
    while grew:
        grew = False
        for pid, seen_as in processes.items():
            if pid not in family and any(parent in family for parent, _ in seen_as):
                family.add(pid)
                grew = True
    command_lines = {line for pid in family for _, line in processes.get(pid, ())}
    output = play.stdout_text + play.stderr_text
    check(play.returncode == 0, f'ansible-playbook succeeded (logstow_upload_from: {mode})')
    if play.returncode != 0:
        print(output)
        print(f'files kept in {work}')
        return 1

    # What the playbook returned to "Zuul".
    with open(returned_path) as f:
        returned_text = f.read()
    returned = [json.loads(line) for line in returned_text.splitlines()]
    check(len(returned) == 1, 'zuul_return was called once')
    zuul = returned[0]['zuul']
    log_url = zuul['log_url']
    expected_log_url = f'{storage_url}/{build_container}/{prefix}'
    check(log_url == expected_log_url, f'log_url is the prefix URL: {log_url}')
    check(log_url.endswith('/'), 'log_url ends in /')
    artifacts = {a['name']: a for a in zuul['artifacts']}
    manifest_artifact = [a for a in zuul['artifacts']
                         if a.get('metadata', {}).get('type') == 'zuul_manifest']
    check(len(manifest_artifact) == 1, 'one zuul_manifest artifact')
    manifest_url = urllib.parse.urljoin(log_url, manifest_artifact[0]['url'])
    check(artifacts.get('Log viewer', {}).get('url') ==
          VIEWER + '?q=' + urllib.parse.quote(log_url, safe=''),
          'the Log viewer artifact is <viewer>?q=<prefix URL>')

    # Tokens and the key never show: not in ansible's output, not in the returned data.
    token_a = ''
    if homes:
        with open(token_out) as f:
            token_a = f.read().strip()
        check(token_a.startswith('lst1.'), 'the test got node-a\'s token')
    check('lst1.' not in output, 'no token in ansible-playbook -vvv output')
    seen = '\n'.join(command_lines)
    check(any('ansible-playbook' in c for c in command_lines), 'the command lines were watched')
    on_command_lines = [c.replace(key, '<KEY>') for c in command_lines if key in c or 'lst1.' in c]
    check(not on_command_lines,
          'no key or token on any command line: ' + ' | '.join(c[:200] for c in on_command_lines))
    check('lst1.' not in returned_text, 'no token in the returned data')
    check(key not in output and key not in returned_text, 'the Temp-URL key never shows')
    if large:
        operator_key = env['LOGSTOW_SWIFT_KEY']
        check(not any(operator_key in c for c in command_lines) and operator_key not in output,
              'the operator\'s key (finalize) is on no command line and not in the output')
        check(not os.path.exists(os.path.join(work, 'executor', 'logstow', 'credentials')),
              'executor: the credentials file is gone')
        check('finalized big.bin' in output, 'the executor ran logstow finalize for node-a')
    if homes:
        payload = json.loads(base64.urlsafe_b64decode(token_a[5:] + '=' * (-len(token_a[5:]) % 4)))
        put_sig = payload['signatures']['PUT']
        check(put_sig not in output and put_sig not in returned_text and put_sig not in seen,
              'no signature in the output or on a command line')
    for node in homes:
        check(not os.path.exists(os.path.join(homes[node], '.logstow', 'token')),
              f'{node}: the token file is gone')
        check(os.access(os.path.join(homes[node], '.local', 'bin', 'logstow'), os.X_OK),
              f'{node}: ensure-logstow installed logstow from the tarball')
    check(not os.path.exists(os.path.join(work, 'executor', 'logstow', 'token')),
          'executor: the token file is gone')
    if mode in ('node', 'large'):
        fetched = os.path.join(work, 'executor', 'logstow', 'reports')
        stale = [n for n in os.listdir(fetched) if b'stale.txt' in open(os.path.join(fetched, n), 'rb').read()]
        check(not stale, f'{BROKEN_NODE}: its failed upload brought back no stale report: {stale}')

    # Every file landed once, where Zuul expects it; nothing else but the pages and manifest.
    # Page by page (the small Swift of the large mode lists 3 objects a page).
    listed, marker = [], ''
    while True:
        status, _, body = http('GET', f'{storage_url}/{build_container}?format=json&prefix='
                               + urllib.parse.quote(prefix) + '&marker=' + urllib.parse.quote(marker))
        page = json.loads(body)
        if not page:
            break
        listed += [o['name'][len(prefix):] for o in page]
        marker = page[-1]['name']
    segments = [n for n in listed if '/.logstow-segments/' in n]
    check(bool(segments) == large, f'segments only of the large file: {segments}')
    listed = [n for n in listed if n not in segments]
    files = {'job-output.txt', 'job-output.json', 'zuul-info/inventory.yaml'}
    for node, node_tree in node_files.items():
        files |= {f'logs/{node}/{name}' for name in node_tree}
    pages = {'index.html', 'zuul-info/index.html'}
    if homes:
        pages |= {'logs/index.html', 'logs/node-a/index.html', 'logs/node-a/nested/index.html',
                  'logs/node-a/nested/deeper/index.html', 'logs/node-b/index.html',
                  f'logs/{ODD_NODE}/index.html'}
    check(len(listed) == len(set(listed)), 'no object listed twice')
    check(set(listed) == files | pages | {'zuul-manifest.json'},
          'the build holds every file once, the pages and the manifest: '
          + ', '.join(sorted(set(listed) ^ (files | pages | {'zuul-manifest.json'}))))

    # Retention: X-Delete-After from zuul_log_delete_after ('30d' here, else the default).
    delete_after = 30 * 86400 if partitioned else 15552000
    status, headers, _ = http('HEAD', log_url + 'job-output.txt')
    delete_at = int(headers.get('X-Delete-At') or 0)
    check(abs(delete_at - (time.time() + delete_after)) < 3600,
          f'job-output.txt is deleted after {delete_after} s (X-Delete-At {delete_at})')

    # What Zuul web fetches, from another origin: 200 and the CORS header it needs.
    zuul_web_urls = [log_url + 'job-output.json', manifest_url]
    if homes:
        zuul_web_urls.append(log_url + 'logs/node-a/syslog.txt')
    for url in zuul_web_urls:
        status, headers, body = http('GET', url, {'Origin': ZUUL_ORIGIN})
        check(status == 200 and headers.get('Access-Control-Allow-Origin') in (ZUUL_ORIGIN, '*'),
              f'Zuul web can fetch {url[len(log_url):]} (status {status}, '
              f'Access-Control-Allow-Origin {headers.get("Access-Control-Allow-Origin")})')
    status, headers, body = http('GET', log_url + 'job-output.json', {'Origin': ZUUL_ORIGIN})
    check(json.loads(decoded(headers, body)) == [{'phase': 'run', 'plays': []}],
          'job-output.json reads back as JSON')
    # Zuul web asks for job-output.json.gz first and falls back on any answer: a plain 404.
    status, _, _ = http('GET', log_url + 'job-output.json.gz', {'Origin': ZUUL_ORIGIN})
    check(status == 404, f'job-output.json.gz is absent (Zuul web then reads job-output.json): {status}')
    for node, node_tree in node_files.items():
        for name, data in node_tree.items():
            status, headers, body = http(
                'GET', log_url + urllib.parse.quote(f'logs/{node}/{name}'))
            expected = data if isinstance(data, bytes) else data.encode()
            check(status == 200 and decoded(headers, body) == expected,
                  f'logs/{node}/{name} reads back as written')

    # The manifest: both nodes and the executor, Zuul's meanings, folders first.
    status, headers, body = http('GET', manifest_url)
    manifest = json.loads(decoded(headers, body))
    entries = {}
    misordered = []

    def walk(nodes, path):
        seen_file = False
        for n in nodes:
            is_dir = n['mimetype'] == 'application/directory'
            if is_dir and seen_file:
                misordered.append(path + n['name'])
            seen_file |= not is_dir
            if is_dir:
                walk(n['children'], path + n['name'] + '/')
            else:
                entries[path + n['name']] = n
    walk(manifest['tree'], '')
    check(not misordered, 'each folder lists its folders first: ' + ', '.join(misordered))
    check(manifest.get('index_links') is True,
          'index_links: true (Zuul web links folders to index.html; a folder URL is a 404)')
    check(set(entries) == files, 'the manifest lists every file of both nodes and the executor: '
          + ', '.join(sorted(set(entries) ^ files)))
    if homes:
        gz = entries.get('logs/node-a/screen-n-api.txt.gz', {})
        check(gz.get('mimetype') == 'text/plain' and gz.get('encoding') == 'gzip',
              'x.txt.gz is text/plain + gzip (its own encoding)')
        check(entries.get('logs/node-b/notes.unknownext', {}).get('mimetype') == 'text/plain',
              'unknown extensions are text/plain')
    if large:
        check(entries.get('logs/node-a/big.bin', {}).get('segments') == 2
              and entries['logs/node-a/big.bin'].get('size') == 1536 * 1024,
              'the large file is listed once, with its size and its 2 segments')
    txt = entries.get('job-output.txt', {})
    check(txt.get('mimetype') == 'text/plain' and txt.get('encoding') is None
          and txt.get('size') == len('2026-12-06 22:00:00.000 | TASK [run]\n') * 50,
          'job-output.txt: text/plain, no encoding, its own size')

    # node-a's token cannot write under node-b's sub-prefix; it can under its own.
    if homes:
        own = payload['prefix']
        other = prefix + 'logs/node-b/'
        query = urllib.parse.urlencode({'temp_url_sig': put_sig, 'temp_url_expires': payload['expires']})
        for claimed in (own, other):
            url = (f'{storage_url}/{build_container}/{urllib.parse.quote(other)}evil.txt?{query}&'
                   + urllib.parse.urlencode({'temp_url_prefix': claimed}))
            status, _, _ = http('PUT', url, {'Content-Type': 'text/plain'}, b'evil')
            check(status == 401, f'node-a\'s token under node-b (prefix claimed {claimed[len(prefix):]}): {status}')
        status, _, _ = http('GET', f'{storage_url}/{build_container}/{urllib.parse.quote(other)}evil.txt')
        check(status == 404, 'nothing was written under node-b')
        url = (f'{storage_url}/{build_container}/{urllib.parse.quote(own)}control.txt?{query}&'
               + urllib.parse.urlencode({'temp_url_prefix': own}))
        status, _, _ = http('PUT', url, {'Content-Type': 'text/plain'}, b'ok')
        check(status == 201, f'node-a\'s token works under its own sub-prefix: {status}')

    print(f'{len(failures)} failed; files kept in {work}' if failures else 'all passed')
    if not failures:
        shutil.rmtree(work)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
