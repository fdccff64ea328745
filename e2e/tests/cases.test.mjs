// The applicant's consular case, through the pages with JavaScript off
// (issue 14 §8): a visa application at the Consulate General in Chongqing,
// from the list of what one can apply for to the export of everything the
// mission holds, walked at 320 px in English and at 1280 px in Chinese;
// "Send me my link again"; a withdrawal through its confirmation page.
//
// The server sends its mail through its real outbox and SMTP client to a
// mailbox of the test (lib/mailbox.mjs): the staff outbox masks the private
// link's token and the confirmation code, which belong to the applicant,
// and the test checks that it does. At every step: axe-core (in a second
// context that runs scripts, on the page's HTML), no sideways scrolling,
// no message key shown in place of its words, and a full-page screenshot
// as artifacts/cases/<walk>/<width>-<nn>-<step>.png (not committed).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { e2eDir, launchBrowser, signIn, startServer } from '../lib/server.mjs';
import { axeCheck as axeCheckPage, follow, measure, submit, words } from '../lib/page.mjs';
import { startMailbox } from '../lib/mailbox.mjs';
import { mrz, pdf, png, unzip } from '../lib/casefiles.mjs';

// Links in mail start with the public address the server is given; the test
// follows them on the server itself.
const PUBLIC_URL = 'http://chancery.test';
const ARTIFACTS = path.join(e2eDir, 'artifacts', 'cases');
const MISSION = 'by-cg-chongqing';
const MAIL_MS = 150_000; // the mail job runs every 30 seconds

const env = { server: undefined, browser: undefined, mailbox: undefined, files: undefined };
before(async () => {
  env.mailbox = await startMailbox();
  env.server = await startServer({ args: ['-smtp', env.mailbox.smtpURL, '-public-url', PUBLIC_URL] });
  env.browser = await launchBrowser();
  // The files the applicant uploads, written where a person keeps them.
  env.files = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-e2e-cases-'));
  fs.writeFileSync(path.join(env.files, 'photo.png'), png(360, 480));
  for (const name of ['identity.pdf', 'invitation.pdf', 'insurance.pdf']) fs.writeFileSync(path.join(env.files, name), pdf());
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
  await env.mailbox?.stop();
  if (env.files) fs.rmSync(env.files, { recursive: true, force: true });
});

const at = (p) => new URL(p, env.server.url).href;
/** onServer turns a link of a mail (on PUBLIC_URL) into the same address on the test's server. */
const onServer = (link) => {
  const u = new URL(link);
  assert.equal(u.origin, PUBLIC_URL, `a link in the mail does not start with the public address: ${link}`);
  return at(u.pathname + u.search);
};
/** fill puts data into a message of the locale files. */
const fill = (message, data) => message.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => data[k]);
/** A person nobody else is. */
const someone = (tag) => `e2e-case-${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

// The applicant, as the passport's zone says, and their trip.
const HOLDER = { surname: 'Wang', given: 'Lei', number: 'EJ1234567', nationality: 'CHN', birth: '1990-05-17', sex: 'M', expiry: '2034-01-01' };
const ZONE = mrz(HOLDER);

/**
 * walker returns step(page, name), which checks the page at its width (no
 * sideways scrolling, naming the element that sticks out; axe-core; no
 * message key shown raw) and keeps its screenshot, numbered in the order
 * taken. The checker context runs scripts, for axe-core.
 */
function walker(walk, width, t, code = 'en') {
  // English messages of the case pages that the page's language says otherwise: none may show in it.
  const english = words('en');
  const own = words(code);
  const foreign = code === 'en' ? [] : Object.entries(english)
    .filter(([k, v]) => /^(case|casefiles|caseident|caseseal|casedesk|retention)\./.test(k) && !v.includes('{{') && v.length > 12 && own[k] !== v)
    .map(([, v]) => v);
  const tag = { en: 'en', zh: 'zh-Hans', ru: 'ru', be: 'be' }[code];
  const dir = path.join(ARTIFACTS, walk);
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  let checker;
  t.after(() => checker?.context().close());
  return async (page, name) => {
    n++;
    const what = `${walk} at ${width} px, step ${name}`;
    const m = await page.evaluate(measure);
    assert.ok(
      m.scrollWidth <= m.clientWidth,
      `${what} (${page.url()}) scrolls sideways: ${m.scrollWidth} px in ${m.clientWidth} px` +
        (m.widest ? `; widest: <${m.widest.name}> to ${m.widest.right} px ("${m.widest.text}")` : ''),
    );
    const text = await page.locator('body').innerText();
    const raw = text.match(/\b(?:case|casefiles|caseident|caseseal|casedesk|retention|booking|error|find)\.[a-z_]+(?:\.[a-z_]+)*\b/);
    assert.equal(raw, null, `${what} shows a message key instead of its words: ${raw?.[0]}`);
    assert.equal(await page.getAttribute('html', 'lang'), tag, `${what} is not in the language asked for`);
    const untranslated = foreign.filter((v) => text.includes(v));
    assert.deepEqual(untranslated, [], `${what} shows English in a page in ${code}`);
    const file = path.join(dir, `${width}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (!checker) {
      const context = await env.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
      checker = await context.newPage();
      await checker.goto(at('/'));
    }
    await checker.setContent(await page.content(), { waitUntil: 'load' });
    await axeCheckPage(checker, what);
  };
}

