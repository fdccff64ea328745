// Phones: no page scrolls sideways at 320 px wide (WCAG 1.4.10 Reflow).
// Crawls the public site from /?lang=<code> (with a few answers only a GET
// form reaches) and, signed in as an admin, the staff desk, in en, zh, ru
// and be, at a 320 × 640 viewport, as axe.test.mjs does (e2e/lib/crawl.mjs,
// a few pages of each shape), and fails on any page wider than the screen,
// naming the element that sticks out furthest. The main navigation must be
// folded into its "Menu" there. Screenshots of key pages at 320 px are kept
// in e2e/artifacts/ (not committed).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGUAGES, e2eDir, launchBrowser, signIn, startServer } from '../lib/server.mjs';
import { EVENT_ID, openRegistration } from '../lib/events.mjs';
import { STAFF_SEEDS, crawl, isStaffPath } from '../lib/crawl.mjs';
import { measure } from '../lib/page.mjs';

const WIDTH = 320;
const MAX_PAGES = 80; // crawled pages per language and crawl (signed out, signed in)
const PER_SHAPE = 2; // crawled pages of one shape: the template, not the data, decides the width
const ARTIFACTS = path.join(e2eDir, 'artifacts');

// Public pages no link leads to: answers of GET forms, and the event page
// (registration is opened for it before the crawl).
const EXPLICIT = [
  ['/jurisdiction?place=%E6%88%90%E9%83%BD', 200],
  ['/jurisdiction?place=Atlantis', 404],
  ['/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20&days_used_this_year=0', 200],
  ['/entry-check?destination=BY&nationality=DE&passport=service&purpose=tourism&stay_days=120&days_used_this_year=0&entries=multiple&urgent=yes&on=2026-12-01', 200],
  ['/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=abc', 400],
  ['/relations/search?q=%E9%87%8D%E5%BA%86', 200],
  ['/relations/search?q=food', 200],
  ['/relations/sectors', 200],
  ['/missions/by-cg-chongqing/book/cq-visa', 200],
  ['/missions/by-cg-chongqing/book/cq-visa/details', 400],
  [`/events/${EVENT_ID}`, 200],
  ['/missions/by-cg-chongqing/apply', 200],
  ['/missions/by-cg-chongqing/apply/visa', 200],
  ['/applications/find', 200],
  ['/verify', 200],
  ['/verify/NOTACODE', 422],
  ['/no-such-page', 404],
];

// Key pages kept as screenshots at 320 px, by name.
const SCREENSHOTS = {
  home: '/',
  mission: '/missions/by-cg-chongqing',
  'booking-start': '/book',
  event: `/events/${EVENT_ID}`,
  sectors: '/relations/sectors',
};

// Two languages side by side: each browser context keeps a CPU busy.
const PARALLEL = Math.max(1, Math.min(2, Math.floor((os.availableParallelism?.() ?? os.cpus().length) / 2)));

