// Accessibility of every page, in every language: crawls the public site from
// /?lang=<code>, visits a list of explicit URLs (answers, errors, forms,
// and the booking pages that need a free time or a real booking, made
// through the JSON API at the start), then signs in as an admin and crawls
// the staff desk, running axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on
// each page. It also checks each
// page's <html lang>, that it has a single <h1> and a <main>, and that it
// answers the status it should.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { LANGUAGES, axeSource, launchBrowser, signIn, startServer } from '../lib/server.mjs';

const MAX_PAGES = 150; // crawled pages per language, for each of the two crawls (signed out, signed in)
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Explicit public URLs, with the status each must answer.
const EXPLICIT = [
  ['/jurisdiction?place=Wuhan', 200],
  ['/jurisdiction?place=%E6%88%90%E9%83%BD', 200],
  ['/jurisdiction?subdivision=CN-GD', 200],
  ['/jurisdiction?place=Atlantis', 404], // a place we cannot find: an error answer
  ['/entry-check', 200],
  ['/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20&days_used_this_year=0', 200],
  ['/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=work&stay_days=20&days_used_this_year=0', 200],
  ['/entry-check?destination=BY&nationality=DE&passport=service&purpose=tourism&stay_days=120&days_used_this_year=0&entries=multiple&urgent=yes&on=2026-12-01', 200],
  ['/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=abc', 400], // a field error
  ['/no-such-page', 404],
  ['/staff/login', 200],
  ['/book', 200],
  ['/missions/by-cg-chongqing/book', 200],
  ['/missions/by-embassy-beijing/book', 200], // a mission without services
  ['/missions/by-cg-chongqing/book/cq-visa', 200],
  ['/missions/by-cg-chongqing/book/cq-visa/details', 400], // no time chosen: the week with an error
  ['/missions/by-cg-chongqing/book/cq-visa/details?start=2000-01-03T09%3A00%3A00%2B08%3A00', 400], // a time passed: the next free times
  ['/bookings/0000-0000?token=wrong', 404],
];

const STAFF_SEEDS = ['/staff', '/staff/missions/by-cg-chongqing', '/staff/sources', '/staff/audit', '/staff/users',
  '/staff/missions/by-cg-chongqing/day', '/staff/services/cq-visa', '/staff/missions/by-cg-chongqing/closures', '/staff/outbox',
  '/staff/services/cq-visa/releases'];

let server;
let browser;
let axe;
let booked = []; // booking pages that need a free time or a real booking (see bookingPages)
let cancelBooked; // cancels that booking when the checks are done
const results = new Map(); // language code -> { pages: [...], crawlNotes: [...] }

// The languages are checked side by side, each in its own browser context
// (its own cookies): axe-core keeps a CPU busy, so one language per two CPUs.
const PARALLEL = Math.max(1, Math.min(LANGUAGES.length, Math.floor((os.availableParallelism?.() ?? os.cpus().length) / 2)));

