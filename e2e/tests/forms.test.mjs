// Forms checked whole answer with GOV.UK's error summary: sent with several
// mistakes, the page says "Error:" in its title, opens with the focus on
// the summary, lists every problem as a link to its field, and shows each
// message above its field; axe-core finds nothing wrong with any of them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck, submit, words } from '../lib/page.mjs';

const env = serverAndBrowser();
const at = (path) => new URL(path, env.server.url).href;
const en = words('en');

/** summaryOf checks the error summary of the page: focused, and linking to fields in order. */
async function summaryOf(page, want, what) {
  assert.match(await page.title(), new RegExp(`^${en['forms.title_error']} `), `${what}: the title does not say it is in error`);
  // The browser moves the focus (autofocus) when it next renders the page.
  const focused = await page
    .waitForFunction(() => document.activeElement?.classList.contains('error-summary'), null, { timeout: 5000 })
    .then(() => true, () => false);
  assert.ok(focused, `${what}: the summary does not have the focus`);
  const links = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, want.map((id) => `#${id}`), `${what}: the summary links`);
  for (const id of want) {
    const describedBy = (await page.getAttribute(`#${CSS.escape(id)}`, 'aria-describedby')) ?? '';
    assert.ok(describedBy.split(' ').includes(`${id}-error`), `${what}: #${id} does not name its message`);
    assert.equal(await page.getAttribute(`#${CSS.escape(id)}`, 'aria-invalid'), 'true', `${what}: #${id} is not marked invalid`);
  }
  await axeCheck(page, what);
}

// CSS.escape for the ids the forms use (letters, digits, hyphens, underscores).
const CSS = { escape: (s) => s.replace(/[^\w-]/g, (c) => `\\${c}`) };

describe('error summaries', () => {
  test('sign-in and the visa check', async (t) => {
    const context = await env.browser.newContext({ locale: 'en-US', bypassCSP: true });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(at('/staff/login'));
    let res = await submit(page, 'form[action="/staff/login"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['username', 'password'], 'sign-in with nothing typed');

    res = await page.goto(at('/entry-check?destination=BY&nationality=&passport=ordinary&purpose=tourism&stay_days=0&on=2026-02-30'));
    assert.equal(res.status(), 400);
    await summaryOf(page, ['nationality', 'stay_days', 'on'], 'the visa check with three mistakes');
  });

  test('staff forms', async (t) => {
    const context = await env.browser.newContext({ locale: 'en-US', bypassCSP: true });
    t.after(() => context.close());
    const page = await context.newPage();
    await signIn(page, env.server.url, env.server.users.admin);
    const forum = '/staff/events/business-forum-2019';
    // Each form: where it is, what is typed into it, and the fields in error, in order.
    const forms = [
      { what: 'the mission form with three mistakes', path: '/staff/missions/by-cg-chongqing', action: '/staff/missions/by-cg-chongqing',
        fill: { name_en: '', opened_on: '2021-13', time_zone: 'Mars/Olympus' }, want: ['name_en', 'opened_on', 'time_zone'] },
      { what: 'the service form with two mistakes', path: '/staff/services/cq-visa', action: '/staff/services/cq-visa',
        fill: { 'svc-capacity': '0', 'svc-window': '0' }, want: ['svc-capacity', 'svc-window'] },
      { what: 'the source form with two mistakes', path: '/staff/sources', action: '/staff/sources',
        fill: { 'src-id': 'Not An Id', 'src-published': '2021-13' }, want: ['src-id', 'src-published'] },
      { what: 'the event settings with two mistakes', path: forum, action: forum,
        fill: { 'ev-start': '2030-05-20T14:00', 'ev-end': '2030-05-20T17:00', 'ev-opens': '2030-01-01T09:00', 'ev-closes': '2030-05-19T18:00',
          'ev-venue-en': '', 'ev-capacity': '0' }, want: ['ev-venue-en', 'ev-capacity'] },
      { what: 'closing a day with neither day nor reason', path: '/staff/missions/by-cg-chongqing/closures',
        action: '/staff/missions/by-cg-chongqing/closures', fill: { 'closure-reason': ' ' }, want: ['closure-day', 'closure-reason'] },
      { what: 'a new account with a bad name', path: '/staff/users', action: '/staff/users',
        fill: { 'new-username': 'Not A Name' }, want: ['new-username'] },
      { what: 'the own-password form sent empty', path: '/staff/password', action: '/staff/password', fill: {}, want: ['current', 'new'] },
    ];
    for (const f of forms) {
      await page.goto(at(f.path));
      for (const [id, value] of Object.entries(f.fill)) await page.fill(`#${id}`, value);
      const res = await submit(page, `form[action="${f.action}"] > button[type="submit"]`);
      assert.equal(res.status(), 400, f.what);
      await summaryOf(page, f.want, f.what);
      for (const [id, value] of Object.entries(f.fill)) {
        if (!id.includes('password')) assert.equal(await page.inputValue(`#${id}`), value, `${f.what}: what was typed in #${id} is lost`);
      }
    }
  });
});
