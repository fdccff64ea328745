// Accessibility of every page, in every language: crawls the public site from
// /?lang=<code>, visits a list of explicit URLs (answers, errors, forms,
// and the booking pages that need a free time or a real booking, made
// through the JSON API at the start; one of them of a service whose email
// verification is switched on through the staff form for the check, so that
// it waits to be confirmed; and the event registration pages, with registration
// opened through the staff form), then signs in as an admin and crawls
// the staff desk, running axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on
// each page. It also checks each
// page's <html lang>, that it has a single <h1> and a <main>, and that it
// answers the status it should.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { LANGUAGES, axeSource, launchBrowser, signIn, startServer } from '../lib/server.mjs';
import { eventPages } from '../lib/events.mjs';
import { STAFF_SEEDS, crawl, isStaffPath } from '../lib/crawl.mjs';

const MAX_PAGES = 150; // crawled pages per language, for each of the two crawls (signed out, signed in)
const PER_SHAPE = 3; // crawled pages of one shape (see shapeKey in e2e/lib/crawl.mjs), per crawl
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
  ['/releases/1/requests/1/verify?code=x', 200], // the page confirming a lottery request's address (only its POST checks the code)
  ['/relations', 200],
  ['/relations/search?q=%E9%87%8D%E5%BA%86', 200], // 重庆: Chinese search results
  ['/relations/search?q=Yemelyanov', 200],
  ['/relations/search?q=Pinsk', 200], // nothing found
  ['/relations/sectors', 200],
  [`/relations/search?q=${'x'.repeat(201)}`, 400], // too long: the form with an error
  ['/relations/search?q=food', 200], // found by names and descriptions, each result a link to its page
  ['/relations/entity/great-stone', 200], // a record's page: an entity with aliases
  ['/relations/corridor/yuxinou', 200], // a route of linked entities
  ['/relations/partnership/chongqing-minsk-region', 200],
  ['/relations/agreement/business-forum-2024-agreements', 200], // an approximate value
  ['/relations/trade/cq-by-2020-ichongqing', 200], // a value with no currency stated
  ['/relations/entity/pinsk', 404], // no such record
  ['/missions/by-cg-chongqing/apply', 200], // the case types a person can apply for
  ['/missions/by-cg-chongqing/apply/visa', 200], // starting an application
  ['/applications/find', 200], // send me my application link again
  ['/missions/by-cg-chongqing/apply/visa?sent=axe%40example.com', 200], // "check your email"
  ['/verify', 200], // the form to check a document's code
  ['/verify/NOTACODE', 422], // a code that is none: "the seal is not valid"
];

let server;
let browser;
let axe;
let booked = []; // booking pages that need a free time or a real booking (see bookingPages)
let cancelBooked; // cancels that booking when the checks are done
let cancelPending; // cancels the booking waiting for its email to be confirmed (see pendingPages)
let restoreVerification; // puts the verified service's setting back as it was
let cancelRegistrations; // cancels the registrations made for the event pages (see e2e/lib/events.mjs)
const results = new Map(); // language code -> { pages: [...], crawlNotes: [...] }

// The languages are checked side by side, each in its own browser context
// (its own cookies): axe-core keeps a CPU busy, so one language per two CPUs.
const PARALLEL = Math.max(1, Math.min(LANGUAGES.length, Math.floor((os.availableParallelism?.() ?? os.cpus().length) / 2)));

before(async () => {
  axe = axeSource();
  server = await startServer();
  browser = await launchBrowser();
  const registration = await eventPages(browser, server); // registration opened through the staff form
  cancelRegistrations = registration.undo;
  booked = [...(await bookingPages(server.url)), ...(await pendingPages(server.url)), ...registration.pages, ...(await applicationPages(server.url))];
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
  // Put things back as they were, even when one of the steps fails.
  const undone = await Promise.allSettled([cancelBooked?.(), cancelPending?.(), cancelRegistrations?.()]);
  try {
    await restoreVerification?.();
  } finally {
    await browser?.close();
    await server?.stop();
  }
  for (const u of undone) if (u.status === 'rejected') throw u.reason;
});

// bookingPages finds a free time and books it through the JSON API, since
// the server runs on the real clock: it returns the details form of a free
// time and the booking's manage page (as booked, and just booked), cancel
// confirmation and page to choose a new time, with the statuses they must
// answer.
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
    [`${manage.pathname}/reschedule${manage.search}`, 200],
  ];
}

