// The site works without JavaScript: forms submit as plain GET or POST
// requests and answer in the page, the language switcher is plain links
// remembered by a cookie, and staff sign in through an ordinary form.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { words } from '../lib/page.mjs';
import { askVisa, checkVisaNextStep } from '../lib/frontdoor.mjs';

const env = serverAndBrowser();

/** A new page in a fresh context (no cookies) with JavaScript turned off. */
async function noJSPage(t) {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  t.after(() => context.close());
  return context.newPage();
}

const at = (path) => new URL(path, env.server.url).href;
const htmlLang = (page) => page.getAttribute('html', 'lang');

/** submit clicks the submit button of form and returns the response to the request it sends. */
async function submit(page, form) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`${form} button[type="submit"]`),
  ]);
  return response;
}

describe('without JavaScript', () => {
  test('jurisdiction: a city typed in #place names its consulate and province', async (t) => {
    const page = await noJSPage(t);
    await page.goto(at('/jurisdiction'));
    await page.fill('#place', 'Wuhan');
    const res = await submit(page, 'form[action="/jurisdiction"]');
    assert.equal(res.status(), 200, `the answer for Wuhan came with status ${res.status()}`);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/jurisdiction');
    assert.equal(url.searchParams.get('place'), 'Wuhan', 'the form did not send place=Wuhan as a GET parameter');

    const answer = page.locator('section.answer');
    assert.equal(await answer.count(), 1, 'no answer section on the page');
    const link = answer.locator('.result a[href="/missions/by-cg-chongqing"]');
    assert.equal(await link.count(), 1, `the answer does not link to /missions/by-cg-chongqing:\n${await answer.innerText()}`);
    assert.match(await link.innerText(), /Consulate General.*Chongqing/);
    assert.match(await answer.innerText(), /Hubei/, 'the answer does not mention Hubei');
  });

  test('jurisdiction: a province no known district holds gets a labelled suggestion', async (t) => {
    const page = await noJSPage(t);
    await page.goto(at('/jurisdiction'));
    await page.selectOption('#subdivision', 'CN-GD');
    const res = await submit(page, 'form[action="/jurisdiction"]');
    assert.equal(res.status(), 200, `the answer for CN-GD came with status ${res.status()}`);
    assert.equal(new URL(page.url()).searchParams.get('subdivision'), 'CN-GD');
    const answer = page.locator('section.answer');
    assert.equal(await answer.count(), 1, 'no answer section on the page');
    const link = answer.locator('.result a[href="/missions/by-cg-guangzhou"]');
    assert.equal(await link.count(), 1, `the suggestion is not the mission located in Guangdong:\n${await answer.innerText()}`);
    assert.match(await link.innerText(), /Consulate General.*Guangzhou/);
    assert.match(await answer.innerText(), /not known from our sources/);
    assert.match(await answer.innerText(), /only a suggestion/);
  });

  test('language switcher: the chosen language is remembered by a cookie', async (t) => {
    const page = await noJSPage(t);
    await page.goto(at('/'));
    assert.equal(await htmlLang(page), 'en', 'a fresh en-US browser did not get English');

    await Promise.all([page.waitForNavigation(), page.click('a[hreflang="zh-Hans"]')]);
    assert.equal(await htmlLang(page), 'zh-Hans', 'the 简体中文 link did not show the page in Chinese');
    await page.goto(at('/missions'));
    assert.equal(await htmlLang(page), 'zh-Hans', 'after choosing 简体中文, /missions (no ?lang=) is not in Chinese');

    await page.goto(at('/'));
    await Promise.all([page.waitForNavigation(), page.click('a[hreflang="be"]')]);
    assert.equal(await htmlLang(page), 'be', 'the Беларуская link did not show the page in Belarusian');
    await page.goto(at('/missions'));
    assert.equal(await htmlLang(page), 'be', 'after choosing Беларуская, /missions (no ?lang=) is not in Belarusian');
    await page.goto(at('/'));
    assert.equal(await htmlLang(page), 'be', 'after choosing Беларуская, / is not in Belarusian');
  });

  test('staff sign-in works through the plain form', async (t) => {
    const page = await noJSPage(t);
    const res = await signIn(page, env.server.url, env.server.users.officer);
    assert.equal(res.status(), 303, `the sign-in POST answered ${res.status()}, not a 303 redirect`);
    assert.equal(new URL(page.url()).pathname, '/staff', `signing in ended on ${page.url()}`);
    const footer = await page.locator('footer').innerText();
    assert.ok(footer.includes(env.server.users.officer.username), `the page does not say who is signed in:\n${footer}`);
    assert.equal(await page.locator('footer form[action="/staff/logout"]').count(), 1, 'no sign-out form once signed in');
  });

  test('a wrong password is refused with 401 and an error message', async (t) => {
    const page = await noJSPage(t);
    const res = await signIn(page, env.server.url, env.server.users.admin, `not-${env.server.users.admin.password}`);
    assert.equal(res.status(), 401, `a wrong password answered ${res.status()}, not 401`);
    assert.equal(new URL(page.url()).pathname, '/staff/login');
    const error = page.locator('main [role="alert"]');
    assert.equal(await error.count(), 1, 'no error message (role="alert") after a wrong password');
    assert.ok((await error.innerText()).trim().length > 0, 'the error message is empty');
    assert.equal(await page.inputValue('#username'), env.server.users.admin.username, 'the form forgot the username');
    assert.equal(await page.inputValue('#password'), '', 'the form kept the password');
    // Still signed out: the desk sends the reader back to the sign-in form.
    await page.goto(at('/staff'));
    assert.equal(new URL(page.url()).pathname, '/staff/login', `after a wrong password /staff showed ${page.url()}, not the sign-in form`);
  });

  test('visa checker: a Chinese tourist with an ordinary passport staying 31 days needs a visa', async (t) => {
    const page = await noJSPage(t);
    const res = await page.goto(at('/entry-check'));
    assert.notEqual(res.status(), 404, 'the visa checker page /entry-check does not exist: it answers 404 (product problem, not a test problem)');
    assert.equal(res.status(), 200, `/entry-check answered ${res.status()}`);

    const answerRes = await askVisa(page, { stayDays: 31, livesIn: 'CN-SC' });
    assert.equal(answerRes.status(), 200, `the visa checker answered ${answerRes.status()}`);
    const answer = page.locator('#entry-answer');
    assert.equal(await answer.count(), 1, 'no element with id="entry-answer" after submitting the form');
    const text = (await answer.innerText()).replace(/\s+/g, ' ');
    assert.match(
      text,
      /\bneeds?\b[^.]*\bvisa\b|\bvisa\b[^.]*\b(?:required|needed)\b/i,
      `the answer does not say that a visa is needed:\n${text}`,
    );

    // The answer comes first, then the next step: the visa service of the
    // mission serving Sichuan, with the fee, and only then the form again.
    const apply = await checkVisaNextStep(page, words('en'));
    const [visaRes] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), apply.click()]);
    assert.equal(visaRes.status(), 200, `the visa service answered ${visaRes.status()}`);
  });
});
