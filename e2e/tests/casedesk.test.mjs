// An officer's and a consul's work on consular cases (issue 14 §8), in the
// browser without JavaScript, at 1280 px and at 320 px wide. Certificates
// of return (and a visa) are started through the JSON API (answers learnt from the case
// type's questions, an identity PDF and a photo drawn here, the address
// confirmed with the code of the first mail, which a mail server of the
// test receives), then:
// 1. the officer finds the case in the mission's "new" queue, opens it
//    (answers, files with download links), takes it, starts the check,
//    types the passport's zone at the counter and sees the difference,
//    asks the applicant for more (the case waits), and once the applicant
//    has sent it again finds it complete;
// 2. a consul takes it over and issues it: the case page and the
//    applicant's page lead to the PDF, the verify page says the seal is
//    valid; the consul revokes it (reason and confirmation) and the verify
//    page says revoked;
// 3. a second case is refused (the certificate of return needs no second
//    consul): without the confirmation box the refusal is refused, with it
//    and a reason it is decided, and the applicant's page shows the
//    reasons and how to appeal; the consul puts the case on legal hold on
//    the retention page and lifts the hold;
// 4. a visa's refusal, which needs a second consul: the first consul's is a
//    proposal, which they cannot confirm themselves; a second consul takes
//    the case over and confirms it.
// axe-core checks every desk page visited (in a second, JavaScript
// context of the same user at the same width), which must not scroll
// sideways at 320 px; a screenshot of each step goes to
// e2e/artifacts/casedesk/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { e2eDir, launchBrowser, signIn, startServer } from '../lib/server.mjs';
import { axeCheck, follow, measure, submit, words } from '../lib/page.mjs';
import { startMailbox } from '../lib/mailbox.mjs';

const MISSION = 'by-cg-chongqing';
const TYPE = 'return-certificate';
const VISA = 'visa'; // its refusal needs a second consul
const WIDTHS = [1280, 320];
const ARTIFACTS = path.join(e2eDir, 'artifacts', 'casedesk');
const w = words('en');

let server;
let browser;
let sink;
let caseType;
let visaType;
const cases = new Map(); // width -> { issued, refused, visa }: applications made before the tests