// applicationPages starts an application through the JSON API and saves
// answers that make the visa type ask its conditional question: its
// private page, the page asking before it is withdrawn, and the page
// confirming its address (the code is checked only when the form is sent).
async function applicationPages(base) {
  const res = await fetch(new URL('/api/v1/applications', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mission: 'by-cg-chongqing', case_type: 'visa', email: `axe-app-${Date.now()}@example.com` }),
  });
  const a = await res.json();
  if (res.status !== 201 || !a.token) throw new Error(`starting an application for the axe check: ${res.status} ${JSON.stringify(a)}`);
  const auth = { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' };
  const saved = await fetch(new URL(`/api/v1/applications/${a.reference}/answers`, base), {
    method: 'PUT', headers: auth, body: JSON.stringify({ answers: { visa_type: 'c', purpose: 'other', refused_before: 'no', surname: 'Eriksen' } }),
  });
  if (saved.status !== 200) throw new Error(`saving answers for the axe check: ${saved.status} ${await saved.text()}`);
  // The passport's zone, whose surname differs: the page lists the difference.
  const zone = await fetch(new URL(`/api/v1/applications/${a.reference}/mrz`, base), {
    method: 'PUT', headers: auth, body: JSON.stringify({ mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10' }),
  });
  if (zone.status !== 200) throw new Error(`saving the zone for the axe check: ${zone.status} ${await zone.text()}`);
  const token = encodeURIComponent(a.token);
  return [
    [`/applications/${a.reference}?token=${token}`, 200],
    [`/applications/${a.reference}?token=${token}&saved=1`, 200],
    [`/applications/${a.reference}/withdraw?token=${token}`, 200],
    [`/applications/${a.reference}/confirm?token=${token}&code=unchecked`, 200],
  ];
}

// The service whose bookings wait for the applicant to confirm their email
// while the axe check runs: no other test books it (axe.test.mjs books
// cq-collect, booking.test.mjs cq-visa), and in the default dataset its
// verification is off.
const VERIFIED_SERVICE = 'cq-registration';

// setVerification opens the staff form of VERIFIED_SERVICE in page (signed
// in as an admin), ticks or unticks "verify_email", saves the form with its
// other fields as they are and checks the setting was saved. It returns
// whether the box was ticked before.
async function setVerification(page, base, on) {
  const path = `/staff/services/${VERIFIED_SERVICE}`;
  const res = await page.goto(new URL(path, base).href);
  if (res.status() !== 200 || new URL(page.url()).pathname !== path) {
    throw new Error(`${path} answered ${res.status()} on ${page.url()}`);
  }
  const box = page.locator(`form[action="${path}"] input[type="checkbox"][name="verify_email"]`);
  if ((await box.count()) !== 1) throw new Error(`${path} has no verify_email checkbox in its service form`);
  const was = await box.isChecked();
  await box.setChecked(on);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.click(`form[action="${path}"] button[type="submit"]`),
  ]);
  await page.waitForLoadState('load');
  if (saved.status() !== 303 || new URL(page.url()).searchParams.get('saved') !== 'settings') {
    throw new Error(`saving ${path} with verify_email ${on ? 'on' : 'off'} answered ${saved.status()} and ended on ${page.url()}`);
  }
  const now = await page.locator(`form[action="${path}"] input[name="verify_email"]`).isChecked();
  if (now !== on) throw new Error(`after saving ${path}, verify_email is ${now ? 'on' : 'off'}, not ${on ? 'on' : 'off'}`);
  return was;
}