before(async () => {
  axe = axeSource();
  server = await startServer();
  booked = await bookingPages(server.url);
  browser = await launchBrowser();
  const todo = [...LANGUAGES];
  const worker = async () => {
    for (let language = todo.shift(); language; language = todo.shift()) {
      try {
        const run = await checkLanguage(language);
        for (const n of run.notes) console.log(`${language.code}: ${n}`);
        results.set(language.code, run);
      } catch (err) {
        results.set(language.code, { error: err });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
});

after(async () => {
  const lines = [];
  for (const { code } of LANGUAGES) {
    const r = results.get(code);
    if (!r || r.error) {
      lines.push(`  ${code}: not checked${r?.error ? ` (${r.error.message.split('\n')[0]})` : ''}`);
      continue;
    }
    const pub = r.pages.filter((p) => !p.signedIn).length;
    const staff = r.pages.length - pub;
    const bad = r.pages.filter((p) => p.violations.length > 0).length;
    lines.push(`  ${code}: ${r.pages.length} pages checked (${pub} signed out, ${staff} signed in as admin), ${bad} with axe violations`);
  }
  console.log(`axe-core pages checked per language:\n${lines.join('\n')}`);
  await cancelBooked?.();
  await browser?.close();
  await server?.stop();
});

// crawlKey is a URL's identity for the crawl: the language switcher's
// ?lang= links only differ by lang from the page they are on, so lang is
// dropped, as is the #fragment, and the other parameters are sorted.
function crawlKey(u) {
  const url = new URL(u);
  url.hash = '';
  url.searchParams.delete('lang');
  url.searchParams.sort(); // ?a=1&b=2 and ?b=2&a=1 are one page
  return url.pathname + (url.searchParams.size ? `?${url.searchParams}` : '');
}

// followable tells whether the crawl follows a link's href.
function followable(href, origin) {
  if (!href) return false;
  let url;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // external, mailto:, tel:, javascript:
  if (url.pathname.startsWith('/static/') || url.pathname.startsWith('/api/')) return false;
  return true;
}

// bookingPages finds a free time and books it through the JSON API, since
// the server runs on the real clock: it returns the details form of a free
// time and the booking's manage page (as booked, and just booked) and cancel
// confirmation, with the statuses they must answer.
async function bookingPages(base) {
  const slots = await (await fetch(new URL('/api/v1/missions/by-cg-chongqing/slots?service=cq-collect', base))).json();
  const free = (slots.slots ?? []).filter((s) => s.available > 0);
  if (free.length < 2) throw new Error(`too few free times of cq-collect to check the booking pages: ${JSON.stringify(slots).slice(0, 300)}`);
  const res = await fetch(new URL('/api/v1/bookings', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ service: 'cq-collect', start: free[0].start, name: 'Axe Check', email: `axe-${Date.now()}@example.com`, phone: '+86 23 6000 0000' }),
  });
  const b = await res.json();
  if (res.status !== 201 || !b.manage_url) throw new Error(`booking through the API for the axe check: ${res.status} ${JSON.stringify(b)}`);
  const manage = new URL(b.manage_url, base);
  cancelBooked = () => fetch(new URL(`/api/v1/bookings/${b.reference}/cancel`, base), { method: 'POST', headers: { Authorization: `Bearer ${b.token}` } });
  return [
    [`/missions/by-cg-chongqing/book/cq-collect/details?start=${encodeURIComponent(free.at(-1).start)}`, 200],
    [b.manage_url, 200],
    [`${b.manage_url}&new=1`, 200],
    [`${manage.pathname}/cancel${manage.search}`, 200],
  ];
}

function isStaffPath(pathname) {
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

// checkPage loads path in page, runs axe and reads the page's structure.
async function checkPage(page, path, signedIn) {
  const url = new URL(path, server.url).href;
  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response ? response.status() : 0;
  await page.addScriptTag({ content: axe });
  const axeResult = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const structure = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
  }));
  return { path, url: page.url(), status, signedIn, violations: axeResult, ...structure };
}

// crawl visits the seeds, then the explicit pages, then the links found on
// every page visited (GET only, same origin, not /static/ nor /api/), up to
// MAX_PAGES crawled pages. Seeds and explicit pages are always visited.
async function crawl(page, seeds, { signedIn, explicit = [], within = () => true }) {
  const origin = new URL(server.url).origin;
  const seen = new Set();
  const pages = [];
  const notes = [];
  const queue = [];
  const visit = async (path, expected) => {
    seen.add(crawlKey(new URL(path, origin).href));
    const result = await checkPage(page, path, signedIn);
    pages.push({ ...result, expected });
    for (const href of result.links) {
      if (followable(href, origin) && within(new URL(href).pathname) && !seen.has(crawlKey(href))) queue.push(crawlKey(href));
    }
  };
  for (const p of seeds) await visit(p, 200);
  for (const [p, status] of explicit) await visit(p, status);
  let crawled = 0;
  while (queue.length > 0) {
    const key = queue.shift();
    if (seen.has(key)) continue;
    if (crawled >= MAX_PAGES) {
      notes.push(`stopped crawling at ${MAX_PAGES} pages; ${key} and others were not visited`);
      break;
    }
    crawled++;
    await visit(key, 200);
  }
  return { pages, notes };
}