before(async () => {
  sink = await startMailbox();
  server = await startServer({ roles: { consul: 'consul', consul2: 'consul' }, args: ['-smtp', sink.smtpURL, '-public-url', 'http://127.0.0.1:8080'] });
  browser = await launchBrowser();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const res = await fetch(at(`/api/v1/missions/${MISSION}/case-types`));
  assert.equal(res.status, 200);
  const types = (await res.json()).case_types;
  caseType = types.find((t) => t.id === TYPE);
  visaType = types.find((t) => t.id === VISA);
  assert.ok(caseType && visaType, `${MISSION} lacks case type ${TYPE} or ${VISA}`);
  assert.ok(visaType.second_consul, `a refusal of ${VISA} no longer needs a second consul`);
  // Every application waits for its first mail (sent every 30 s): they are started together.
  const ends = [['issued', caseType], ['refused', caseType], ['visa', visaType]];
  const made = await Promise.all(WIDTHS.flatMap((width) => ends.map(([end, type]) => submittedCase(`${width}-${end}`, type))));
  for (const [i, width] of WIDTHS.entries()) {
    cases.set(width, Object.fromEntries(ends.map(([end], j) => [end, made[i * ends.length + j]])));
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

function at(p) {
  return new URL(p, server.url).href;
}

// The applicant: a citizen whose passport expired, and the zone of that
// passport as the document reader at the counter types it, whose number
// differs from the one the applicant remembered.
const PERSON = { surname: 'Kavaliou', given: 'Aliaksandr', birth: '1990-05-14', sex: 'm', number: 'MP1234567' };
const ZONE_NUMBER = 'MP7654321';

/** checkDigit is ICAO 9303's check digit of a field of a machine-readable zone. */
function checkDigit(s) {
  const weights = [7, 3, 1];
  let sum = 0;
  for (const [i, c] of [...s].entries()) {
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3];
  }
  return String(sum % 10);
}

/** passportZone is the two lines of a Belarusian passport's zone (TD3) for PERSON, check digits right. */
function passportZone() {
  const line1 = `P<BLR${PERSON.surname.toUpperCase()}<<${PERSON.given.toUpperCase()}`.padEnd(44, '<');
  const number = ZONE_NUMBER.padEnd(9, '<');
  const birth = PERSON.birth.slice(2).replaceAll('-', '');
  const expiry = '250101'; // expired: why the certificate is needed
  const personal = '<'.repeat(14);
  const parts = [number + checkDigit(number), birth + checkDigit(birth), expiry + checkDigit(expiry), personal + checkDigit(personal)];
  const line2 = `${parts[0]}BLR${parts[1]}M${parts[2]}${parts[3]}`;
  return `${line1}\n${line2}${checkDigit(parts.join(''))}`;
}

/** tinyPDF is a one-page PDF with its cross-reference table, as a scanner would make one. */
function tinyPDF() {
  const text = 'BT /F1 12 Tf 20 100 Td (Identity card) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** photoPNG is an ID photo's size (354 × 472, 3:4) drawn as a PNG: a light background, a darker oval face. */
function photoPNG(width = 354, height = 472) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const face = ((x - width / 2) / 110) ** 2 + ((y - height / 2.2) / 150) ** 2 < 1;
      row.set(face ? [200, 160, 130] : [235, 240, 245], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * answersFor answers the case type's questions as PERSON, found by their
 * identity roles; a choice with its first answer (a certificate of
 * return's: the passport expired), dates one week apart from three months
 * on; a question asked only for another answer only when it is asked.
 */
function answersFor(t) {
  const byRole = {
    surname: PERSON.surname, given_names: PERSON.given, birth_date: PERSON.birth, sex: PERSON.sex, document_number: PERSON.number,
    nationality: 'CHN', document_expiry: '2031-01-01',
  };
  let days = 90;
  const answers = {};
  for (const q of t.questions) {
    if (q.when && !q.when.in.includes(answers[q.when.question])) continue; // not asked (a lost passport's police report)
    if (q.role) answers[q.id] = q.kind === 'choice' && q.role === 'nationality' ? q.choices[0].value : byRole[q.role];
    else if (q.kind === 'choice') answers[q.id] = q.choices.some((c) => c.value === 'expired') ? 'expired' : q.choices[0].value;
    else if (q.kind === 'date') {
      answers[q.id] = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      days += 7;
    }
    else if (q.kind === 'yesno') answers[q.id] = 'no';
    else if (!q.optional) answers[q.id] = 'e2e';
  }
  assert.ok(Object.values(answers).every((v) => v !== undefined), `a role of ${t.id} the test does not know: ${JSON.stringify(t.questions.map((q) => q.role))}`);
  return answers;
}

/** api calls the JSON API as the applicant holding token; it returns { status, body }. */
async function api(method, p, token, body) {
  const headers = { Authorization: `Bearer ${token}` };
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(at(p), { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * submittedCase starts a case of type through the JSON API,
 * answers it, uploads a file for every checklist item, confirms the
 * address with the code of the first mail and submits it; it returns
 * { reference, token, email, type, files (one for each checklist item),
 * label (the last part of name) }.
 */
async function submittedCase(name, type) {
  const email = `e2e-casedesk-${name}-${Date.now()}@example.com`;
  const started = await fetch(at('/api/v1/applications'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mission: MISSION, case_type: type.id, email, language: 'en' }),
  });
  const a = await started.json();
  assert.equal(started.status, 201, `starting the application: ${JSON.stringify(a)}`);
  const { reference, token } = a;
  const answers = answersFor(type);
  let r = await api('PUT', `/api/v1/applications/${reference}/answers`, token, { answers });
  assert.equal(r.status, 200, `the answers: ${JSON.stringify(r.body)}`);
  const { checklist } = r.body;
  for (const item of checklist) {
    const rule = type.documents.find((d) => d.id === item);
    const png = rule.photo || !rule.types.includes('pdf');
    const form = new FormData();
    form.append('item', item);
    form.append('file', new Blob([png ? photoPNG() : tinyPDF()], { type: png ? 'image/png' : 'application/pdf' }), png ? 'photo.png' : 'identity.pdf');
    r = await api('POST', `/api/v1/applications/${reference}/documents`, token, form);
    assert.equal(r.status, 201, `the file for ${item}: ${JSON.stringify(r.body)}`);
  }
  // The first mail's confirmation link carries the code (the staff outbox masks it).
  const mail = await sink.waitFor((m) => m.to.includes(email) && m.text.includes(`/applications/${reference}/confirm`), `confirming ${email}`);
  const code = new URL(mail.text.match(/https?:\/\/\S+\/confirm\?\S+/)[0]).searchParams.get('code');
  r = await api('POST', `/api/v1/applications/${reference}/confirm`, token, { code });
  assert.equal(r.status, 204, `confirming the address: ${JSON.stringify(r.body)}`);
  r = await api('POST', `/api/v1/applications/${reference}/submit`, token, { declaration: true });
  assert.equal(r.status, 200, `submitting: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.status, 'submitted');
  return { reference, token, email, type, files: checklist.length, label: name.split('-').pop() };
}

const sessions = new Map(); // username -> the browser's storage state, signed in

/**
 * sessionOf signs user in through the login form once (sign-ins are rate
 * limited: 8 a quarter of an hour per account and client) and returns the
 * cookies, for every context of that user.
 */
async function sessionOf(user) {
  if (!sessions.has(user.username)) {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, user);
    assert.ok(!new URL(page.url()).pathname.endsWith('/login'), `${user.username} could not sign in: ${await page.locator('main').innerText()}`);
    sessions.set(user.username, await context.storageState());
    await context.close();
  }
  return sessions.get(user.username);
}

/**
 * desk opens two browser contexts of a signed-in staff member at a width: page (JavaScript off) to
 * work, and checker (JavaScript on) where every page reached is checked.
 * shot(name) keeps a screenshot of page, named for the width, label (the
 * case's) and the user (officer, consul, consul2); check() runs axe-core on the
 * address page is at, and at 320 px measures it for sideways scrolling.
 */
async function desk(t, user, width, label) {
  const viewport = { width, height: width === 320 ? 640 : 900 };
  const storageState = await sessionOf(user);
  const off = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', viewport, storageState });
  const on = await browser.newContext({ bypassCSP: true, locale: 'en-US', viewport, storageState });
  t.after(() => Promise.all([off.close(), on.close()]));
  const page = await off.newPage();
  const checker = await on.newPage();
  let n = 0;
  return {
    page,
    checker,
    async shot(name) {
      n += 1;
      await page.screenshot({ path: path.join(ARTIFACTS, `${width}-${label}-${user.username.replace(/^e2e-/, '')}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
    },
    /** check checks the page (or checker, already on a page only a POST reaches) with axe-core, and its width. */
    async check(what, { here = false } = {}) {
      if (!here) {
        const u = new URL(page.url());
        const res = await checker.goto(at(u.pathname + u.search));
        assert.equal(res.status(), 200, `${u.pathname}${u.search} answered ${res.status()}`);
      }
      await axeCheck(checker, `${what} at ${width} px`);
      if (width === 320) {
        const m = await checker.evaluate(measure);
        assert.ok(m.scrollWidth <= m.clientWidth, `${what} scrolls sideways at 320 px (${m.scrollWidth} > ${m.clientWidth}): ${JSON.stringify(m.widest)}`);
      }
    },
  };
}

/** done asserts the case page says the step was taken. */
async function done(page, step) {
  assert.equal((await page.locator('main p.ok[role="status"]').innerText()).trim(), w[`casedesk.done.${step}`], `the step ${step} is not confirmed`);
}

/** stage is the case's stage as its page shows it. */
async function stage(page) {
  return (await page.locator(`dl.facts dt:text-is("${w['case.status']}") + dd`).first().innerText()).trim();
}

/** step clicks the case page's button of form action (the path's last part) and asserts it answers 200 after its redirect. */
async function step(page, reference, action) {
  const res = await submit(page, `form[action="/staff/applications/${reference}/${action}"] button[type="submit"]`);
  assert.equal(res.status(), 200, `${action} answered ${res.status()}: ${(await page.locator('main').innerText()).slice(0, 500)}`);
}

/**
 * officerWorks: the officer's part, from the "new" queue to a complete
 * case; with quick, only take, check and complete.
 */
async function officerWorks(t, width, c, { quick = false } = {}) {
  const o = await desk(t, server.users.officer, width, c.label);
  const { page } = o;
  const queue = `/staff/missions/${MISSION}/cases`;
  let res = await page.goto(at(queue));
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('main nav[aria-label] a[aria-current="page"]').filter({ hasText: w['casedesk.queue.new'] }).count()), 1, 'the officer does not start in the "new" queue');
  const row = page.locator('table tbody tr', { has: page.locator(`a[href="/staff/applications/${c.reference}"]`) });
  assert.equal(await row.count(), 1, `the new queue does not list ${c.reference}`);
  assert.ok((await row.innerText()).includes(c.type.name.en), `the queue does not name the case type: ${await row.innerText()}`);
  await o.shot('queue-new');
  await o.check('the new queue');

  res = await follow(page, `a[href="/staff/applications/${c.reference}"]`);
  assert.equal(res.status(), 200);
  const main = page.locator('main');
  const text = await main.innerText();
  for (const v of [PERSON.surname, PERSON.given, PERSON.number]) assert.ok(text.includes(v), `the case page does not show the answer ${v}`);
  const files = main.locator(`ul.files a[href^="/staff/applications/${c.reference}/files/"][download]`);
  assert.equal(await files.count(), c.files, `the case page does not link the ${c.files} files for download`);
  const href = await files.first().getAttribute('href');
  const download = await page.request.get(at(href));
  assert.equal(download.status(), 200, `${href} answered ${download.status()}: ${(await download.text()).slice(0, 300)}`);
  assert.match(download.headers()['content-disposition'] ?? '', /^attachment/);
  assert.equal(await stage(page), 'Submitted');
  await o.shot('case-new');
  await o.check('the new case');

  await step(page, c.reference, 'take');
  await done(page, 'take');
  assert.ok((await page.locator(`dl.facts dt:text-is("${w['casedesk.assignee']}") + dd`).innerText()).includes(server.users.officer.username));
  await o.shot('taken');
  await o.check('the case taken');

  await step(page, c.reference, 'check');
  await done(page, 'check');
  assert.equal(await stage(page), 'Being checked');
  await o.shot('check-started');
  await o.check('the check started');

  if (!quick) await counterAndRequest(o, c);
  res = await page.goto(at(`/staff/applications/${c.reference}`));
  assert.equal(await stage(page), 'Being checked');
  // Each file accepted: the case is complete only then.
  const reviews = page.locator(`form[action^="/staff/applications/${c.reference}/files/"][action$="/review"]`);
  const reviewCount = await reviews.count();
  assert.ok(reviewCount > 0, 'the case page offers no review of its files');
  for (let i = 0; i < reviewCount; i++) {
    const res = await submit(page, `form[action^="/staff/applications/${c.reference}/files/"][action$="/review"] >> nth=${i} >> button[value="accepted"]`);
    assert.equal(res.status(), 200, `accepting file ${i + 1} answered ${res.status()}`);
  }
  await o.shot('files-accepted');
  await o.check('the files accepted');
  await step(page, c.reference, 'complete');
  await done(page, 'complete');
  assert.equal(await stage(page), 'Ready for decision');
  await o.shot('complete');
  await o.check('the case complete');
  return o;
}

/**
 * counterAndRequest: the officer compares the passport at the counter
 * with the answers, and asks the applicant for more, who sends the
 * application again.
 */
async function counterAndRequest(o, c) {
  const { page } = o;
  const queue = `/staff/missions/${MISSION}/cases`;
  // The passport at the counter: its number differs from the one typed.
  await page.fill('#counter-mrz', passportZone());
  let res = await submit(page, `form[action="/staff/applications/${c.reference}/counter"] button[type="submit"]`);
  assert.equal(res.status(), 200);
  const counter = (await page.locator('#counter-result').innerText()).replace(/\s+/g, ' ');
  assert.ok(counter.includes(w['casedesk.counter_mismatches']), `the counter's result does not list differences: ${counter}`);
  assert.ok(counter.includes(`${w['caseident.role.document_number']}: the application says “${PERSON.number}”, the passport “${ZONE_NUMBER}”`), `the number's difference is not shown: ${counter}`);
  assert.ok(!counter.includes(w['caseident.role.surname']), `the surname, the same in the zone, is listed as a difference: ${counter}`);
  assert.ok(!counter.includes(w['caseident.checks_fail']), `the check digits are said to fail: ${counter}`);
  await o.shot('counter');
  await o.checker.goto(at(`/staff/applications/${c.reference}`));
  await o.checker.fill('#counter-mrz', passportZone());
  await submit(o.checker, `form[action="/staff/applications/${c.reference}/counter"] button[type="submit"]`);
  await o.check('the counter comparison', { here: true });

  // Ask for more, with a message and a day to answer by.
  const by = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const message = 'Please send a scan of your expired passport’s photo page.';
  await page.fill('#message', message);
  await page.fill('#deadline', by);
  await step(page, c.reference, 'request');
  await done(page, 'request');
  assert.equal(await stage(page), 'Awaiting the applicant');
  assert.ok((await page.locator('dl.facts').first().innerText()).includes(message), 'the request is not shown on the case');
  await o.shot('waiting');
  await o.check('the case waiting');
  res = await page.goto(at(`${queue}?queue=waiting`));
  assert.ok((await page.locator('table tbody').innerText()).includes(c.reference), 'the case is not in the queue awaiting the applicant');
  await o.check('the queue awaiting the applicant');

  // The applicant reads the request and sends the application again.
  let r = await api('GET', `/api/v1/applications/${c.reference}`, c.token);
  assert.equal(r.body.status, 'waiting');
  assert.equal(r.body.request.message, message);
  assert.equal(r.body.request.by, by);
  r = await api('POST', `/api/v1/applications/${c.reference}/submit`, c.token, { declaration: true });
  assert.equal(r.status, 200, `sending again: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.status, 'in_review');
}

/** consulTakesOver: a consul (e2e-consul unless told) finds the case ready and takes it over from whoever works it. */
async function consulTakesOver(t, width, c, consul = server.users.consul) {
  const k = await desk(t, consul, width, c.label);
  const { page } = k;
  let res = await page.goto(at(`/staff/missions/${MISSION}/cases`));
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('main nav[aria-label] a[aria-current="page"]').filter({ hasText: w['casedesk.queue.ready'] }).count()), 1, 'the consul does not start in the "ready" queue');
  assert.ok((await page.locator('table tbody').innerText()).includes(c.reference), 'the ready queue does not list the case');
  await k.shot('queue-ready');
  await k.check('the ready queue');
  res = await follow(page, `a[href="/staff/applications/${c.reference}"]`);
  assert.equal(res.status(), 200);
  await step(page, c.reference, 'takeover');
  await done(page, 'takeover');
  assert.ok((await page.locator(`dl.facts dt:text-is("${w['casedesk.assignee']}") + dd`).innerText()).includes(consul.username));
  await k.shot('taken-over');
  await k.check('the case taken over');
  return k;
}

for (const width of WIDTHS) {
  describe(`the case desk at ${width} px, without JavaScript`, () => {
    test('an officer works a case to complete; a consul issues it, the seal verifies, and the consul revokes it', async (t) => {
      const c = cases.get(width).issued;
      await officerWorks(t, width, c);
      const k = await consulTakesOver(t, width, c);
      const { page } = k;

      await step(page, c.reference, 'issue');
      await done(page, 'issue');
      assert.equal(await stage(page), 'Decided');
      await k.shot('issued');
      await k.check('the case issued');
      // The case page leads to the document's PDF and record.
      const pdf = await page.request.get(at(await page.locator(`a[href="/staff/applications/${c.reference}/document.pdf"]`).getAttribute('href')));
      assert.equal(pdf.status(), 200);
      assert.ok((await pdf.body()).subarray(0, 5).equals(Buffer.from('%PDF-')), 'the staff PDF is no PDF');
      let res = await follow(page, 'main a[href^="/staff/documents/"]');
      assert.equal(res.status(), 200);
      const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
      assert.ok((await page.locator('main').innerText()).includes(c.reference));
      await k.shot('document');
      await k.check('the document');

      // The applicant's page links the PDF, which the private link downloads.
      const applicant = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', viewport: page.viewportSize() });
      t.after(() => applicant.close());
      const mine = await applicant.newPage();
      res = await mine.goto(at(`/applications/${c.reference}?token=${encodeURIComponent(c.token)}`));
      assert.equal(res.status(), 200);
      const link = mine.locator('main a[href*="document.pdf"]');
      assert.equal(await link.innerText(), w['seal.download']);
      const own = await mine.request.get(new URL(await link.getAttribute('href'), mine.url()).href);
      assert.equal(own.status(), 200);
      assert.equal(own.headers()['content-type'], 'application/pdf');
      await mine.screenshot({ path: path.join(ARTIFACTS, `${width}-issued-applicant.png`), fullPage: true });

      // Anyone checks the code on the verify page the document's record links.
      res = await follow(page, `main a[href="/verify/${code}"]`);
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('main div.ok[role="status"]').innerText()).trim(), w['verify.valid']);
      assert.ok((await page.locator('main dl.facts').innerText()).includes(`${PERSON.surname} A.`), 'the verify page does not name the holder by surname and initial');
      await k.shot('verify-valid');
      await k.check('the verify page, valid');

      // The consul revokes it: the confirmation box first, then a reason.
      res = await page.goto(at(`/staff/documents/${code}`));
      await page.fill('#revoke-reason', 'Issued in error: the passport was found.');
      res = await submit(page, `form[action="/staff/documents/${code}"] button[type="submit"]`);
      assert.equal(res.status(), 400, 'a revocation without its confirmation box went through');
      assert.ok(await page.locator('#revoke-confirm-error').count(), 'no message at the confirmation box');
      await k.shot('revoke-unconfirmed');
      await page.check('#revoke-confirm');
      res = await submit(page, `form[action="/staff/documents/${code}"] button[type="submit"]`);
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('main div.ok[role="status"]').innerText()).trim(), w['staffdoc.revoked_saved']);
      await k.shot('revoked');
      await k.check('the document revoked');
      res = await page.goto(at(`/verify/${code}`));
      assert.equal(res.status(), 200);
      const said = (await page.locator('main div.alert[role="alert"]').innerText()).trim();
      assert.ok(said.startsWith(w['verify.revoked'].split('{{')[0]), `the verify page does not say revoked: ${said}`);
      await k.shot('verify-revoked');
      await k.check('the verify page, revoked');

      // The applicant was mailed what the mission asked.
      const asked = await sink.waitFor((m) => m.to.includes(c.email) && m.text.includes('needs more from you'), `asking ${c.email} for more`);
      assert.ok(asked.text.includes('expired passport'), 'the request mail does not quote the request');
    });

    test('a consul refuses a case, with a reason and the confirmation box; the applicant sees the reasons and how to appeal', async (t) => {
      const c = cases.get(width).refused;
      assert.ok(!caseType.second_consul, 'the certificate of return now needs a second consul: this test confirms with one');
      await officerWorks(t, width, c);
      const k = await consulTakesOver(t, width, c);
      const { page } = k;
      const refuse = `form[action="/staff/applications/${c.reference}/refuse"] button[type="submit"]`;
      const reason = caseType.refusals[0];
      assert.equal((await page.locator(refuse).innerText()).trim(), w['casedesk.refuse']);

      // Without the confirmation box: refused, nothing decided.
      await page.check(`#reason-${reason.id}`);
      let res = await submit(page, refuse);
      assert.equal(res.status(), 400, 'a refusal without its confirmation box went through');
      assert.equal((await page.locator('.error-summary a[href="#confirm"]').innerText()).trim(), w['error.case_refusal_confirm']);
      assert.equal(await stage(page), 'Ready for decision');
      await k.shot('refuse-unconfirmed');
      await refuseUnconfirmed(k, c, refuse, reason);

      // With it: decided.
      res = await page.goto(at(`/staff/applications/${c.reference}`));
      await page.check(`#reason-${reason.id}`);
      await confirmRefusal(k, c, reason);

      // The applicant: the reasons and how to appeal, on the page (the API's are checked above).
      const applicant = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', viewport: page.viewportSize() });
      t.after(() => applicant.close());
      const mine = await applicant.newPage();
      res = await mine.goto(at(`/applications/${c.reference}?token=${encodeURIComponent(c.token)}`));
      assert.equal(res.status(), 200);
      const text = await mine.locator('main').innerText();
      for (const s of [w['casedesk.decision_title'], reason.text.en, w['casedesk.appeal_title'], caseType.appeal.en]) {
        assert.ok(text.includes(s), `the applicant's page does not say “${s}”:\n${text.slice(0, 1500)}`);
      }
      await mine.screenshot({ path: path.join(ARTIFACTS, `${width}-refused-applicant.png`), fullPage: true });

      // The refused case is kept for its retention; the consul puts it on legal hold, then lifts the hold.
      res = await page.goto(at(`/staff/missions/${MISSION}/retention`));
      assert.equal(res.status(), 200);
      await page.fill('#hold-reference', c.reference);
      await page.fill('#hold-reason', 'The applicant announced an appeal.');
      res = await submit(page, `form[action="/staff/missions/${MISSION}/retention/hold"] button[type="submit"]`);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator(`main table th[scope="row"]:text-is("${c.reference}")`).count(), 1, 'the hold is not listed');
      await k.shot('hold');
      await k.check('the retention page with a hold');
      await page.check(`#lift-${c.reference}`);
      res = await submit(page, `form[action="/staff/missions/${MISSION}/retention/lift"] button[type="submit"]`);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator(`#lift-${c.reference}`).count(), 0, 'the hold is still listed');
      await k.shot('hold-lifted');
      await k.check('the retention page, the hold lifted');
    });

    test('a visa refusal needs a second consul: one proposes it, cannot confirm it, and another confirms it', async (t) => {
      const c = cases.get(width).visa;
      await officerWorks(t, width, c, { quick: true });
      const first = await consulTakesOver(t, width, c);
      let page = first.page;
      const refuse = `form[action="/staff/applications/${c.reference}/refuse"] button[type="submit"]`;
      const reason = visaType.refusals[0];
      assert.ok((await page.locator('main form[action$="/refuse"]').innerText()).includes(w['casedesk.refuse_needs_second']), 'the form does not say a second consul must confirm');
      assert.equal((await page.locator(refuse).innerText()).trim(), w['casedesk.refuse_propose']);
      await page.check(`#reason-${reason.id}`);
      await page.check('#confirm');
      await step(page, c.reference, 'refuse');
      await done(page, 'propose');
      assert.equal(await stage(page), 'Ready for decision');
      const proposed = await page.locator(`dl.facts dt:text-is("${w['casedesk.refusal_proposed']}") + dd`).innerText();
      assert.ok(proposed.includes(server.users.consul.username) && proposed.includes(reason.text.en), `the proposal is not shown: ${proposed}`);
      await first.shot('proposed');
      await first.check('the refusal proposed');

      // The consul who proposed it cannot confirm it.
      assert.equal((await page.locator(refuse).innerText()).trim(), w['casedesk.refuse_second_button']);
      await page.check('#confirm');
      let res = await submit(page, refuse);
      assert.equal(res.status(), 409, 'the proposing consul confirmed their own refusal');
      assert.ok((await page.locator('.error-summary').innerText()).includes(w['error.case_second_consul_same']));
      await first.shot('own-confirm-refused');
      await first.checker.goto(at(`/staff/applications/${c.reference}`));
      await first.checker.check('#confirm');
      await submit(first.checker, refuse);
      await first.check('the own confirmation refused', { here: true });

      // A second consul takes it over and confirms it, with the reasons proposed.
      const second = await consulTakesOver(t, width, c, server.users.consul2);
      page = second.page;
      const form = await page.locator('main form[action$="/refuse"]').innerText();
      assert.ok(form.includes(w['casedesk.refuse_second'].replace('{{.Consul}}', server.users.consul.username)), `the second consul is not told whose proposal it is: ${form}`);
      await confirmRefusal(second, c, reason);
    });
  });
}