// pendingPages switches email verification on for VERIFIED_SERVICE through
// the staff service form (signed in as the e2e admin), books a free time of
// it through the JSON API, and returns the page that confirms the booking
// (the code is not checked until the form is sent) and its manage page, as
// held and just held. The booking is cancelled and the setting put back
// after the checks.
async function pendingPages(base) {
  const context = await browser.newContext({ locale: 'en-US' });
  let was;
  restoreVerification = async () => {
    try {
      const page = await context.newPage();
      // The session may have ended meanwhile: sign in again if so.
      await page.goto(new URL('/staff', base).href);
      if (new URL(page.url()).pathname !== '/staff') await signIn(page, base, server.users.admin);
      // Off, as in the default dataset, unless it was on before this run.
      if (was !== true) await setVerification(page, base, false);
    } finally {
      await context.close();
    }
  };
  const page = await context.newPage();
  const signInResponse = await signIn(page, base, server.users.admin);
  if (new URL(page.url()).pathname !== '/staff') {
    throw new Error(`signing in as ${server.users.admin.username} to switch verification on ended on ${page.url()} (POST status ${signInResponse.status()})`);
  }
  was = await setVerification(page, base, true);

  const api = (path) => new URL(path, base);
  const slots = await (await fetch(api(`/api/v1/missions/by-cg-chongqing/slots?service=${VERIFIED_SERVICE}`))).json();
  const free = (slots.slots ?? []).filter((s) => s.available > 0);
  if (free.length === 0) throw new Error(`no free time of ${VERIFIED_SERVICE} to check the verify page: ${JSON.stringify(slots).slice(0, 300)}`);
  const n = randomBytes(4).readUInt32BE() % 10_000_000;
  const res = await fetch(api('/api/v1/bookings'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      service: VERIFIED_SERVICE,
      start: free[0].start,
      name: 'Axe Check',
      email: `axe-verify-${randomBytes(6).toString('hex')}@example.com`,
      phone: '+86 23 6000 0000',
      passport: `AV${String(n).padStart(7, '0')}`,
    }),
  });
  const b = await res.json();
  if (res.status !== 201 || b.status !== 'pending' || !b.token || !b.manage_url) {
    throw new Error(`booking ${VERIFIED_SERVICE} with verification on through the API: ${res.status} ${JSON.stringify(b)}, expected 201 and status "pending"`);
  }
  cancelPending = async () => {
    const r = await fetch(api(`/api/v1/bookings/${b.reference}/cancel`), { method: 'POST', headers: { Authorization: `Bearer ${b.token}` } });
    if (r.status !== 200) throw new Error(`cancelling the pending booking ${b.reference} answered ${r.status}: ${await r.text()}`);
  };
  const manage = new URL(b.manage_url, base);
  const verify = `${manage.pathname}/verify?token=${encodeURIComponent(b.token)}&code=anything`;
  // The page must be the one that asks to confirm, not one that says it is too late.
  const shown = await page.goto(new URL(verify, base).href);
  const form = page.locator(`main form[method="post"][action="${verify}"]`);
  if (shown.status() !== 200 || (await form.count()) !== 1 || (await form.locator('input[type="hidden"][name="csrf"]').count()) !== 1) {
    throw new Error(`${verify} answered ${shown.status()} without its form to confirm the booking (POST to the same address, with a csrf field):\n${await page.locator('main').innerText()}`);
  }
  return [
    [verify, 200],
    [b.manage_url, 200],
    [`${b.manage_url}&new=1`, 200],
  ];
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
    links: [...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href),
  }));
  return { path, url: page.url(), status, signedIn, violations: axeResult, ...structure };
}

// crawlAs crawls from seeds (see e2e/lib/crawl.mjs), checking every page.
async function crawlAs(page, seeds, { signedIn, explicit = [], within = () => true }) {
  const pages = [];
  const visit = async (path, expected) => {
    const result = await checkPage(page, path, signedIn);
    pages.push({ ...result, expected });
    return result.links;
  };
  const notes = await crawl(server.url, seeds, { explicit, within, perShape: PER_SHAPE, maxPages: MAX_PAGES, visit });
  return { pages, notes };
}

async function checkLanguage({ code, tag }) {
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, locale: 'en-US' });
  try {
    const page = await context.newPage();
    // /?lang=<code> sets the language cookie; every later page is in that language.
    const publicRun = await crawlAs(page, [`/?lang=${code}`], { signedIn: false, explicit: [...EXPLICIT, ...booked] });
    const signInResponse = await signIn(page, server.url, server.users.admin);
    const signedInPath = new URL(page.url()).pathname;
    if (signedInPath !== '/staff') {
      throw new Error(`signing in as ${server.users.admin.username} (${code}) ended on ${page.url()} (POST status ${signInResponse.status()}), not /staff`);
    }
    // Signed in, crawl the staff desk: the pages under /staff. (Public pages
    // differ when signed in only by the layout's staff link and sign-out
    // form, which every staff page has too.)
    const staffRun = await crawlAs(page, STAFF_SEEDS, { signedIn: true, within: isStaffPath });
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
