// What the browser tests share about the answers of the public front door:
// asking the visa checker about a trip, and the answer that comes first
// with its next step.

import assert from 'node:assert/strict';

/** above tells whether the first of html's markup a stands before b's. */
export function above(html, a, b) {
  const i = html.indexOf(a);
  return i >= 0 && i < html.indexOf(b);
}

/**
 * askVisa fills in the visa checker's form on page for a Chinese citizen
 * with an ordinary passport travelling to Belarus as a tourist for
 * stayDays days, living in the province livesIn, and sends it; it returns
 * the response to the GET it sends.
 */
export async function askVisa(page, { stayDays, livesIn }) {
  await page.selectOption('select#destination', 'BY');
  await page.selectOption('select#nationality', 'CN');
  await page.selectOption('select#passport', 'ordinary');
  await page.selectOption('select#purpose', 'tourism');
  await page.fill('input#stay_days', String(stayDays));
  await page.fill('input#days_used_this_year', '0');
  await page.selectOption('select#subdivision', livesIn);
  const form = page.locator('form:has(#destination)');
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type="submit"], input[type="submit"]').first().click()]);
  return response;
}

/**
 * checkVisaNextStep asserts the visa checker's answer stands above its
 * form and gives the next step in the words t of its language: the visa
 * fee, and a link to the visa service of Chongqing's Consulate General
 * (which serves the provinces the tests live in). It returns that link.
 */
export async function checkVisaNextStep(page, t) {
  const answer = page.locator('#entry-answer');
  assert.equal(await answer.count(), 1, 'no element with id="entry-answer" after submitting the form');
  assert.ok(above(await page.content(), 'id="entry-answer"', '<form method="get" action="/entry-check"'), 'the answer is not above the form');
  const next = answer.locator('#next-step');
  const [before, after] = t['frontdoor.visa_fee'].split('{{.Amount}}');
  const fee = new RegExp(`${escape(before)}\\d+${escape(after.replace('{{.Currency}}', 'USD'))}`);
  assert.match((await next.innerText()).replace(/\s+/g, ' '), fee, `the next step does not show the visa fee:\n${await next.innerText()}`);
  const apply = next.locator('a[href="/missions/by-cg-chongqing/services/cq-visa"]');
  assert.equal(await apply.count(), 1, `the next step does not lead to Chongqing's visa service:\n${await next.innerText()}`);
  return apply;
}

/** escape makes a text a literal part of a regular expression. */
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
