// The staff desk in the browser, without JavaScript: the desk's own
// navigation, an officer marking a person as arrived on the day sheet and
// undoing it from the confirmation, and an administrator finding that undo in the
// audit log through its filters, seen field by field. axe-core runs on
// every page those steps land on (in a second browser context, since
// axe-core needs JavaScript).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck, submit, words } from '../lib/page.mjs';
import { bookThroughApi, checkUndoInAudit } from '../lib/desk.mjs';

const env = serverAndBrowser();
const at = (p) => new URL(p, env.server.url).href;

/** noJSPage is a new page in a fresh context (no cookies) with JavaScript off. */
async function noJSPage(t) {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  t.after(() => context.close());
  return context.newPage();
}

/** axeAt signs user in with JavaScript on and runs axe-core on each of paths. */
async function axeAt(t, user, paths) {
  const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
  t.after(() => context.close());
  const page = await context.newPage();
  await signIn(page, env.server.url, user);
  for (const p of paths) {
    const res = await page.goto(at(p));
    assert.equal(res.status(), 200, `${p} answered ${res.status()}`);
    await axeCheck(page, p);
  }
}

describe('the staff desk', () => {
  test('without JavaScript: mark as arrived, undo, and find the undo in the audit log', async (t) => {
    const w = words('en');
    const { reference, day } = await bookThroughApi(env.server.url);
    const officer = await noJSPage(t);
    await signIn(officer, env.server.url, env.server.users.officer);
    const sheet = `/staff/missions/by-cg-chongqing/day?date=${day}`;
    let res = await officer.goto(at(sheet));
    assert.equal(res.status(), 200);
    const nav = officer.locator(`nav[aria-label="${w['desk.nav']}"]`);
    assert.equal(await nav.count(), 1, 'the day sheet has no staff navigation');
    assert.equal(await nav.locator('a[href="/staff#appointments"][aria-current="page"]:visible').count(), 1, 'the appointments section is not marked current');
    assert.equal(await nav.locator('a[href="/staff/audit"]').count(), 0, 'an officer is offered the audit log');
    const seen = [sheet];

    const mark = `form[action="/staff/bookings/${reference}/attendance"]:has(input[value="checked_in"]) button[type="submit"]`;
    assert.ok((await officer.locator(mark).innerText()).startsWith(w['desk.mark_arrived']), 'the button does not say "Mark as arrived"');
    res = await submit(officer, mark);
    assert.equal(res.status(), 200);
    const notice = officer.locator('main .desk-notice[role="status"]');
    assert.ok((await notice.innerText()).includes(`Desk Check (${reference}) is marked as arrived`), 'no message names the person marked');
    assert.ok((await officer.locator('#group-checked_in + .table-wrap table').innerText()).includes(reference), 'the person is not listed as arrived');
    seen.push(new URL(officer.url()).pathname + new URL(officer.url()).search);

    res = await submit(officer, `main .desk-notice form[action="/staff/bookings/${reference}/attendance/undo"] button[type="submit"]`);
    assert.equal(res.status(), 200);
    assert.ok((await officer.locator('main .desk-notice').innerText()).includes('is undone'), 'the undo is not confirmed');
    assert.equal(await officer.locator(mark).count(), 1, 'after the undo the person cannot be marked again');
    seen.push(new URL(officer.url()).pathname + new URL(officer.url()).search);
    // Besides: a form the officer may read but not save, and a service's places a page at a time.
    await axeAt(t, env.server.users.officer, [...seen, '/staff/record/entity/kapyl-district', '/staff/services/cq-collect', '/staff/services/cq-collect?page=2']);

    const admin = await noJSPage(t);
    await signIn(admin, env.server.url, env.server.users.admin);
    const url = await checkUndoInAudit(admin, env.server.url, reference);
    // The desk's navigation lists its links twice (folded for phones, in a row for wide screens): one shows.
    assert.equal(await admin.locator('nav[aria-label] a[href="/staff/audit"][aria-current="page"]').filter({ visible: true }).count(), 1, 'the audit section is not marked current');
    await axeAt(t, env.server.users.admin, ['/staff/audit', url.pathname + url.search]);
  });
});
