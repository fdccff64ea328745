// Staff accounts in the browser with JavaScript turned off: an admin resets
// an officer's password; the officer's first sign-in with it is sent to the
// change form, changes it and reaches the desk; the admin disables the
// account and the officer's session stops working. axe-core checks each
// new page (the pages after a POST in a second context, with scripts).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck as axeCheckPage, submit, words as englishWords } from '../lib/page.mjs';

const env = serverAndBrowser();
const at = (p) => new URL(p, env.server.url).href;
const words = englishWords('en');
const fill = (message, data) => message.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => data[k]);

let checkerPage;
/**
 * axeCheck runs axe-core on what the no-JavaScript page shows, in a page
 * that runs scripts (axe-core is one): the HTML is put into a page of the
 * same site, as a page after a POST cannot be fetched again.
 */
async function axeCheck(page, what) {
  if (!checkerPage) {
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
    checkerPage = await context.newPage();
  }
  await checkerPage.goto(at('/'));
  await checkerPage.setContent(await page.content(), { waitUntil: 'load' });
  await axeCheckPage(checkerPage, what);
}

describe('staff accounts without JavaScript', () => {
  test('a reset password is changed at first sign-in; a disabled account loses its session', async (t) => {
    const { admin, officer } = env.server.users;
    const adminContext = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const officerContext = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    t.after(() => Promise.all([adminContext.close(), officerContext.close(), checkerPage?.context().close()]));
    const adminPage = await adminContext.newPage();
    const officerPage = await officerContext.newPage();
    const row = (action) => `form[action="/staff/users/${officer.username}/${action}"] button[type="submit"]`;

    await signIn(adminPage, env.server.url, admin);
    await adminPage.goto(at('/staff/users'));
    const reset = await submit(adminPage, row('password'));
    assert.equal(reset.status(), 200);
    const password = (await adminPage.locator('#reset-password').innerText()).trim();
    assert.equal(password.length, 20, 'a generated password is shown once');
    await axeCheck(adminPage, 'the users page after a reset');

    const signedIn = await signIn(officerPage, env.server.url, officer, password);
    assert.equal(signedIn.status(), 303);
    assert.equal(new URL(officerPage.url()).pathname, '/staff/password', 'the first sign-in goes to the change form');
    assert.equal(await officerPage.locator('#must-change').innerText(), words['account.must_change']);
    await axeCheck(officerPage, 'the change form that must be used');
    // Any other staff page leads back to it.
    await officerPage.goto(at('/staff/sources'));
    assert.equal(new URL(officerPage.url()).pathname, '/staff/password');

    await officerPage.fill('#current', password);
    await officerPage.fill('#new', 'the officer chose this one');
    await officerPage.fill('#confirm', 'the officer chose this one!');
    const mismatch = await submit(officerPage, 'form[action="/staff/password"] button[type="submit"]');
    assert.equal(mismatch.status(), 400);
    assert.equal(await officerPage.locator('#confirm-error').innerText(), words['error.password_mismatch']);
    assert.equal(await officerPage.locator('.error-summary a[href="#confirm"]').innerText(), words['error.password_mismatch']);
    await axeCheck(officerPage, 'the change form with an error');

    await officerPage.fill('#current', password);
    await officerPage.fill('#new', 'the officer chose this one');
    await officerPage.fill('#confirm', 'the officer chose this one');
    await submit(officerPage, 'form[action="/staff/password"] button[type="submit"]');
    assert.equal(new URL(officerPage.url()).pathname, '/staff', 'after the change the desk opens');
    assert.equal(await officerPage.locator('h1').innerText(), words['desk.title']);

    await adminPage.goto(at('/staff/users'));
    const disabled = await submit(adminPage, row('disable'));
    assert.equal(disabled.status(), 200);
    assert.equal(await adminPage.locator('p.ok[role="status"]').innerText(), fill(words['users.disabled'], { Username: officer.username }));
    await axeCheck(adminPage, 'the users page after disabling an account');

    await officerPage.goto(at('/staff'));
    assert.equal(new URL(officerPage.url()).pathname, '/staff/login', "the disabled account's session no longer opens the desk");
  });
});
