// Helpers for the browser tests of event registration: open registration
// for a record event through the staff form (as a consul or admin would),
// and make the registrations whose private pages the axe check visits.

import { randomBytes } from 'node:crypto';
import { signIn } from './server.mjs';

/** The record event of the default dataset the tests open registration for. */
export const EVENT_ID = 'business-forum-2019';

/** The value of a datetime-local field for an instant, in Chongqing's time (UTC+08:00, no daylight saving). */
export function chongqingLocal(date) {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A person nobody else is, so a rerun on a shared database registers anew. */
export function guest() {
  return { name: 'Alesia Ptashuk', email: `e2e-event-${randomBytes(6).toString('hex')}@example.com` };
}

/**
 * openRegistration fills in and saves the staff form of EVENT_ID in page
 * (signed in as an admin or consul): the event ten days from now, with
 * free places beside those taken already (a PostgreSQL database of
 * CHANCERY_E2E_DB keeps the registrations of earlier runs) and a waiting
 * list, registration open from yesterday; texts, by the form's field name
 * (description_en, agenda_zh, arrival_ru…), are filled in too. It throws
 * unless the form saved.
 */
export async function openRegistration(page, base, { free = 10, waitlist = true, texts = {} } = {}) {
  const path = `/staff/events/${EVENT_ID}`;
  const now = await fetch(new URL(`/api/v1/events/${EVENT_ID}/registration`, base));
  const taken = now.status === 200 ? (await now.json()).registered : 0;
  const capacity = taken + free;
  const res = await page.goto(new URL(path, base).href);
  if (res.status() !== 200 || new URL(page.url()).pathname !== path) throw new Error(`${path} answered ${res.status()} on ${page.url()}`);
  const day = 24 * 3600_000;
  const start = new Date(Math.floor(Date.now() / day) * day + 10 * day + 6 * 3600_000); // 14:00 in Chongqing
  const form = `form[action="${path}"]`;
  await page.fill(`${form} [name="start"]`, chongqingLocal(start));
  await page.fill(`${form} [name="end"]`, chongqingLocal(new Date(start.getTime() + 3 * 3600_000)));
  await page.fill(`${form} [name="venue_en"]`, 'Chongqing International Expo Centre');
  await page.fill(`${form} [name="venue_zh"]`, '重庆国际博览中心');
  await page.fill(`${form} [name="capacity"]`, String(capacity));
  await page.fill(`${form} [name="opens"]`, chongqingLocal(new Date(Date.now() - day)));
  await page.fill(`${form} [name="closes"]`, chongqingLocal(new Date(start.getTime() - day)));
  for (const [name, text] of Object.entries(texts)) await page.fill(`${form} [name="${name}"]`, text);
  await page.setChecked(`${form} [name="waitlist"]`, waitlist);
  await page.setChecked(`${form} [name="open"]`, true);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.click(`${form} button[type="submit"]`),
  ]);
  await page.waitForLoadState('load');
  if (saved.status() !== 303 || new URL(page.url()).searchParams.get('saved') !== '1') {
    throw new Error(`saving ${path} answered ${saved.status()} and ended on ${page.url()}:\n${await page.locator('main').innerText()}`);
  }
}

/** register registers who for EVENT_ID through the JSON API and returns the answer. */
export async function register(base, who) {
  const res = await fetch(new URL(`/api/v1/events/${EVENT_ID}/registrations`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: who.name, email: who.email, lang: 'en' }),
  });
  const body = await res.json();
  if (res.status !== 201 || !body.manage_url) throw new Error(`registering for ${EVENT_ID}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * eventPages opens registration of EVENT_ID with one free place through the
 * staff form, takes the place and a place in line through the API, and
 * returns the public pages of registration with the statuses they must
 * answer (the event page then offers its waiting list), and undo, which
 * cancels both registrations.
 */
export async function eventPages(browser, server) {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await signIn(page, server.url, server.users.admin);
    await openRegistration(page, server.url, { free: 1, waitlist: true });
  } finally {
    await context.close();
  }
  const placed = await register(server.url, guest());
  const waiting = await register(server.url, guest());
  const manage = new URL(placed.manage_url, server.url);
  const undo = () =>
    Promise.all(
      [waiting, placed].map((r) =>
        fetch(new URL(`/api/v1/registrations/${r.reference}/cancel`, server.url), { method: 'POST', headers: { Authorization: `Bearer ${r.token}` } }),
      ),
    );
  return {
    undo,
    pages: [
      [`/events/${EVENT_ID}`, 200],
      [`${placed.manage_url}&new=1`, 200],
      [`${waiting.manage_url}&new=1`, 200],
      [`${manage.pathname}/cancel${manage.search}`, 200],
      ['/events/no-such-event', 404],
      ['/registrations/AAAA-AAAA?token=wrong', 404],
    ],
  };
}