/** noJS opens a page at width in a fresh context with JavaScript off. */
async function noJS(t, width, locale) {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale, viewport: { width, height: 900 }, acceptDownloads: true });
  t.after(() => context.close());
  return context.newPage();
}

/** status is the text of the application's status in the facts at the top of its page. */
async function status(page, w) {
  return (await page.locator(`xpath=//main//dl[contains(@class,"facts")]/dt[normalize-space()="${w['case.status']}"]/following-sibling::dd[1]`).innerText()).trim();
}

/** startByAPI starts an application of the visa type through the JSON API, as a phone app would; it returns { reference, token }. */
async function startByAPI(email) {
  const res = await fetch(at('/api/v1/applications'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mission: MISSION, case_type: 'visa', email, language: 'en' }),
  });
  const a = await res.json();
  assert.equal(res.status, 201, `starting an application through the API: ${JSON.stringify(a)}`);
  return a;
}

/** The links of a mail about an application: its private link and, in the first, the link that confirms the address. */
function links(mail) {
  const all = mail.text.match(/https?:\/\/\S+/g) ?? [];
  return {
    confirm: all.find((l) => /\/applications\/[^/?]+\/confirm\?/.test(l)),
    manage: all.find((l) => /\/applications\/[^/?]+\?token=/.test(l)),
  };
}

/**
 * walkVisa walks the visa application at one width in one language, with
 * JavaScript off, from the list of case types to the export.
 */
