// Business matchmaking in the browser with JavaScript turned off: a staff
// member accepts a suggested pair of organisations, is told so with an undo
// button, undoes it, and records an introduction and its outcome; axe-core
// runs on the pages after each POST (in a second browser context, with
// scripts), which the crawl of axe.test.mjs cannot reach.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck as axeCheckPage, submit, words as englishWords } from '../lib/page.mjs';

const env = serverAndBrowser();
const at = (p) => new URL(p, env.server.url).href;

const words = englishWords('en');
const fill = (message, data) => message.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => data[k]);

/**
 * axeCheck runs axe-core on the page at the URL the no-JavaScript page
 * shows, in a page of its own that runs scripts (axe-core is a script).
 */
async function axeCheck(page, what) {
  const jsPage = await checker();
  await jsPage.goto(page.url());
  await axeCheckPage(jsPage, what);
}

let checkerPage;
/** checker is a signed-in page with JavaScript, for axe-core. */
async function checker() {
  if (!checkerPage) {
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
    checkerPage = await context.newPage();
    await signIn(checkerPage, env.server.url, env.server.users.admin);
  }
  return checkerPage;
}



describe('matchmaking without JavaScript', () => {
  test('accept a suggestion, undo it, record an introduction and its outcome', async (t) => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    t.after(() => Promise.all([context.close(), checkerPage?.context().close()]));
    const page = await context.newPage();
    await signIn(page, env.server.url, env.server.users.admin);
    await page.goto(at('/staff/match/suggestions'));
    const pair = page.locator('#pair-belarus--chongqing');
    assert.equal(await pair.count(), 1, 'Belarus and Chongqing are suggested to each other');
    assert.match(await pair.innerText(), /Republic of Belarus offers section IV \(prepared foodstuffs/);
    // A shared database may hold an earlier run's decision: undo it first.
    if ((await pair.locator('button[value="suggested"]').count()) > 0) {
      await submit(page, '#pair-belarus--chongqing button[value="suggested"]');
    }

    const accepted = await submit(page, '#pair-belarus--chongqing button[value="accepted"]');
    assert.equal(accepted.status(), 200);
    const done = page.locator('#done');
    assert.equal(await done.innerText().then((s) => s.includes(fill(words['match.done.accepted'], { A: 'Republic of Belarus', B: 'Chongqing' }))), true);
    assert.match(await page.locator('#pair-belarus--chongqing').innerText(), new RegExp(words['match.status.accepted']));
    await axeCheck(page, 'the suggestions after accepting one');

    await submit(page, '#done button[value="suggested"]');
    assert.ok((await page.locator('#done').innerText()).includes(fill(words['match.done.suggested'], { A: 'Republic of Belarus', B: 'Chongqing' })));
    assert.equal(await page.locator('#pair-belarus--chongqing button[value="accepted"]').count(), 1, 'the pair can be accepted again');
    await axeCheck(page, 'the suggestions after undoing');

    // From the suggestion, record an introduction: the form comes with the pair chosen.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#pair-belarus--chongqing a[href*="/staff/match/introductions"]')]);
    assert.equal(await page.inputValue('#intro-a'), 'belarus');
    assert.equal(await page.inputValue('#intro-b'), 'chongqing');
    // Recording it again (a shared database, a second run) changes nothing.
    const day = '2024-05-23';
    await page.fill('#intro-date', day);
    await page.fill('#intro-note', 'Met at the Western China International Fair');
    const recorded = await submit(page, '#record button[type="submit"]');
    assert.equal(recorded.status(), 200);
    const row = page.locator('tr', { hasText: day });
    assert.equal(await row.count(), 1, 'the introduction is listed');
    await row.locator('select').selectOption('meeting_held');
    await submit(page, `tr:has-text("${day}") button[type="submit"]`);
    assert.equal(await page.locator('tr', { hasText: day }).locator('select').inputValue(), 'meeting_held');
    await axeCheck(page, 'the introductions after recording an outcome');
  });
});
