// Event registration in the browser. Staff open registration for a record
// event through the staff form; then, in each language, a person registers
// (after a mistake in the form), sees the confirmation and cancels, with
// axe-core run on every page. Without JavaScript, the journey runs once
// more with a waiting list: the second person waits, the first cancels,
// the second has the place, and staff check them in on the printable list.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck, submit, words } from '../lib/page.mjs';
import { EVENT_ID, guest, openRegistration } from '../lib/events.mjs';

const env = serverAndBrowser();
const at = (p) => new URL(p, env.server.url).href;




const registerButton = `main form[action="/events/${EVENT_ID}/register"] button[type="submit"]`;

/** registerAs fills in the event page's form for who and sends it; it returns the manage page's URL. */
async function registerAs(page, who, code = 'en') {
  const res = await page.goto(at(`/events/${EVENT_ID}?lang=${code}`));
  assert.equal(res.status(), 200, `the event page answered ${res.status()}`);
  await page.fill('#name', who.name);
  await page.fill('#email', who.email);
  const done = await submit(page, registerButton);
  assert.equal(done.status(), 200, `registering ended with ${done.status()}`);
  const manage = new URL(page.url());
  assert.match(manage.pathname, /^\/registrations\/[0-9A-Z]{4}-[0-9A-Z]{4}$/, `registering ended on ${page.url()}`);
  return manage;
}

/** cancel cancels the registration whose manage page page shows, through its confirmation. */
async function cancel(page, manage, check) {
  let res = await submit(page, `main form[action="${manage.pathname}/cancel"] button[type="submit"]`);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `${manage.pathname}/cancel`);
  await check(page, 'the cancel confirmation');
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200, `cancelling ended with ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, manage.pathname, `cancelling ended on ${page.url()}`);
  assert.equal(await page.locator(`form[action="${manage.pathname}/cancel"]`).count(), 0, 'a cancelled registration still offers to cancel');
  await check(page, 'the cancelled registration');
}

describe('event registration', () => {
  before(async () => {
    const context = await env.browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, env.server.url, env.server.users.admin);
    await openRegistration(page, env.server.url, { free: 1, waitlist: true });
    await context.close();
  });

  for (const { code, tag } of LANGUAGES) {
    test(`in ${code}: register and cancel, every page axe-clean and in <html lang="${tag}">`, async (t) => {
      const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
      t.after(() => context.close());
      const page = await context.newPage();
      const w = words(code);
      const check = async (p, what) => {
        assert.equal(await p.getAttribute('html', 'lang'), tag, `${what} is not in ${tag}`);
        assert.equal(await p.locator('h1').count(), 1, `${what} has not exactly one <h1>`);
        await axeCheck(p, `${what} (${code})`);
      };
      await page.goto(at(`/relations?lang=${code}`));
      assert.ok((await page.locator(`main a[href="/events/${EVENT_ID}"]`).count()) > 0, '/relations does not link the event');
      let res = await page.goto(at(`/events/${EVENT_ID}?lang=${code}`));
      assert.equal(res.status(), 200);
      await check(page, 'the event page');
      const who = guest();
      await page.fill('#name', who.name);
      await page.fill('#email', 'not an email');
      res = await submit(page, registerButton);
      assert.equal(res.status(), 400, `a bad email answered ${res.status()}`);
      assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true', 'the email field is not marked invalid');
      assert.equal(await page.locator('main [role="alert"] a[href="#email"]').count(), 1, 'the error summary does not link to the field');
      await check(page, 'the event page with a field error');
      await page.fill('#email', who.email);
      res = await submit(page, registerButton);
      assert.equal(res.status(), 200);
      const manage = new URL(page.url());
      assert.equal(manage.searchParams.get('new'), '1', `registering ended on ${page.url()}`);
      const news = page.locator('main [role="status"]');
      assert.ok((await news.innerText()).includes(w['registration.registered']), `the confirmation does not say "${w['registration.registered']}"`);
      await check(page, 'the confirmation');
      await cancel(page, manage, check);
    });
  }

  test('without JavaScript: the waiting list promotes when someone cancels, and staff check in', async (t) => {
    const w = words('en');
    const contexts = await Promise.all([0, 1, 2].map(() => env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })));
    t.after(() => Promise.all(contexts.map((c) => c.close())));
    const [first, second, desk] = await Promise.all(contexts.map((c) => c.newPage()));
    const a = await registerAs(first, guest());
    assert.ok((await first.locator('main').innerText()).includes(w['registration.status.registered']));

    await second.goto(at(`/events/${EVENT_ID}`));
    assert.equal((await second.locator(registerButton).innerText()).trim(), w['event.waitlist_button'], 'a full event does not offer its waiting list');
    const b = await registerAs(second, guest());
    assert.ok((await second.locator('main [role="status"]').innerText()).includes(w['registration.waitlisted']), 'the second person is not told they wait');

    await cancel(first, a, async () => {});
    await second.goto(at(`${b.pathname}${b.search.replace('&new=1', '')}`));
    assert.ok((await second.locator('main').innerText()).includes(w['registration.status.registered']), 'the first in line did not get the place');

    await signIn(desk, env.server.url, env.server.users.officer);
    const list = `/staff/events/${EVENT_ID}/registrations`;
    const res = await desk.goto(at(list));
    assert.equal(res.status(), 200);
    const reference = b.pathname.split('/').pop();
    assert.equal(await desk.locator('link[rel="stylesheet"][media="print"]').count(), 1, 'the list has no print layout');
    await submit(desk, `form[action="/staff/registrations/${reference}/check-in"] button[type="submit"]`);
    assert.equal(new URL(desk.url()).pathname, list);
    assert.equal(await desk.locator(`form[action="/staff/registrations/${reference}/check-in"]`).count(), 0, 'the person checked in can be checked in again');
    assert.ok((await desk.locator('#group-checked_in + .table-wrap table').innerText()).includes(reference), 'the person checked in is not listed as such');
  });
});
