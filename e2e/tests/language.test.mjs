// Language negotiation: with no ?lang= and no cookie, the browser's
// Accept-Language picks the language of the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/server.mjs';

const env = serverAndBrowser();

test('Accept-Language: ru with no cookie gets <html lang="ru">', async (t) => {
  const context = await env.browser.newContext({ locale: 'ru-RU' });
  t.after(() => context.close());
  assert.deepEqual(await context.cookies(), [], 'a new context should start without cookies');
  const page = await context.newPage();
  const sent = [];
  page.on('request', (r) => sent.push(r.headers()['accept-language']));
  const res = await page.goto(new URL('/', env.server.url).href);
  assert.equal(res.status(), 200);
  assert.match(sent[0] ?? '', /^ru\b/, `the browser sent Accept-Language: ${sent[0]}, not ru first`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
});

test('switching language in the middle of a form keeps what was typed, without JavaScript', async (t) => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  t.after(() => context.close());
  const page = await context.newPage();
  const res = await page.goto(new URL('/bookings/find?lang=en', env.server.url).href);
  assert.equal(res.status(), 200);
  await page.fill('#reference', 'ABCD-EFGH');
  await page.fill('#email', 'li.wei@example.com');
  const [back] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('nav.langs button[value="zh"]'),
  ]);
  assert.equal(back.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  assert.equal(await page.inputValue('#reference'), 'ABCD-EFGH');
  assert.equal(await page.inputValue('#email'), 'li.wei@example.com');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'a switch is not a submission: no field is in error');
  // The language now chosen is the one of the next page too.
  await page.goto(new URL('/', env.server.url).href);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
});
