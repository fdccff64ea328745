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
  const focused = await page.evaluate(() => document.activeElement?.classList.contains('error-summary'));
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

    await page.goto(at('/staff/missions/by-cg-chongqing'));
    await page.fill('#name_en', '');
    await page.fill('#opened_on', '2021-13');
    await page.fill('#time_zone', 'Mars/Olympus');
    let res = await submit(page, 'form[action="/staff/missions/by-cg-chongqing"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['name_en', 'opened_on', 'time_zone'], 'the mission form with three mistakes');
    assert.equal(await page.inputValue('#time_zone'), 'Mars/Olympus', 'what was typed is lost');

    await page.goto(at('/staff/services/cq-visa'));
    await page.fill('#svc-capacity', '0');
    await page.fill('#svc-window', '0');
    res = await submit(page, 'form[action="/staff/services/cq-visa"] > button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['svc-capacity', 'svc-window'], 'the service form with two mistakes');

    await page.goto(at('/staff/sources'));
    await page.fill('#src-id', 'Not An Id');
    await page.fill('#src-published', '2021-13');
    res = await submit(page, 'form[action="/staff/sources"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['src-id', 'src-published'], 'the source form with two mistakes');

    await page.goto(at('/staff/events/business-forum-2019'));
    for (const [id, value] of [['#ev-start', '2030-05-20T14:00'], ['#ev-end', '2030-05-20T17:00'], ['#ev-opens', '2030-01-01T09:00'], ['#ev-closes', '2030-05-19T18:00']]) {
      await page.fill(id, value);
    }
    await page.fill('#ev-venue-en', '');
    await page.fill('#ev-capacity', '0');
    res = await submit(page, 'form[action="/staff/events/business-forum-2019"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['ev-venue-en', 'ev-capacity'], 'the event settings with two mistakes');

    await page.goto(at('/staff/missions/by-cg-chongqing/closures'));
    await page.fill('#closure-reason', ' ');
    res = await submit(page, 'form[action="/staff/missions/by-cg-chongqing/closures"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['closure-day', 'closure-reason'], 'closing a day with neither day nor reason');

    await page.goto(at('/staff/users'));
    await page.fill('#new-username', 'Not A Name');
    res = await submit(page, 'form[action="/staff/users"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['new-username'], 'a new account with a bad name');

    await page.goto(at('/staff/password'));
    res = await submit(page, 'form[action="/staff/password"] button[type="submit"]');
    assert.equal(res.status(), 400);
    await summaryOf(page, ['current', 'new'], 'the own-password form sent empty');
  });
});
