'use strict';
/*
 * Preloaded with `node --require` (worker threads inherit it): every way a Node program reaches
 * the network throws, and each attempt is appended to $NO_NETWORK_LOG as one JSON line. Stdio is
 * untouched: process.stdin/stdout are sockets or pipes over file descriptors the parent opened,
 * never connected by the program, so only connect/listen calls are intercepted.
 *
 * Child processes are recorded but allowed. With $NO_NETWORK_FS_WATCH set, every file open or read whose path contains that text is logged
 * too ("fs.open" lines), so a test can show a file outside the workspace was never read.
 */
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const LOG = process.env.NO_NETWORK_LOG;
const WATCH = process.env.NO_NETWORK_FS_WATCH;
const appendFileSync = fs.appendFileSync;

function describe(args) {
  try {
    return args.map((a) => (typeof a === 'function' ? 'fn' : typeof a === 'object' && a !== null ? JSON.stringify(a, (k, v) => (typeof v === 'object' && v !== null && k ? '[obj]' : v)) : String(a))).join(', ').slice(0, 300);
  } catch {
    return '?';
  }
}

function record(api, args) {
  if (!LOG) return;
  try { appendFileSync(LOG, JSON.stringify({ api, args: describe(args), pid: process.pid, thread: threadId }) + '\n'); } catch { /* nowhere to say it */ }
}

function blocked(api) {
  return function networkBlocked(...args) {
    record(api, args);
    throw new Error(`network access blocked by test: ${api}`);
  };
}

function replace(obj, name, api) {
  if (obj && typeof obj[name] === 'function') {
    try { Object.defineProperty(obj, name, { value: blocked(api), writable: true, configurable: true }); } catch { obj[name] = blocked(api); }
  }
}

const net = require('node:net');
replace(net, 'connect', 'net.connect');
replace(net, 'createConnection', 'net.createConnection');
replace(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
replace(net.Server.prototype, 'listen', 'net.Server.prototype.listen');

const dns = require('node:dns');
for (const name of Object.keys(dns)) if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) replace(dns, name, `dns.${name}`);
for (const name of Object.keys(dns.promises)) if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) replace(dns.promises, name, `dns.promises.${name}`);
for (const R of [dns.Resolver, dns.promises.Resolver]) for (const name of Object.getOwnPropertyNames(R.prototype)) if (/^(resolve\w*|reverse)$/.test(name)) replace(R.prototype, name, `dns.Resolver.${name}`);

for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  replace(m, 'request', `${mod.slice(5)}.request`);
  replace(m, 'get', `${mod.slice(5)}.get`);
}
replace(require('node:http2'), 'connect', 'http2.connect');
replace(require('node:tls'), 'connect', 'tls.connect');
replace(require('node:dgram'), 'createSocket', 'dgram.createSocket');

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (name in globalThis) replace(globalThis, name, `globalThis.${name}`);
}

// Programs the product starts are recorded, not blocked ("child_process" lines): a test decides
// which are expected (git, for the approved version of a record) and how they were called.
const cp = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = cp[name];
  cp[name] = function recorded(...args) {
    if (LOG) try { appendFileSync(LOG, JSON.stringify({ api: 'child_process', via: name, args: describe(args.filter((a) => typeof a !== 'object' || Array.isArray(a))), thread: threadId }) + '\n'); } catch { /* ignore */ }
    return original.apply(this, args);
  };
}

if (WATCH) {
  const watch = (api, original) => function watched(p, ...rest) {
    try { if (String(p && p.href ? p.pathname : p).includes(WATCH)) appendFileSync(LOG, JSON.stringify({ api: 'fs.open', via: api, path: String(p), thread: threadId }) + '\n'); } catch { /* ignore */ }
    return original.call(this, p, ...rest);
  };
  for (const name of ['openSync', 'readFileSync', 'open', 'readFile', 'createReadStream']) fs[name] = watch(`fs.${name}`, fs[name]);
  for (const name of ['open', 'readFile']) fs.promises[name] = watch(`fs.promises.${name}`, fs.promises[name]);
}