async function checkLanguage({ code, tag }) {
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, locale: 'en-US' });
  try {
    const page = await context.newPage();
    // /?lang=<code> sets the language cookie; every later page is in that language.
    const publicRun = await crawl(page, [`/?lang=${code}`], { signedIn: false, explicit: [...EXPLICIT, ...booked] });
    const signInResponse = await signIn(page, server.url, server.users.admin);
    const signedInPath = new URL(page.url()).pathname;
    if (signedInPath !== '/staff') {
      throw new Error(`signing in as ${server.users.admin.username} (${code}) ended on ${page.url()} (POST status ${signInResponse.status()}), not /staff`);
    }
    // Signed in, crawl the staff desk: the pages under /staff. (Public pages
    // differ when signed in only by the layout's staff link and sign-out
    // form, which every staff page has too.)
    const staffRun = await crawl(page, STAFF_SEEDS, { signedIn: true, within: isStaffPath });
    return { code, tag, pages: [...publicRun.pages, ...staffRun.pages], notes: [...publicRun.notes, ...staffRun.notes] };
  } finally {
    await context.close();
  }
}

function describeViolations(pages) {
  const out = [];
  for (const p of pages) {
    for (const v of p.violations) {
      const first = v.nodes[0];
      out.push(
        [
          `- ${p.path}${p.signedIn ? ' (signed in)' : ''}: ${v.id} [${v.impact}] ${v.help}`,
          `    targets: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
          `    html: ${first?.html ?? ''}`,
          `    ${(first?.failureSummary ?? '').replace(/\n\s*/g, ' / ')}`,
          `    ${v.helpUrl}`,
        ].join('\n'),
      );
    }
  }
  return out;
}

test('axe-core runs in the pages and reports what it finds (self-check)', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    // A real page of the product, with the Content-Security-Policy in force,
    // and an image without alt text added to it: axe must see it.
    await page.goto(new URL('/', server.url).href);
    await page.evaluate(() => document.querySelector('main').append(Object.assign(document.createElement('img'), { src: '/static/missing.png' })));
    await page.addScriptTag({ content: axe });
    const ids = await page.evaluate(async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map((v) => v.id), AXE_TAGS);
    assert.ok(ids.includes('image-alt'), `axe-core did not report the image without alt text; it reported: ${ids.join(', ') || 'nothing'}`);
  } finally {
    await context.close();
  }
});

for (const language of LANGUAGES) {
  describe(`pages in ${language.code}`, () => {
    let run;
    before(() => {
      run = results.get(language.code);
      if (!run) throw new Error(`${language.code} was not checked`);
      if (run.error) throw run.error;
    });

    test('no axe-core WCAG 2.2 AA violations', () => {
      const list = describeViolations(run.pages);
      const n = run.pages.reduce((s, p) => s + p.violations.length, 0);
      assert.equal(list.length, 0, `${n} axe-core violations on ${run.pages.filter((p) => p.violations.length).length} of ${run.pages.length} pages in ${language.code}:\n${list.join('\n')}`);
    });

    test(`every page has <html lang="${language.tag}">, one <h1> and a <main>`, () => {
      const problems = [];
      for (const p of run.pages) {
        const where = `${p.path}${p.signedIn ? ' (signed in)' : ''}`;
        if (p.lang !== language.tag) problems.push(`${where}: <html lang="${p.lang}">, expected "${language.tag}"`);
        if (p.h1 !== 1) problems.push(`${where}: ${p.h1} <h1> elements, expected exactly 1`);
        if (p.main < 1) problems.push(`${where}: no <main> element`);
      }
      assert.equal(problems.length, 0, `structure problems in ${language.code}:\n${problems.join('\n')}`);
    });

    test('every page answers the status it should', () => {
      const problems = run.pages
        .filter((p) => p.status !== p.expected)
        .map((p) => `${p.path}${p.signedIn ? ' (signed in)' : ''}: status ${p.status}, expected ${p.expected}`);
      assert.equal(problems.length, 0, `unexpected statuses in ${language.code}:\n${problems.join('\n')}`);
    });

    test('the crawl reached the staff desk', () => {
      const staff = run.pages.filter((p) => p.signedIn).map((p) => p.path);
      for (const seed of STAFF_SEEDS) assert.ok(staff.includes(seed), `${seed} was not checked while signed in`);
    });
  });
}
