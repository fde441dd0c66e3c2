// The browser tests' side of the real local Swift (the ctest fixture "swift", scripts/swift-dev):
// read $LOGSTOW_SWIFT_DIR/env, log in as the admin (test:tester, .admin), make containers with
// the headers an operator sets for the viewer (public read + listings, CORS for the page's
// origin, a Temp-URL key), put objects, create thousands at once with the bulk middleware
// (?extract-archive=tar), upload folders with the real `logstow upload`, and clean up.
// Requests go through node:http so object paths are sent exactly as given (no dot-segment
// normalisation: a test may store an object literally named "a/../b").
'use strict';

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { promisify } = require('node:util');

const execFileAsync = promisify(execFile);

function readEnv(dir = process.env.LOGSTOW_SWIFT_DIR) {
  if (!dir) throw new Error('LOGSTOW_SWIFT_DIR is not set: run this test through ctest (fixture swift)');
  const file = path.join(dir, 'env');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: scripts/swift-dev start has not run`);
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^(?:export )?([A-Z_]+)=['"]?(.*?)['"]?$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return {
    storageUrl: env.LOGSTOW_SWIFT_STORAGE_URL,
    authUrl: env.LOGSTOW_SWIFT_AUTH_URL,
    user: env.LOGSTOW_SWIFT_USER,
    key: env.LOGSTOW_SWIFT_KEY,
  };
}

// The logstow binary: ctest passes LOGSTOW_CLI; else next to the built site.
function cliPath() {
  if (process.env.LOGSTOW_CLI) return process.env.LOGSTOW_CLI;
  return path.resolve(process.env.LOGSTOW_WEB_DIR || '.', '..', '..', 'cli', 'logstow');
}

// One HTTP request; resolves to {status, headers, body: Buffer}. `target` is an absolute URL
// whose path is sent as written.
function request(method, target, { headers = {}, body = null } = {}) {
  const url = new URL(target);
  const rawPath = target.slice(url.origin.length) || '/';
  return new Promise((resolve, reject) => {
    const req = http.request({ method, host: url.hostname, port: url.port, path: rawPath,
      headers: { ...headers, ...(body !== null ? { 'Content-Length': Buffer.byteLength(body) } : {}) } },
    (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== null) req.write(body);
    req.end();
  });
}

// A minimal ustar archive of [{name, body}] (names up to 100 bytes).
function tarArchive(files) {
  const blocks = [];
  const octal = (n, width) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  for (const file of files) {
    const body = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body);
    const header = Buffer.alloc(512);
    const name = Buffer.from(file.name);
    assert.ok(name.length <= 100, `tar name too long: ${file.name}`);
    name.copy(header, 0);
    header.write(octal(0o644, 8), 100);
    header.write(octal(0, 8), 108);
    header.write(octal(0, 8), 116);
    header.write(octal(body.length, 12), 124);
    header.write(octal(Math.floor(Date.now() / 1000), 12), 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

class Swift {
  constructor(env, token) {
    this.env = env;
    this.token = token;
    this.storageUrl = env.storageUrl;
    this.origin = new URL(env.storageUrl).origin;
  }

  // `dir`: a swift-dev state dir (default $LOGSTOW_SWIFT_DIR; the small Swift's is
  // $LOGSTOW_SWIFT_SMALL_DIR).
  static async connect(dir = undefined) {
    const env = readEnv(dir);
    const r = await request('GET', env.authUrl, { headers: { 'X-Auth-User': env.user, 'X-Auth-Key': env.key } });
    assert.equal(r.status, 200, `tempauth login at ${env.authUrl} failed with ${r.status}`);
    return new Swift(env, r.headers['x-auth-token']);
  }

  admin(method, target, headers = {}, body = null) {
    return request(method, target, { headers: { 'X-Auth-Token': this.token, ...headers }, body });
  }

  containerUrl(name) {
    return `${this.storageUrl}/${encodeURIComponent(name)}`;
  }

  // URL of an object, each path segment percent-encoded.
  objectUrl(container, name) {
    return `${this.containerUrl(container)}/${name.split('/').map(encodeURIComponent).join('/')}`;
  }

  /**
   * Creates (or updates) a container the way an operator sets one up for the viewer.
   * options: read (X-Container-Read; null for private), origins (CORS allow-list; [] for none),
   * expose (Access-Control-Expose-Headers), key (Temp-URL key; generated), unique (append a
   * random suffix to the name; default true).
   */
  async createContainer(stem, { read = '.r:*,.rlistings', origins = [], expose = 'Content-Length Content-Encoding Etag',
    key = crypto.randomBytes(12).toString('hex'), unique = true } = {}) {
    const name = unique ? `${stem}-${process.pid}-${crypto.randomBytes(3).toString('hex')}` : stem;
    const headers = { 'X-Container-Meta-Temp-URL-Key': key };
    if (read) headers['X-Container-Read'] = read;
    if (origins.length) {
      headers['X-Container-Meta-Access-Control-Allow-Origin'] = origins.join(' ');
      headers['X-Container-Meta-Access-Control-Expose-Headers'] = expose;
    }
    const r = await this.admin('PUT', this.containerUrl(name), headers);
    assert.ok(r.status === 201 || r.status === 202, `PUT container ${name}: ${r.status}`);
    return { name, key, url: this.containerUrl(name) };
  }

  async put(container, name, body, headers = {}) {
    const r = await this.admin('PUT', `${this.containerUrl(container)}/${name}`, headers, body);
    assert.equal(r.status, 201, `PUT ${container}/${name}: ${r.status} ${r.body}`);
  }

  // Objects [{name, body}] under `prefix` in one request per 2,500 (bulk middleware), two at a
  // time.
  async bulkCreate(container, prefix, files) {
    const batches = [];
    for (let i = 0; i < files.length; i += 2500) batches.push(files.slice(i, i + 2500));
    const run = async (batch) => {
      const r = await this.admin('PUT', `${this.containerUrl(container)}/${prefix}?extract-archive=tar`,
        { Accept: 'application/json', 'Content-Type': 'application/x-tar' }, tarArchive(batch));
      const result = JSON.parse(r.body.toString());
      assert.equal(result['Number Files Created'], batch.length, `extract-archive: ${r.body}`);
    };
    for (let i = 0; i < batches.length; i += 2) await Promise.all(batches.slice(i, i + 2).map(run));
    await this.waitListed(container, prefix, files.map((f) => `${prefix}/${f.name}`.replace(/\/\/+/g, '/')));
  }

  async objectCount(container) {
    const r = await this.admin('HEAD', this.containerUrl(container));
    return r.status === 204 || r.status === 200 ? Number(r.headers['x-container-object-count']) : -1;
  }

  // Every object name under `prefix` (admin listing, paged).
  async list(container, prefix = '', delimiter = '') {
    const names = [];
    let marker = '';
    for (;;) {
      const q = `?format=json&prefix=${encodeURIComponent(prefix)}${delimiter ? `&delimiter=${encodeURIComponent(delimiter)}` : ''}&marker=${encodeURIComponent(marker)}`;
      const r = await this.admin('GET', this.containerUrl(container) + q);
      assert.equal(r.status, 200, `listing ${container}: ${r.status}`);
      const page = JSON.parse(r.body.toString());
      if (page.length === 0) return names;
      for (const item of page) names.push(item.subdir || item.name);
      marker = names[names.length - 1];
    }
  }

  async deleteContainer(container) {
    for (;;) {
      const names = await this.list(container);
      if (names.length === 0) break;
      for (let i = 0; i < names.length; i += 10000) {
        const body = names.slice(i, i + 10000)
          .map((n) => `/${encodeURIComponent(container)}/${n.split('/').map(encodeURIComponent).join('/')}`).join('\n');
        await this.admin('POST', `${this.storageUrl}?bulk-delete`, { 'Content-Type': 'text/plain', Accept: 'application/json' }, body);
      }
    }
    await this.admin('DELETE', this.containerUrl(container));
  }

  /**
   * `logstow upload dir` into container/prefix with a token issued by `logstow token issue`
   * (`issueArgs` added to it, e.g. ['--viewer-url', url]). Resolves to the upload's JSON report.
   */
  async upload(container, key, prefix, dir, args = [], { issueArgs = [] } = {}) {
    const cli = cliPath();
    const issued = await execFileAsync(cli, ['token', 'issue', '--storage-url', this.storageUrl,
      '--container', container, '--prefix', prefix, '--ttl', '1h', ...issueArgs],
    { env: { ...process.env, LOGSTOW_TEMPURL_KEY: key } });
    const token = issued.stdout.trim();
    assert.match(token, /^lst1\./);
    const report = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lsv-report-')), 'report.json');
    await execFileAsync(cli, ['upload', dir, '--progress', 'none', '--json', report, ...args],
      { env: { ...process.env, LOGSTOW_TOKEN: token } });
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    await this.waitListed(container, prefix, result.objects.map((o) => o.object));
    return result;
  }

  // Waits until the container listing shows `names` (a busy object server may update the
  // container asynchronously, and the listing would lag behind the objects).
  async waitListed(container, prefix, names, timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const listed = new Set(await this.list(container, prefix));
      const missing = names.filter((n) => !listed.has(n));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`${container}: still unlisted after ${timeoutMs} ms: ${missing.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

module.exports = { Swift, request, tarArchive, readEnv };
