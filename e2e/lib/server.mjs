// Helpers for chancery's browser tests: build the Go binary, start a server
// on a fresh database with two staff accounts, launch Debian's Chromium and
// sign in through the login form.
//
// The binary is built once per `node --test` run: every test file runs in a
// child process of the runner, so the build is cached in a folder named after
// the runner's process (its pid and start time) and reused by the next files.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** The e2e folder, and the repository root above it (where go.mod is). */
export const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(e2eDir, '..');

/** The languages the product speaks: ?lang= code and the <html lang> tag. */
export const LANGUAGES = [
  { code: 'en', tag: 'en' },
  { code: 'zh', tag: 'zh-Hans' },
  { code: 'ru', tag: 'ru' },
  { code: 'be', tag: 'be' },
];

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const READY = /^chancery is ready at (http:\/\/127\.0\.0\.1:\d+) \(database: (\w+)\)\s*$/;
const START_TIMEOUT_MS = 60_000;

/** The source of axe-core, to inject into pages with page.addScriptTag. */
export function axeSource() {
  const require = createRequire(import.meta.url);
  return fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/** A random password of exactly 20 characters (base64url of 15 bytes). */
export function newPassword() {
  return randomBytes(15).toString('base64url');
}

// processStart returns a process's start time (in clock ticks since boot,
// /proc/PID/stat field 22) so that a reused pid is not mistaken for ours;
// "" where /proc is not available.
function processStart(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function goBuild(out) {
  const res = spawnSync('go', ['build', '-o', out, './cmd/chancery'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.error) throw new Error(`go build could not start: ${res.error.message}`);
  if (res.status !== 0) {
    throw new Error(`go build -o ${out} ./cmd/chancery failed in ${repoRoot}:\n${res.stdout}${res.stderr}`);
  }
}

const CACHE_PREFIX = 'chancery-e2e-bin-';

// removeStaleBuilds deletes the build folders of test runs that have ended.
function removeStaleBuilds() {
  let names = [];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.match(/^chancery-e2e-bin-(\d+)-(\d*)$/);
    if (!m) continue;
    const [, pid, start] = m;
    if (start !== '' && processStart(pid) === start) continue; // that run is still going
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

let built;

/**
 * buildBinary builds ./cmd/chancery (from the repository root) and returns
 * the binary's path. Under `node --test` the binary is shared by all the
 * test files of one run; a file run on its own builds its own.
 */
export function buildBinary() {
  if (built) return built;
  const underRunner = Boolean(process.env.NODE_TEST_CONTEXT);
  const ppid = process.ppid;
  const start = processStart(ppid);
  if (underRunner && start !== '') {
    removeStaleBuilds();
    const dir = path.join(os.tmpdir(), `${CACHE_PREFIX}${ppid}-${start}`);
    const bin = path.join(dir, 'chancery');
    if (!fs.existsSync(bin)) {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${bin}.${process.pid}.tmp`;
      goBuild(tmp);
      fs.renameSync(tmp, bin); // atomic: another file never sees half a binary
    }
    built = bin;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-e2e-build-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    built = path.join(dir, 'chancery');
    goBuild(built);
  }
  return built;
}

/** The -db flag for CHANCERY_E2E_DB (a postgres:// URL), or nothing for SQLite. */
function dbArgs() {
  const url = process.env.CHANCERY_E2E_DB;
  if (!url) return [];
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`CHANCERY_E2E_DB must be a postgres:// URL, not ${JSON.stringify(url)}`);
  }
  // PostgreSQL, shared by instances, starts only with the key that
  // encrypts uploaded files; the test runs' key is throwaway.
  return ['-db', url, '-data-key', Buffer.alloc(32, 7).toString('base64')];
}

function createUser(bin, dataDir, username, role, password) {
  const args = ['admin', 'create-user', '-data', dataDir, ...dbArgs(), '-username', username, '-role', role, '-password-stdin'];
  const res = spawnSync(bin, args, { input: `${password}\n`, encoding: 'utf8', timeout: 60_000 });
  if (res.error) throw new Error(`chancery admin create-user could not run: ${res.error.message}`);
  if (res.status !== 0) {
    throw new Error(`chancery admin create-user -username ${username} -role ${role} failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  }
  if (!res.stdout.includes(`created ${username} (${role})`)) {
    throw new Error(`chancery admin create-user said something unexpected:\n${res.stdout}${res.stderr}`);
  }
}

// waitForLine resolves with the match of the first line of stream (an
// output of child) that matches pattern; it rejects when child cannot
// start, exits first (exited resolves to its { code, signal }) or ms pass.
// Every line also goes to keep; output() is what the process said.
function waitForLine({ what, child, exited, stream, pattern, ms, keep, output }) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not say it was ready within ${ms / 1000}s:\n${output()}`)), ms);
    let found = false;
    readline.createInterface({ input: stream }).on('line', (line) => {
      keep(line + '\n');
      const m = line.match(pattern);
      if (m && !found) {
        found = true;
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not start: ${err.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${what} exited (code ${code}, signal ${signal}) before it was ready:\n${output()}`));
    });
  });
}

/**
 * startProcess starts cmd with args and waits until a line it writes to
 * stream ('stdout' or 'stderr') matches ready, within ms. What it writes
 * to both is kept (the last 100,000 characters at least). The process is
 * killed and folder (its temporary files) removed when it fails to start,
 * when stop() is called (SIGTERM, then SIGKILL after 10 s) or when this
 * process exits, even when a test file dies. It returns
 * { match, log(), stop() }, match being ready's match.
 */
export async function startProcess({ what, cmd, args, folder, stream, ready, ms }) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => {
    try {
      child.kill('SIGKILL');
    } catch {}
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  process.on('exit', killOnExit);

  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  (stream === 'stdout' ? child.stderr : child.stdout).setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const match = await waitForLine({ what, child, exited, stream: child[stream], pattern: ready, ms, keep, output: () => output }).catch((err) => {
    killOnExit();
    process.off('exit', killOnExit);
    throw err;
  });

  let stopped;
  return {
    match,
    log: () => output,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        process.off('exit', killOnExit);
        fs.rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); // a browser's helpers may still be writing its profile
      })();
      return stopped;
    },
  };
}

/**
 * startServer builds chancery if needed, creates the staff accounts e2e-admin
 * (admin) and e2e-officer (officer) in a fresh data folder (or, when
 * CHANCERY_E2E_DB is set, in that PostgreSQL database: see users), starts
 * `chancery serve` on a free port and waits until it says it is ready.
 * Options: more accounts to create (roles, by the name a test calls them:
 * { consul: 'consul' } adds users.consul, e2e-consul) and more flags for
 * `chancery serve` (args, such as -smtp).
 * It returns { url, dialect, users, stop(), log() }.
 */
export async function startServer({ roles = {}, args: more = [] } = {}) {
  const bin = buildBinary();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-e2e-data-'));
  // On SQLite every server has a database of its own. A PostgreSQL database
  // (CHANCERY_E2E_DB) is shared by the test files and by later runs, so there
  // the accounts get a random suffix to stay unique.
  const suffix = process.env.CHANCERY_E2E_DB ? `-${randomBytes(4).toString('hex')}` : '';
  const users = {
    admin: { username: `e2e-admin${suffix}`, role: 'admin', password: newPassword() },
    officer: { username: `e2e-officer${suffix}`, role: 'officer', password: newPassword() },
  };
  for (const [name, role] of Object.entries(roles)) users[name] = { username: `e2e-${name}${suffix}`, role, password: newPassword() };
  try {
    for (const u of Object.values(users)) createUser(bin, dataDir, u.username, u.role, u.password);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const proc = await startProcess({
    what: 'chancery serve',
    cmd: bin,
    args: ['serve', '-data', dataDir, ...dbArgs(), '-addr', '127.0.0.1:0', ...more],
    folder: dataDir,
    stream: 'stdout',
    ready: READY,
    ms: START_TIMEOUT_MS,
  });
  const [, url, dialect] = proc.match;
  const expected = process.env.CHANCERY_E2E_DB ? 'postgres' : 'sqlite';
  if (!dialect.startsWith(expected)) {
    await proc.stop();
    throw new Error(`chancery serve runs on ${dialect}, expected ${expected}`);
  }
  return { url, dialect, users, log: proc.log, stop: proc.stop };
}

/** launchBrowser starts headless Chromium from Debian's package, never a downloaded one. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/install-browser.sh first`);
  }
  // playwright-core gives every launch a fresh temporary user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * signIn signs in through the staff login form (works with JavaScript on or
 * off) and returns the response to the form's POST. The session is a cookie
 * of page's browser context.
 */
export async function signIn(page, baseURL, user, password = user.password) {
  await page.goto(new URL('/staff/login', baseURL).href);
  await page.fill('#username', user.username);
  await page.fill('#password', password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/login'),
    page.click('form[action="/staff/login"] button[type="submit"]'),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * Starts a server and a browser before a test file's tests and stops both
 * after them; options are startServer's (or a function giving them, run
 * in the before hook). The returned object's `server` and `browser` are set once the
 * `before` hook has run.
 */
export function serverAndBrowser(options) {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer(typeof options === 'function' ? await options() : options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
