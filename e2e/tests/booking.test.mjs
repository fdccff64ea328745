// The public booking journey in the browser: in each language, a person
// picks a service and a time, makes a mistake in the details form, checks
// the answers, books, sees the booking, moves it to another time and
// cancels it, with axe-core run on every page on the way (the pages after a
// POST cannot be reached by the crawl of axe.test.mjs). Once more in English
// with JavaScript turned off, to show every step is a plain link or form.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, serverAndBrowser } from '../lib/server.mjs';
import { axeCheck } from '../lib/page.mjs';
import { walkBooking } from '../lib/booking.mjs';

const env = serverAndBrowser();

describe('booking journey', () => {
  for (const { code, tag } of LANGUAGES) {
    test(`in ${code}: every step is axe-clean and in <html lang="${tag}">`, async (t) => {
      const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
      t.after(() => context.close());
      const page = await context.newPage();
      await walkBooking(page, env.server.url, code, async (p, what) => {
        assert.equal(await p.getAttribute('html', 'lang'), tag, `${what} is not in ${tag}`);
        assert.equal(await p.locator('h1').count(), 1, `${what} has not exactly one <h1>`);
        await axeCheck(p, `${what} (${code})`);
      });
    });
  }

  test('without JavaScript, a person books, moves and cancels', async (t) => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    t.after(() => context.close());
    await walkBooking(await context.newPage(), env.server.url, 'en', async () => {});
  });
});
