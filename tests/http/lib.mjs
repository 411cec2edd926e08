// Helpers for the HTTP integration tests: a throw-away database made with the
// real `sawat` binary, a real server on a free loopback port, and a small
// HTTP client that keeps cookies.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SAWAT = process.env.SAWAT_BIN || 'build/sawat';

// Runs a sawat command; throws with its stderr when it fails.
export function sawat(db, args, input) {
  const r = spawnSync(SAWAT, ['--db', db, ...args], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sawat ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// A database for one test file: SQLite in a temp dir, or the PostgreSQL URL
// in SAWAT_TEST_PG (each file gets its own schema-free database reset).
export function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'sawat-http-'));
  let db = join(dir, 'test.db');
  if (process.env.SAWAT_TEST_PG) {
    db = process.env.SAWAT_TEST_PG;
    const r = spawnSync('psql', [db, '-q', '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('cannot reset PostgreSQL: ' + r.stderr);
  }
  return { db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts `sawat serve` on a free port; resolves to { url, stop, logs }.
export function startServer(db, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(SAWAT, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], {
      env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '', logs = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + logs)), 15000);
    p.stderr.on('data', (d) => { logs += d; });
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1], proc: p, logs: () => logs,
          stop: () => new Promise((res) => { p.on('exit', (code, sig) => res({ code, sig })); p.kill('SIGTERM'); }),
        });
      }
    });
    p.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${logs}`)); });
  });
}

// A client that keeps cookies like a browser (no redirects followed).
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async req(method, path, { json, form, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    let body;
    if (json !== undefined) { body = JSON.stringify(json); h['Content-Type'] = 'application/json'; }
    if (form !== undefined) { body = new URLSearchParams(form).toString(); h['Content-Type'] = 'application/x-www-form-urlencoded'; }
    if (raw !== undefined) body = raw;
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (/Max-Age=0/.test(c) || v === '') this.cookies.delete(k); else this.cookies.set(k, v);
    }
    const text = await res.text();
    let data = null;
    try { data = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json: data };
  }
  get(p, o) { return this.req('GET', p, o); }
  post(p, o) { return this.req('POST', p, o); }
}
