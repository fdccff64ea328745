// Lighthouse on the key pages (issue 13): with Lighthouse's default
// configuration, the mobile preset with simulated throttling, the home,
// relationship, booking-start (the service's "Before you start" page and
// the list of services to book), event and sectors pages score 100 for
// accessibility, best practices and SEO. The reports are kept under
// artifacts/lighthouse/ (not committed).
//
// Performance is printed here but judged by `make bench`
// (e2e/bench/lighthouse.mjs): its Total Blocking Time is the main thread's
// time measured in this run, multiplied by four, so it follows how busy the
// machine is, not only what the page asks for (docs/performance.md,
// "Lighthouse").

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../lib/server.mjs';
import { LIGHTHOUSE_PAGES, audit, openEventRegistration, startChromium } from '../lib/lighthouse.mjs';

/** The categories that must score 100 on every page, whatever the machine's load. */
const FULL_MARKS = ['accessibility', 'best-practices', 'seo'];

let server;
let chrome;

before(async () => {
  server = await startServer();
  chrome = await startChromium();
  await openEventRegistration(chrome.port, server);
});

after(async () => {
  await chrome?.stop();
  await server?.stop();
});

// One page after the other in one Chromium: Lighthouse's audits must not
// share the processor with each other.
for (const [name, path] of Object.entries(LIGHTHOUSE_PAGES)) {
  test(`${name} (${path}) scores 100 for ${FULL_MARKS.join(', ')}`, async () => {
    const { scores, failing, metrics } = await audit(chrome.port, name, new URL(path, server.url).href);
    const ms = (id) => `${Math.round(metrics[id])} ms`;
    console.log(
      `lighthouse ${name} ${path}: ${Object.entries(scores).map(([c, s]) => `${c} ${s}`).join(', ')}` +
        ` (FCP ${ms('first-contentful-paint')}, LCP ${ms('largest-contentful-paint')}, TBT ${ms('total-blocking-time')}, CLS ${metrics['cumulative-layout-shift']})`,
    );
    for (const category of FULL_MARKS) {
      assert.equal(scores[category], 100, `${category} of ${path} is ${scores[category]}; the audits that lost points:\n  ${failing[category].join('\n  ')}`);
    }
  });
}
