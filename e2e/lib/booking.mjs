// The public booking journey through the pages, shared by the browser tests
// that walk it (booking.test.mjs in every language, journeys.test.mjs at
// two widths): pick the visa service and a time, make a mistake in the
// details form, check the answers, book, move the booking and cancel it.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { follow, submit, words } from './page.mjs';

/** The instant the event of a calendar entry starts (its DTSTART in UTC, or local time in its TZID, which must be the mission's). */
export function icsStart(text) {
  const event = text.slice(text.indexOf('BEGIN:VEVENT'));
  assert.ok(text.includes('BEGIN:VEVENT'), `no event in the calendar entry:\n${text}`);
  const m = event.match(/^DTSTART(?:;TZID=([^:;\r\n]+))?[^:\r\n]*:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\r?$/m);
  assert.ok(m, `no DTSTART in the calendar entry's event:\n${text}`);
  const [, tzid, y, mo, d, h, mi, sec, z] = m;
  if (!z) assert.equal(tzid, 'Asia/Shanghai', 'the calendar entry is not in the mission\'s time zone');
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${z ? 'Z' : '+08:00'}`);
}

/**
 * checkVisaStartPage asserts what the start page of Chongqing's visa
 * service shows before a time is chosen, in the words t of its language:
 * "Before you start", what it is for, the documents to bring (a list), the
 * fee (with its source), where and how long the visit takes, and the button
 * to start.
 */
export async function checkVisaStartPage(page, t) {
  const before = page.locator('main section.before-start');
  assert.equal((await before.locator('h2').first().innerText()).trim(), t['catalogue.before_start']);
  assert.ok((await before.locator('ul.documents li').count()) > 0, 'the start page lists no documents to bring');
  const beforeText = await before.innerText();
  for (const key of ['catalogue.documents', 'catalogue.fee', 'catalogue.processing_time', 'catalogue.where', 'catalogue.visit']) {
    assert.ok(beforeText.includes(t[key]), `the start page does not say "${t[key]}"`);
  }
  assert.match(beforeText, /\d+ USD/, 'the start page shows no visa fee');
  assert.equal(await before.locator('a[href="/sources#src-by-embassy-cn-fee-tariff"]').count(), 1, 'the visa fee does not cite its source');
  assert.equal(await page.locator('main a.start[href="/missions/by-cg-chongqing/book/cq-visa"]').count(), 1, 'the start page has no button to start');
  return beforeText;
}

/** A person nobody else is: the one-booking-per-person rule holds across runs on a shared database. */
export function person() {
  const n = randomBytes(4).readUInt32BE() % 10_000_000;
  return { email: `e2e-${randomBytes(6).toString('hex')}@example.com`, passport: `EB${String(n).padStart(7, '0')}` };
}

// NOTICE_MARGIN_MS is how far ahead a time the tests book must start: the
// mission books no time less than 24 hours ahead (the dataset's notice), and
// a time nearer than this could cross that line while a walk goes on from
// the page that offers it to the POST that books it.
export const NOTICE_MARGIN_MS = 25 * 3600_000;

/**
 * laterTime returns the start of the first time offered on page's chosen
 * day that begins more than NOTICE_MARGIN_MS from now, going on to the next
 * days and weeks until one does.
 */
async function laterTime(page) {
  const times = page.locator('form#times button[name="start"]');
  const nextDay = 'main ul.days li:has(a[aria-current="date"]) ~ li a';
  for (let i = 0; i < 20; i++) {
    const starts = await times.evaluateAll((buttons) => buttons.map((b) => b.value));
    const start = starts.find((v) => Date.parse(v) > Date.now() + NOTICE_MARGIN_MS);
    if (start) return start;
    await follow(page, (await page.locator(nextDay).count()) > 0 ? `${nextDay} >> nth=0` : 'nav a[href*="week="] >> nth=-1');
  }
  throw new Error(`no time starting ${NOTICE_MARGIN_MS / 3600_000} hours from now or later was offered up to ${page.url()}`);
}

/**
 * walkBooking books the visa service of the Consulate General in Chongqing
 * through the pages of base in language code, moves it to another time and
 * cancels it. check(page, what, step) is called on every page reached: what
 * names the page for a message, step is a short name of it (missions,
 * services, start, week, details, details-error, check, booked, move, moved,
 * cancel, cancelled).
 */
export async function walkBooking(page, base, code, check) {
  const at = (p) => new URL(p, base).href;
  const who = person();
  const t = words(code);
  let res = await page.goto(at(`/book?lang=${code}`));
  assert.equal(res.status(), 200, `/book answered ${res.status()}`);
  await check(page, 'the missions taking appointments', 'missions');

  res = await follow(page, 'main a[href="/missions/by-cg-chongqing/book"]');
  assert.equal(res.status(), 200);
  await check(page, 'step 1, the services', 'services');

  res = await follow(page, 'main a[href="/missions/by-cg-chongqing/services/cq-visa"]');
  assert.equal(res.status(), 200);
  await checkVisaStartPage(page, t);
  await check(page, 'the service\'s start page', 'start');
  res = await follow(page, 'main a.start[href="/missions/by-cg-chongqing/book/cq-visa"]');
  assert.equal(res.status(), 200);
  assert.match(await page.locator('main').innerText(), /(China Standard Time|北京时间|пекинское время|пекінскі час)\s*[(（]UTC\+8[)）]/, 'the week does not name the time zone');
  // The first weeks may have no free time left (a late Friday); look further.
  const free = page.locator('form#times button[name="start"]');
  for (let i = 0; i < 6 && (await free.count()) === 0; i++) {
    await follow(page, 'nav a[href*="week="] >> nth=-1');
  }
  const bookedStart = await laterTime(page);
  await check(page, 'step 2, a week of times', 'week');
  // The times are large buttons of one chosen day (at least 24 px, WCAG 2.5.8), with the
  // window's first free time offered above them.
  assert.equal(await page.locator('form.first-free button[name="start"]').count(), 1, 'the first free time is not offered');
  const box = await free.first().boundingBox();
  assert.ok(box.height >= 24 && box.width >= 24, `a time button is ${box.width}×${box.height} px`);
  res = await submit(page, `form#times button[name="start"][value="${bookedStart}"]`);
  assert.equal(res.status(), 200, `the details form answered ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, '/missions/by-cg-chongqing/book/cq-visa/details');
  await check(page, 'step 3, the details form', 'details');

  await page.fill('#name', 'Li Wei');
  await page.fill('#email', 'not an email');
  await page.fill('#phone', '+86 23 6000 0000');
  await page.fill('#passport', who.passport);
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 400, `a bad email answered ${res.status()}`);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true', 'the email field is not marked invalid');
  assert.equal(await page.locator('main [role="alert"] a[href="#email"]').count(), 1, 'the error summary does not link to the field');
  await check(page, 'step 3 with a field error', 'details-error');

  await page.fill('#email', who.email);
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200, `the details answered ${res.status()}`);
  assert.equal(await page.locator('form[action$="/confirm"] input[name="key"]').count(), 1, 'no last check with its booking form');
  assert.ok((await page.locator('main').innerText()).includes(who.passport), 'the last check does not show the passport number');
  await check(page, 'step 4, the last check', 'check');

  res = await submit(page, 'form[action$="/confirm"] button[type="submit"]');
  assert.equal(res.status(), 200, `booking ended with ${res.status()}`);
  const manage = new URL(page.url());
  assert.match(manage.pathname, /^\/bookings\/[0-9A-Z]{4}-[0-9A-Z]{4}$/, `booking ended on ${page.url()}`);
  assert.equal(manage.searchParams.get('new'), '1');
  assert.equal(await page.locator('main [role="status"]').count(), 1, 'the new booking is not announced');
  await check(page, 'the new booking', 'booked');

  // Move it: "Change the time", another free time, back on the manage page.
  const reference = manage.pathname.split('/').pop();
  const token = manage.searchParams.get('token');
  const moveForm = `main form[method="get"][action="${manage.pathname}/reschedule"]`;
  assert.equal(await page.locator(moveForm).count(), 1, 'the booking offers no form to change its time');
  assert.equal(await page.locator(`${moveForm} input[type="hidden"][name="token"]`).inputValue(), token, 'the change-the-time form does not carry the token');
  assert.equal((await page.locator(`${moveForm} button[type="submit"]`).innerText()).trim(), t['booking.move_link']);
  res = await submit(page, `${moveForm} button[type="submit"]`);
  assert.equal(res.status(), 200, `the move page answered ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, `${manage.pathname}/reschedule`, `"${t['booking.move_link']}" led to ${page.url()}`);
  assert.equal((await page.locator('h1').innerText()).trim(), t['booking.move_title']);
  assert.ok((await page.locator('main').innerText()).includes(reference), 'the move page does not show the booking\'s reference');
  // The present time is marked in its day, and is not offered as a new one.
  const bookedDate = bookedStart.slice(0, 10);
  const bookedDay = page.locator(`main li#day-${bookedDate}`);
  for (let i = 0; i < 6 && (await bookedDay.count()) === 0; i++) {
    await follow(page, 'nav a[href*="week="] >> nth=-1');
  }
  assert.equal(await bookedDay.count(), 1, `the move page never shows ${bookedDate}, the day of the present time`);
  assert.ok((await bookedDay.innerText()).includes(t['booking.move_current']), `the present time is not marked "${t['booking.move_current']}":\n${await bookedDay.innerText()}`);
  if ((await bookedDay.locator('a').count()) > 0) await follow(page, `main li#day-${bookedDate} a`);
  const times = page.locator('form#times button[name="start"]');
  assert.equal(await page.locator(`button[name="start"][value="${bookedStart}"]`).count(), 0, 'the present time is offered as a new time');
  for (let i = 0; i < 6 && (await times.count()) === 0; i++) {
    await follow(page, 'nav a[href*="week="] >> nth=-1');
  }
  assert.ok((await times.count()) > 0, 'no other free time to move to');
  assert.equal(await page.locator('form#times input[type="hidden"][name="csrf"]').count(), 1, 'the move form has no csrf field');
  const newStart = await laterTime(page);
  await check(page, 'the move page', 'move');
  const choice = page.locator(`form#times button[name="start"][value="${newStart}"]`);
  const clock = (await choice.innerText()).trim();
  const day = (await page.locator(`main li#day-${newStart.slice(0, 10)} span`).first().innerText()).trim();
  assert.notEqual(Date.parse(newStart), Date.parse(bookedStart));
  res = await submit(page, `form#times button[name="start"][value="${newStart}"]`);
  assert.equal(res.status(), 200, `moving ended with ${res.status()}`);
  const moved = new URL(page.url());
  assert.equal(moved.pathname, manage.pathname, `moving ended on ${page.url()}`);
  assert.equal(moved.searchParams.get('moved'), '1', `moving ended on ${page.url()}`);
  assert.equal(moved.searchParams.get('token'), token);
  const news = page.locator('main [role="status"]');
  assert.equal(await news.count(), 1, 'the move is not announced');
  assert.ok((await news.innerText()).includes(t['booking.moved']), `the status box does not say "${t['booking.moved']}":\n${await news.innerText()}`);
  const [from, to] = clock.split('–');
  const when = t['booking.when'].replace('{{.Date}}', day).replace('{{.Start}}', from).replace('{{.End}}', to);
  const whenFact = page.locator(`xpath=//main//dl[contains(@class, "facts")]/dt[normalize-space() = "${t['booking.field.time']}"]/following-sibling::dd[1]`);
  assert.ok((await whenFact.innerText()).includes(when), `the booking shows "${await whenFact.innerText()}", not the new time "${when}"`);
  const api = await page.context().request.get(at(`/api/v1/bookings/${reference}?token=${encodeURIComponent(token)}`));
  assert.equal(api.status(), 200);
  const apiBooking = await api.json();
  assert.equal(Date.parse(apiBooking.start), Date.parse(newStart), `the booking starts at ${apiBooking.start}, not at the time chosen, ${newStart}`);
  assert.equal(apiBooking.status, 'confirmed');
  // Its calendar entry has the new time.
  const ics = page.locator(`main a[href^="/api/v1/bookings/${reference}/calendar.ics?"]`);
  assert.equal(await ics.count(), 1, `the booking has no link "${t['booking.calendar_link']}"`);
  assert.equal((await ics.innerText()).trim(), t['booking.calendar_link']);
  const entry = await page.context().request.get(new URL(await ics.getAttribute('href'), page.url()).href);
  assert.equal(entry.status(), 200, `the calendar entry answered ${entry.status()}`);
  assert.match(entry.headers()['content-type'] ?? '', /^text\/calendar\b/);
  const entryText = await entry.text();
  assert.equal(icsStart(entryText), Date.parse(newStart), `the calendar entry does not start at the new time, ${newStart}:\n${entryText}`);
  await check(page, 'the moved booking', 'moved');

  res = await submit(page, `form[action="${manage.pathname}/cancel"] button[type="submit"]`);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `${manage.pathname}/cancel`);
  await check(page, 'the cancel confirmation', 'cancel');

  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200, `cancelling ended with ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, manage.pathname, `cancelling ended on ${page.url()}`);
  assert.equal(await page.locator(`form[action="${manage.pathname}/cancel"]`).count(), 0, 'a cancelled booking still offers to cancel');
  assert.equal(await page.locator(`form[action="${manage.pathname}/reschedule"]`).count(), 0, 'a cancelled booking still offers to change its time');
  await check(page, 'the cancelled booking', 'cancelled');
}