async function walkVisa(t, width, code, locale) {
  const w = words(code);
  const page = await noJS(t, width, locale);
  const step = walker('visa', width, t, code);
  const email = someone(code);

  // From the mission's page to what one can apply for, and the visa's start page.
  let res = await page.goto(at(`/missions/${MISSION}?lang=${code}`));
  assert.equal(res.status(), 200);
  const apply = page.locator(`main section.door .next-step a[href="/missions/${MISSION}/apply"]`);
  assert.equal((await apply.innerText()).trim(), w['case.index_title'], 'the mission\'s page does not offer to apply online');
  await step(page, 'mission');
  res = await follow(page, `main section.door .next-step a[href="/missions/${MISSION}/apply"]`);
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('main h1').innerText()).trim(), w['case.index_title']);
  assert.equal(await page.locator('main a[href="/applications/find"]').count(), 1, 'the list does not lead to "Send me my link again"');
  await step(page, 'index');
  res = await follow(page, `main a[href="/missions/${MISSION}/apply/visa"]`);
  assert.equal(res.status(), 200);
  assert.ok((await page.locator('main').innerText()).includes(w['case.before_start']), 'the start page does not say what to know before starting');
  await step(page, 'start');

  // A mistake in the address first, then the address.
  await page.fill('#email', 'not an address');
  res = await submit(page, '#apply-form button[type="submit"]');
  assert.equal(res.status(), 400, `a malformed address answered ${res.status()}`);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true', 'the address field is not marked invalid');
  await step(page, 'start-error');
  await page.fill('#email', email);
  assert.equal(await page.locator('#msg_lang').inputValue(), code, 'the language of the mail is not the page\'s');
  res = await submit(page, '#apply-form button[type="submit"]');
  assert.equal(res.status(), 200);
  const sent = page.locator('main [role="status"]');
  assert.equal((await sent.locator('h2').innerText()).trim(), w['case.sent_title']);
  assert.ok((await sent.innerText()).includes(email), 'the page does not say where the mail went');
  await step(page, 'sent');

  // The first mail: the private link and the link that confirms the address.
  const first = await env.mailbox.waitFor((m) => m.to.includes(email) && links(m).confirm, `with a confirmation link to ${email}`, MAIL_MS);
  const { confirm, manage } = links(first);
  assert.ok(manage, `the first mail has no private link:\n${first.text}`);
  const reference = decodeURIComponent(new URL(manage).pathname.split('/')[2]);
  assert.match(reference, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/, `the private link names no reference: ${manage}`);
  assert.ok(first.subject.includes(reference), `the first mail's subject does not name ${reference}: ${first.subject}`);

  // The private link, before the address is confirmed.
  res = await page.goto(onServer(manage));
  assert.equal(res.status(), 200);
  assert.ok((await page.locator('main .notice[role="note"]').first().innerText()).includes(email), 'the page does not ask to confirm the address first');
  await step(page, 'draft-unconfirmed');

  // The confirmation link opens a page whose button confirms.
  res = await page.goto(onServer(confirm));
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('main h1').innerText()).trim(), w['case.confirm_title']);
  await step(page, 'confirm');
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('confirmed'), '1');
  assert.equal((await page.locator('main [role="status"]').innerText()).trim(), w['case.confirmed']);
  await step(page, 'confirmed');

  // The answers, with the passport's zone, and a surname that differs from it.
  await page.fill('#q-surname', 'Wong');
  await page.fill('#q-given_names', HOLDER.given);
  await page.fill('#q-date_of_birth', HOLDER.birth);
  await page.check('#q-sex-m');
  await page.fill('#q-nationality', HOLDER.nationality);
  await page.fill('#q-passport_number', HOLDER.number);
  await page.fill('#q-passport_expiry', HOLDER.expiry);
  await page.check('#q-visa_type-c');
  await page.check('#q-purpose-business');
  await page.fill('#q-arrival', '2027-03-15');
  await page.fill('#q-departure', '2027-03-30');
  await page.fill('#q-host', 'Minsk Tractor Works');
  await page.check('#q-refused_before-no');
  await page.fill('#mrz', ZONE);
  res = await submit(page, '#answers-form button[type="submit"]');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('saved'), '1', `saving the answers did not end on the saved page:\n${await page.locator('main').innerText()}`);
  const check = page.locator('#identity-check');
  assert.ok((await check.innerText()).includes(w['caseident.mismatches']), `the page does not warn that the surname differs from the zone:\n${await check.innerText()}`);
  const differs = check.locator('a[href="#q-surname"]');
  assert.equal(await differs.count(), 1, 'the warning does not lead to the surname question');
  assert.equal((await differs.innerText()).trim(), w['caseident.role.surname']);
  assert.ok((await check.innerText()).includes(fill(w['caseident.mismatch'], { Typed: 'Wong', Zone: 'WANG' })), `the warning does not say what was typed and what the zone says:\n${await check.innerText()}`);
  await step(page, 'zone-differs');

  // Fixed; the question asked only for a short stay is there now.
  await page.fill('#q-surname', HOLDER.surname);
  assert.equal(await page.locator('#q-entries').count(), 1, 'the number of entries is not asked for a short-stay visa');
  await page.check('#q-entries-single');
  res = await submit(page, '#answers-form button[type="submit"]');
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('#identity-check').innerText()).trim(), w['caseident.matches']);
  assert.equal(await page.inputValue('#mrz'), ZONE, 'the zone typed is not kept');
  await step(page, 'zone-matches');

  // The documents, one file input each; the photo is a PNG of the photo rule's size.
  const items = await page.locator('ul.checklist > li').evaluateAll((lis) => lis.map((li) => li.id.replace(/^doc-/, '')));
  assert.deepEqual([...items].sort(), ['identity', 'insurance', 'invitation', 'photo'], 'the checklist of a business trip is not the passport, photo, invitation and insurance');
  for (const item of items) {
    await page.setInputFiles(`#file-${item}`, path.join(env.files, item === 'photo' ? 'photo.png' : `${item}.pdf`));
    res = await submit(page, `#doc-${item} form.upload button[type="submit"]`);
    assert.equal(res.status(), 200, `uploading ${item} answered ${res.status()}:\n${await page.locator(`#doc-${item}`).innerText()}`);
    assert.equal(new URL(page.url()).searchParams.get('uploaded'), '1');
    const li = page.locator(`#doc-${item}`);
    assert.ok((await li.innerText()).includes(w['case.document_added']), `${item} is not marked added:\n${await li.innerText()}`);
    assert.equal(await li.locator('ul.files li').count(), 1, `${item} does not list its file`);
  }
  assert.ok((await page.locator('#doc-photo .file-name').innerText()).includes('photo.png'));
  // The photo takes one file: the page offers no second upload, and says why.
  assert.equal(await page.locator('#file-photo').count(), 0, 'the photo, which takes one file, still offers an upload');
  assert.ok((await page.locator('#doc-photo').innerText()).includes(fill(w['error.upload_item_full'], { Max: 1 })), 'the photo does not say it takes one file');
  assert.equal(await page.locator('main').getByText(w['case.document_missing'], { exact: true }).count(), 0, 'a checklist item is still missing');
  assert.equal(await page.locator('main h2', { hasText: w['case.submit_title'] }).count(), 1);
  const stillMissing = w['case.missing'].split('{{')[0].trim();
  assert.ok(!(await page.locator('main').innerText()).includes(stillMissing), 'the page still says something is missing');
  await step(page, 'checklist-complete');

  // Check your answers: every answer and file with a link to change it;
  // sending without the declaration is refused and says so; with it, sent.
  const draftStatus = await status(page, w);
  res = await follow(page, `main a[href^="/applications/${reference}/check?"]`);
  assert.equal(res.status(), 200, `the check page answered ${res.status()}`);
  assert.ok((await page.locator('main h1').innerText()).includes(w['case.check_title']), 'the check page has no title');
  assert.ok(await page.locator('main dl.check-answers a', { hasText: w['case.change'] }).count() > 5, 'the check page offers no change links');
  await step(page, 'check-answers');
  res = await submit(page, 'main form[action*="/submit"] button[type="submit"]');
  assert.equal(res.status(), 400, `sending without the declaration answered ${res.status()}`);
  assert.equal(await page.locator('main [role="alert"] a[href="#declaration"]').count(), 1, 'the error summary does not link to the declaration');
  await step(page, 'check-declaration-missing');
  await page.check('#declaration');
  res = await submit(page, 'main form[action*="/submit"] button[type="submit"]');
  assert.equal(res.status(), 200, `submitting answered ${res.status()}:\n${await page.locator('main').innerText()}`);
  assert.notEqual(await status(page, w), draftStatus, 'the status did not change on submission');
  const history = page.locator('main ol.history li');
  assert.equal(await history.count(), 2, `the timeline is not the draft and the submission:\n${await page.locator('main ol.history').innerText()}`);
  assert.ok((await history.nth(1).innerText()).includes(await status(page, w)), 'the timeline does not end with the status');
  assert.equal(await page.locator('#answers-form').count(), 0, 'a sent application can still be edited');
  assert.equal(await page.locator('main input[type="file"]').count(), 0, 'a sent application still takes files');
  assert.ok((await page.locator('main dl.facts').first().innerText()).includes(w['case.submitted_at']), 'the page does not say when it was sent');
  await step(page, 'submitted');

  // Everything the mission holds, as a zip with case.json.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`main a[href^="/applications/${reference}/export?"]`)]);
  const zipPath = path.join(env.files, `${reference}-${width}.zip`);
  await download.saveAs(zipPath);
  assert.match(download.suggestedFilename(), /\.zip$/);
  const entries = unzip(fs.readFileSync(zipPath));
  assert.ok(entries.has('case.json'), `the export holds no case.json: ${[...entries.keys()].join(', ')}`);
  const record = JSON.parse(entries.get('case.json').toString('utf8'));
  assert.equal(record.reference, reference);
  assert.equal(record.email, email);
  assert.equal(record.passport_zone.replace(/\r/g, ''), ZONE);
  assert.equal(record.documents.length, 4, 'the export does not list the four files');
  assert.ok(entries.size >= 5, `the export does not hold the files: ${[...entries.keys()].join(', ')}`);

  // Another browser, without the private link's token, finds nothing.
  const stranger = await noJS(t, width, locale);
  res = await stranger.goto(at(`/applications/${reference}`));
  assert.equal(res.status(), 404, 'the application opens without its token');
  res = await stranger.goto(at(`/applications/${reference}?token=not-the-token`));
  assert.equal(res.status(), 404, 'the application opens with a wrong token');
  res = await stranger.goto(at(`/applications/${reference}/export`));
  assert.equal(res.status(), 404, 'the export opens without its token');
  await step(stranger, 'stranger-404');
  return { reference, email, subject: first.subject };
}

