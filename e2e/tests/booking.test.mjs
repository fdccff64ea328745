// The public booking journey in the browser: in each language, a person
// picks a service and a time, makes a mistake in the details form, checks
// the answers, books, sees the booking and cancels it, with axe-core run on
// every page on the way (the pages after a POST cannot be reached by the
// crawl of axe.test.mjs). Once more in English with JavaScript turned off,
// to show every step is a plain link or form.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { LANGUAGES, axeSource, serverAndBrowser } from '../lib/server.mjs';

const env = serverAndBrowser();
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const at = (path) => new URL(path, env.server.url).href;
let axe;

/** axeCheck runs axe-core on the page and fails the test on any violation. */
async function axeCheck(page, what) {
  axe ??= axeSource();
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}\n    ${v.nodes[0]?.html ?? ''}`);
  }, AXE_TAGS);
  assert.equal(violations.length, 0, `axe-core violations on ${what} (${page.url()}):\n${violations.join('\n')}`);
}

/** submit clicks a submit button and returns the response to the request it sends. */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
  return response;
}

/** follow clicks a link and returns the response. */
async function follow(page, link) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(link)]);
  return response;
}

/** A person nobody else is: the one-booking-per-person rule holds across runs on a shared database. */
function person() {
  const n = randomBytes(4).readUInt32BE() % 10_000_000;
  return { email: `e2e-${randomBytes(6).toString('hex')}@example.com`, passport: `EB${String(n).padStart(7, '0')}` };
}

/**
 * walk books the visa service and cancels it. check(page, what) is called
 * on every page reached.
 */
async function walk(page, code, check) {
  const who = person();
  let res = await page.goto(at(`/book?lang=${code}`));
  assert.equal(res.status(), 200, `/book answered ${res.status()}`);
  await check(page, 'the missions taking appointments');

  res = await follow(page, 'main a[href="/missions/by-cg-chongqing/book"]');
  assert.equal(res.status(), 200);
  await check(page, 'step 1, the services');

  res = await follow(page, 'main a[href="/missions/by-cg-chongqing/book/cq-visa"]');
  assert.equal(res.status(), 200);
  assert.match(await page.locator('main').innerText(), /Asia\/Shanghai\s*[(（]UTC\+08:00[)）]/, 'the week does not name the time zone');
  // The first weeks may have no free time left (a late Friday); look further.
  for (let i = 0; i < 6 && (await page.locator('input[name="start"]').count()) === 0; i++) {
    await follow(page, 'nav a[href*="week="] >> nth=-1');
  }
  await check(page, 'step 2, a week of times');
  await page.locator('input[name="start"]').first().check();
  res = await submit(page, 'form#times button[type="submit"]');
  assert.equal(res.status(), 200, `the details form answered ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, '/missions/by-cg-chongqing/book/cq-visa/details');
  await check(page, 'step 3, the details form');

  await page.fill('#name', 'Li Wei');
  await page.fill('#email', 'not an email');
  await page.fill('#phone', '+86 23 6000 0000');
  await page.fill('#passport', who.passport);
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 400, `a bad email answered ${res.status()}`);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true', 'the email field is not marked invalid');
  assert.equal(await page.locator('main [role="alert"] a[href="#email"]').count(), 1, 'the error summary does not link to the field');
  await check(page, 'step 3 with a field error');

  await page.fill('#email', who.email);
  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200, `the details answered ${res.status()}`);
  assert.equal(await page.locator('form[action$="/confirm"] input[name="key"]').count(), 1, 'no last check with its booking form');
  assert.ok((await page.locator('main').innerText()).includes(who.passport), 'the last check does not show the passport number');
  await check(page, 'step 4, the last check');

  res = await submit(page, 'form[action$="/confirm"] button[type="submit"]');
  assert.equal(res.status(), 200, `booking ended with ${res.status()}`);
  const manage = new URL(page.url());
  assert.match(manage.pathname, /^\/bookings\/[0-9A-Z]{4}-[0-9A-Z]{4}$/, `booking ended on ${page.url()}`);
  assert.equal(manage.searchParams.get('new'), '1');
  assert.equal(await page.locator('main [role="status"]').count(), 1, 'the new booking is not announced');
  await check(page, 'the new booking');

  res = await submit(page, `form[action="${manage.pathname}/cancel"] button[type="submit"]`);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `${manage.pathname}/cancel`);
  await check(page, 'the cancel confirmation');

  res = await submit(page, 'main form[method="post"] button[type="submit"]');
  assert.equal(res.status(), 200, `cancelling ended with ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, manage.pathname, `cancelling ended on ${page.url()}`);
  assert.equal(await page.locator(`form[action="${manage.pathname}/cancel"]`).count(), 0, 'a cancelled booking still offers to cancel');
  await check(page, 'the cancelled booking');
}

describe('booking journey', () => {
  for (const { code, tag } of LANGUAGES) {
    test(`in ${code}: every step is axe-clean and in <html lang="${tag}">`, async (t) => {
      const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
      t.after(() => context.close());
      const page = await context.newPage();
      await walk(page, code, async (p, what) => {
        assert.equal(await p.getAttribute('html', 'lang'), tag, `${what} is not in ${tag}`);
        assert.equal(await p.locator('h1').count(), 1, `${what} has not exactly one <h1>`);
        await axeCheck(p, `${what} (${code})`);
      });
    });
  }

  test('without JavaScript, a person books and cancels', async (t) => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    t.after(() => context.close());
    await walk(await context.newPage(), 'en', async () => {});
  });
});
