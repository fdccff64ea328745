// Lighthouse audits of chancery's key pages (issue 13): Lighthouse's
// default configuration, which is the mobile preset (a phone's screen and
// simulated slow 4G and CPU throttling), run in one headless Chromium from
// Debian's package, one page after the other. Used by
// tests/lighthouse.test.mjs and by bench/lighthouse.mjs (make bench).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, e2eDir, signIn, startProcess } from './server.mjs';
import { EVENT_ID, openRegistration } from './events.mjs';

/** The pages issue 13 names, by the name their reports are kept under. */
export const LIGHTHOUSE_PAGES = {
  home: '/',
  relationship: '/relations',
  'booking-start': '/missions/by-cg-chongqing/services/cq-visa',
  'booking-services': '/missions/by-cg-chongqing/book',
  event: `/events/${EVENT_ID}`,
  sectors: '/relations/sectors',
};

/** Lighthouse's categories, by the id its report gives them. */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Where the reports are kept (gitignored with the rest of e2e/artifacts). */
export const REPORT_DIR = path.join(e2eDir, 'artifacts', 'lighthouse');

const DEVTOOLS = /^DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//;

/**
 * startChromium launches headless Chromium with a remote debugging port, for
 * Lighthouse (which attaches by port) and playwright (connectOverCDP) alike.
 * It returns { port, stop() }.
 */
export async function startChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-browser.sh first`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-lighthouse-profile-'));
  const proc = await startProcess({
    what: 'Chromium',
    cmd: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    folder: profile,
    stream: 'stderr',
    ready: DEVTOOLS,
    ms: 30_000,
  });
  return { port: Number(proc.match[1]), stop: proc.stop };
}

/**
 * openEventRegistration opens registration of EVENT_ID through the staff
 * form, as an admin in a browser context of its own (its session cookie
 * never reaches the audited pages), so the event page is audited with its
 * registration form.
 */
export async function openEventRegistration(port, server) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, server.users.admin);
    await openRegistration(page, server.url);
    await context.close();
  } finally {
    await browser.close(); // disconnects; Chromium goes on
  }
}

/**
 * audit runs Lighthouse with its default (mobile) configuration on url in
 * the Chromium listening on port, keeps the HTML and JSON reports as
 * REPORT_DIR/NAME.report.{html,json}, and returns the scores (0 to 100,
 * rounded as Lighthouse's report shows them) by category, the audits that
 * lost points in each, the main metrics and Lighthouse's warnings, as
 * { scores: {performance, …}, failing: {seo: ['id (score): title — value', …], …},
 *   metrics: {'total-blocking-time': ms, …}, warnings: […] }.
 */
export async function audit(port, name, url) {
  const result = await lighthouse(url, { port, output: ['html', 'json'], logLevel: 'error' });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr, report } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  fs.writeFileSync(path.join(REPORT_DIR, `${name}.report.html`), report[0]);
  fs.writeFileSync(path.join(REPORT_DIR, `${name}.report.json`), report[1]);
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = Math.round(category.score * 100);
    failing[id] = category.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => `${ref.id} (${lhr.audits[ref.id].score}): ${lhr.audits[ref.id].title}${lhr.audits[ref.id].displayValue ? ` — ${lhr.audits[ref.id].displayValue}` : ''}`);
  }
  const metrics = {};
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    metrics[id] = lhr.audits[id]?.numericValue;
  }
  const warnings = lhr.runWarnings ?? [];
  return { scores, failing, metrics, warnings };
}
