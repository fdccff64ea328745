// Sign-in's next parameter: a path that a browser would read as another
// host ("/\t/evil.example/x": browsers drop the tab) leads to the desk,
// and a path of the site is kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/server.mjs';

const env = serverAndBrowser();

for (const [next, want] of [['/%09/evil.example/x', '/staff'], ['/staff/audit', '/staff/audit']]) {
  test(`signing in with next=${next} ends at ${want} on this site`, async (t) => {
    const context = await env.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(new URL(`/staff/login?next=${next}`, env.server.url).href);
    await page.fill('#username', env.server.users.admin.username);
    await page.fill('#password', env.server.users.admin.password);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/staff/login'), page.click('form[action="/staff/login"] button[type="submit"]')]);
    const at = new URL(page.url());
    assert.equal(at.host, new URL(env.server.url).host, `signed in, the browser went to ${page.url()}`);
    assert.equal(at.pathname, want);
  });
}