let server;
let browser;
const results = new Map(); // language code -> { pages, notes, nav, shots } or { error }

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, server.url, server.users.admin);
    await openRegistration(page, server.url);
  } finally {
    await context.close();
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const todo = [...LANGUAGES];
  const worker = async () => {
    for (let language = todo.shift(); language; language = todo.shift()) {
      try {
        results.set(language.code, await checkLanguage(language));
      } catch (err) {
        results.set(language.code, { error: err });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
});

after(async () => {
  for (const { code } of LANGUAGES) {
    const r = results.get(code);
    if (r && !r.error) {
      for (const n of r.notes) console.log(`${code}: ${n}`);
      console.log(`${code}: ${r.pages.length} pages checked at ${WIDTH} px (${r.pages.filter((p) => p.signedIn).length} signed in as admin)`);
    }
  }
  await browser?.close();
  await server?.stop();
});

async function checkLanguage({ code }) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 640 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const pages = [];
    const visitAs = (signedIn) => async (p, expected) => {
      const response = await page.goto(new URL(p, server.url).href, { waitUntil: 'load' });
      const m = await page.evaluate(measure);
      pages.push({ path: p, signedIn, status: response?.status() ?? 0, expected, ...m, links: undefined });
      return m.links;
    };
    // /?lang=<code> sets the language cookie for every later page.
    const notes = await crawl(server.url, [`/?lang=${code}`], { explicit: EXPLICIT, perShape: PER_SHAPE, maxPages: MAX_PAGES, visit: visitAs(false) });
    await page.goto(new URL('/', server.url).href);
    const nav = await page.evaluate(() => {
      const menu = document.querySelector('.main-nav details.menu');
      const visible = (el) => !!el && el.checkVisibility({ visibilityProperty: true });
      return {
        menu: visible(menu?.querySelector('summary')),
        open: !!menu?.open,
        links: [...document.querySelectorAll('.main-nav a')].filter(visible).length,
      };
    });
    const shots = [];
    for (const [name, p] of Object.entries(SCREENSHOTS)) {
      await page.goto(new URL(p, server.url).href, { waitUntil: 'load' });
      const file = path.join(ARTIFACTS, `narrow-${WIDTH}-${code}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    }
    const signInResponse = await signIn(page, server.url, server.users.admin);
    if (new URL(page.url()).pathname !== '/staff') {
      throw new Error(`signing in as ${server.users.admin.username} (${code}) ended on ${page.url()} (POST status ${signInResponse.status()}), not /staff`);
    }
    notes.push(...(await crawl(server.url, STAFF_SEEDS, { within: isStaffPath, perShape: PER_SHAPE, maxPages: MAX_PAGES, visit: visitAs(true) })));
    return { pages, notes, nav, shots };
  } finally {
    await context.close();
  }
}

for (const language of LANGUAGES) {
  describe(`pages in ${language.code} at ${WIDTH} px`, () => {
    let run;
    before(() => {
      run = results.get(language.code);
      if (!run) throw new Error(`${language.code} was not checked`);
      if (run.error) throw run.error;
    });

    test('no page scrolls sideways', () => {
      const wide = run.pages
        .filter((p) => p.scrollWidth > p.clientWidth)
        .map((p) => `- ${p.path}${p.signedIn ? ' (signed in)' : ''}: ${p.scrollWidth} px wide in ${p.clientWidth} px` +
          (p.widest ? `; widest: <${p.widest.name}> to ${p.widest.right} px ("${p.widest.text}")` : ''));
      assert.equal(wide.length, 0, `${wide.length} of ${run.pages.length} pages in ${language.code} scroll sideways at ${WIDTH} px:\n${wide.join('\n')}`);
    });

    test('every page answers the status it should', () => {
      const bad = run.pages.filter((p) => p.status !== p.expected).map((p) => `${p.path}${p.signedIn ? ' (signed in)' : ''}: ${p.status}, expected ${p.expected}`);
      assert.equal(bad.length, 0, bad.join('\n'));
    });

    test('the crawl reached the public pages and the staff desk', () => {
      const seen = new Set(run.pages.map((p) => `${p.signedIn ? 'staff ' : ''}${p.path}`));
      for (const p of ['/missions', '/districts', '/jurisdiction', '/entry-check', '/book', '/relations', '/sources']) assert.ok(seen.has(p), `${p} was not checked`);
      for (const p of STAFF_SEEDS) assert.ok(seen.has(`staff ${p}`), `${p} was not checked signed in`);
    });

    test('the main navigation is folded into a menu', () => {
      assert.ok(run.nav.menu, 'the "Menu" of the main navigation is not shown');
      assert.equal(run.nav.open, false, 'the menu is open before anyone opens it');
      assert.equal(run.nav.links, 0, `${run.nav.links} links of the main navigation are shown beside the closed menu`);
    });

    test('screenshots of the key pages are kept', () => {
      for (const f of run.shots) assert.ok(fs.statSync(f).size > 0, `${f} is empty`);
    });
  });
}
