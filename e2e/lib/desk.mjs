// What the browser tests of the staff desk share: a booking to work on,
// made through the JSON API, and the audit log's record of an undone
// arrival, found through the log's filters.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { NOTICE_MARGIN_MS } from './booking.mjs';
import { submit, words } from './page.mjs';

/**
 * bookThroughApi books the first free time of a service of the Consulate
 * General in Chongqing (cq-collect unless told) through the JSON API; it
 * returns the reference and the day in Chongqing.
 */
export async function bookThroughApi(base, service = 'cq-collect', name = 'Desk Check') {
  const at = (p) => new URL(p, base).href;
  const slots = await (await fetch(at(`/api/v1/missions/by-cg-chongqing/slots?service=${service}`))).json();
  const free = (slots.slots ?? []).filter((s) => s.available > 0 && Date.parse(s.start) > Date.now() + NOTICE_MARGIN_MS);
  if (free.length === 0) throw new Error(`no free time of ${service}: ${JSON.stringify(slots).slice(0, 300)}`);
  const res = await fetch(at('/api/v1/bookings'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ service, start: free[0].start, name, email: `e2e-desk-${randomBytes(6).toString('hex')}@example.com`, phone: '+86 23 6000 0000' }),
  });
  const b = await res.json();
  if (res.status !== 201) throw new Error(`booking through the API: ${res.status} ${JSON.stringify(b)}`);
  return { reference: b.reference, day: free[0].start.slice(0, 10) }; // the start is written with +08:00
}

/**
 * checkUndoInAudit filters the audit log on page (signed in as an admin)
 * for the undone arrival of the booking reference, and asserts it is found
 * once and shows the change field by field, the status in words. It returns the filtered log's
 * URL.
 */
export async function checkUndoInAudit(page, base, reference) {
  let res = await page.goto(new URL('/staff/audit', base).href);
  assert.equal(res.status(), 200);
  const w = words('en');
  assert.equal((await page.locator('#audit-what option[value="booking.attendance_undo"]').innerText()).trim(), w['audit.action.booking.attendance_undo'], 'the action filter shows a code');
  await page.selectOption('#audit-what', 'booking.attendance_undo');
  await page.fill('#audit-id', reference);
  res = await submit(page, 'form[action="/staff/audit"] button[type="submit"]');
  assert.equal(res.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('what'), 'booking.attendance_undo', 'the filter is not a GET parameter');
  const rows = page.locator('table.audit > tbody > tr');
  assert.equal(await rows.count(), 1, `the filtered log has ${await rows.count()} rows`);
  const diff = await rows.first().locator('table.audit-diff').innerText();
  const [before, after] = [w['audit.status.checked_in'], w['audit.status.confirmed']];
  assert.ok(new RegExp(`Status\\s+${before}\\s+${after}`).test(diff), `the change is not shown field by field, in words:\n${diff}`);
  return url;
}