/**
 * confirmRefusal ticks the confirmation box of the refusal on k's case
 * page (its reasons chosen, or proposed) and sends it: the case is
 * decided with reason, which the applicant's API answer gives with how to
 * appeal.
 */
async function confirmRefusal(k, c, reason) {
  const { page } = k;
  await page.check('#confirm');
  await step(page, c.reference, 'refuse');
  await done(page, 'refuse');
  assert.equal(await stage(page), 'Decided');
  assert.ok((await page.locator('dl.facts').first().innerText()).includes(reason.text.en), 'the case does not show the reason');
  await k.shot('refused');
  await k.check('the case refused');
  const r = await api('GET', `/api/v1/applications/${c.reference}`, c.token);
  assert.equal(r.body.decision.result, 'refused');
  assert.deepEqual(r.body.decision.reasons.map((x) => x.id), [reason.id]);
  assert.equal(r.body.decision.appeal?.en, c.type.appeal.en);
}

/** refuseUnconfirmed sends the refusal without its confirmation in the JavaScript context, to check the page with the error. */
async function refuseUnconfirmed(k, c, refuse, reason) {
  await k.checker.goto(at(`/staff/applications/${c.reference}`));
  await k.checker.check(`#reason-${reason.id}`);
  const res = await submit(k.checker, refuse);
  assert.equal(res.status(), 400);
  await k.check('the refusal without its confirmation', { here: true });
}
