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