describe('an applicant\'s consular case, without JavaScript', () => {
  test('a visa application from the list to the export, at 320 px in English and 1280 px in Chinese', async (t) => {
    fs.rmSync(path.join(ARTIFACTS, 'visa'), { recursive: true, force: true });
    const walked = await walkVisa(t, 320, 'en', 'en-US');
    await walkVisa(t, 1280, 'zh', 'zh-CN');

    // Staff read the first mail in the outbox, the token and the code masked.
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    t.after(() => context.close());
    const staffPage = await context.newPage();
    await signIn(staffPage, env.server.url, env.server.users.admin);
    await staffPage.goto(at('/staff/outbox'));
    const subject = staffPage.locator('main td a', { hasText: walked.subject });
    assert.equal(await subject.count(), 1, `the outbox does not list the first mail to ${walked.email}, "${walked.subject}"`);
    await follow(staffPage, `main td a:has-text("${walked.subject}")`);
    const body = await staffPage.locator('pre.message').innerText();
    assert.ok(body.includes(`/applications/${walked.reference}`), `the staff copy of a mail about ${walked.reference} does not name it:\n${body}`);
    assert.doesNotMatch(body, /[?&](token|code)=[A-Za-z0-9_-]/, 'staff see the private link\'s token or the confirmation code');
  });

  test('"Send me my link again": a wrong pair and the right pair get the same page; the right one a new link', async (t) => {
    fs.rmSync(path.join(ARTIFACTS, 'find'), { recursive: true, force: true });
    const page = await noJS(t, 320, 'en-US');
    const step = walker('find', 320, t);
    const w = words('en');
    const email = someone('find');
    const a = await startByAPI(email);

    const ask = async (reference, address) => {
      await page.goto(at('/applications/find'));
      await page.fill('#reference', reference);
      await page.fill('#email', address);
      const res = await submit(page, '#find-form button[type="submit"]');
      return { status: res.status(), said: (await page.locator('main [role="status"]').innerText()).trim() };
    };
    let res = await page.goto(at('/applications/find'));
    assert.equal(res.status(), 200);
    assert.equal((await page.locator('main h1').innerText()).trim(), w['caseident.find.title']);
    await step(page, 'find');
    const wrong = await ask(a.reference, someone('other'));
    await step(page, 'find-wrong-pair');
    // The reference typed in small letters and without its hyphen is the same reference.
    const right = await ask(a.reference.replace('-', '').toLowerCase(), email);
    await step(page, 'find-right-pair');
    assert.deepEqual(wrong, right, 'a wrong pair and the right pair are not answered alike');
    assert.equal(right.said, w['caseident.find.sent']);

    // The new link opens the application; the old one no longer does.
    const mail = await env.mailbox.waitFor((m) => m.to.includes(email) && links(m).manage && !m.text.includes(a.token), `with a new link to ${email}`, MAIL_MS);
    assert.equal(env.mailbox.messages.filter((m) => m.text.includes(a.reference) && !m.to.includes(email)).length, 0, 'a mail about the application went to another address');
    res = await page.goto(onServer(links(mail).manage));
    assert.equal(res.status(), 200, 'the new link does not open the application');
    await step(page, 'new-link');
    res = await page.goto(at(`/applications/${a.reference}?token=${encodeURIComponent(a.token)}`));
    assert.equal(res.status(), 404, 'the old link still opens the application');
  });

  test('a second application is withdrawn through its confirmation page', async (t) => {
    fs.rmSync(path.join(ARTIFACTS, 'withdraw'), { recursive: true, force: true });
    const page = await noJS(t, 320, 'en-US');
    const step = walker('withdraw', 320, t);
    const w = words('en');
    const a = await startByAPI(someone('withdraw'));
    const own = `/applications/${a.reference}?token=${encodeURIComponent(a.token)}`;

    let res = await page.goto(at(own));
    assert.equal(res.status(), 200);
    const before = await status(page, w);
    await step(page, 'draft');
    res = await follow(page, 'main .manage-actions a[href*="/withdraw"]');
    assert.equal(res.status(), 200);
    assert.equal((await page.locator('main h1').innerText()).trim(), w['case.withdraw_title']);
    assert.ok((await page.locator('main').innerText()).includes(w['case.withdraw_sure']), 'the page does not say a withdrawal cannot be undone');
    assert.equal(await status(page, w), before, 'the application changed before the withdrawal was confirmed');
    await step(page, 'withdraw-confirm');
    // Going back changes nothing.
    res = await follow(page, `main a[href="${own}"]`);
    assert.equal(await status(page, w), before);
    res = await follow(page, 'main .manage-actions a[href*="/withdraw"]');
    res = await submit(page, 'main form[action*="/withdraw"] button.danger[type="submit"]');
    assert.equal(res.status(), 200, `withdrawing answered ${res.status()}`);
    assert.equal(new URL(page.url()).pathname, `/applications/${a.reference}`);
    assert.notEqual(await status(page, w), before, 'the status did not change on withdrawal');
    assert.equal(await page.locator('main .manage-actions a[href*="/withdraw"]').count(), 0, 'a withdrawn application can be withdrawn again');
    assert.equal(await page.locator('#answers-form').count(), 0, 'a withdrawn application can still be edited');
    assert.equal(await page.locator('main ol.history li').count(), 2, 'the timeline is not the draft and the withdrawal');
    await step(page, 'withdrawn');
  });
});
