// The five journeys of issue 13, each walked by one person at 320 px (a
// phone) and at 1280 px (a desktop), in two browser contexts: a Chinese
// citizen in Chengdu checking the visa and the mission; a citizen booking,
// moving and cancelling an appointment with JavaScript off; a company
// looking for partners; someone registering for a full event; an officer's
// day at the desk. At every step the test asserts what the person relies on
// there, that the page does not scroll sideways, and keeps a full-page
// screenshot as artifacts/journeys/<journey>/<width>-<nn>-<step>.png (not
// committed). axe-core is left to axe.test.mjs and the journey tests of
// each area; one server serves the five journeys.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { e2eDir, serverAndBrowser, signIn } from '../lib/server.mjs';
import { follow, measure, submit, words } from '../lib/page.mjs';
import { checkVisaStartPage, walkBooking } from '../lib/booking.mjs';
import { bookThroughApi, checkUndoInAudit } from '../lib/desk.mjs';
import { above, askVisa, checkVisaNextStep } from '../lib/frontdoor.mjs';
import { EVENT_ID, guest, openRegistration, register } from '../lib/events.mjs';

const env = serverAndBrowser();
const at = (p) => new URL(p, env.server.url).href;

const WIDTHS = [320, 1280];
const ARTIFACTS = path.join(e2eDir, 'artifacts', 'journeys');

// What the mission sets on the desk for its front door (no public source
// gives the Consulate General's address or phone: REFERENCE.md), so that
// the pages show it as they will once the mission has.
const ADDRESS = { en: 'Test address set by the mission, Chongqing', zh: '由使领馆填写的测试地址，重庆' };
const PHONE = '+86 23 6000 0000';

// The event's texts the mission writes on its staff form.
const EVENT_TEXTS = {
  description_en: 'A day of talks between companies of Belarus and of Chongqing.',
  agenda_en: 'Opening words\nPanel on food and agriculture\nMeetings of companies',
  arrival_en: 'Bring your passport; the hall opens 30 minutes before the start.',
};

/** fill puts data into a message of the locale files ("Visa fee: {{.Amount}} {{.Currency}}"). */
const fill = (message, data) => message.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => data[k]);

/** fact is the text of the <dd> of the definition list in scope whose <dt> says label. */
async function fact(scope, label) {
  const dd = scope.locator(`xpath=.//dl/dt[normalize-space() = "${label}"]/following-sibling::dd[1]`);
  assert.equal(await dd.count(), 1, `no "${label}" among the facts:\n${await scope.innerText()}`);
  return (await dd.innerText()).trim();
}

/**
 * steps returns step(page, name), which checks that the page is no wider
 * than the screen and keeps its screenshot, numbered in the order taken.
 */
function steps(journey, width) {
  const dir = path.join(ARTIFACTS, journey);
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name) => {
    n++;
    const m = await page.evaluate(measure);
    assert.ok(
      m.scrollWidth <= m.clientWidth,
      `${journey} at ${width} px, step ${name} (${page.url()}) scrolls sideways: ${m.scrollWidth} px in ${m.clientWidth} px` +
        (m.widest ? `; widest: <${m.widest.name}> to ${m.widest.right} px ("${m.widest.text}")` : ''),
    );
    // A table a person must read whole (table.stacks) does not scroll sideways inside its box either.
    const scrolled = await page.evaluate(() => [...document.querySelectorAll('table.stacks')]
      .map((t) => ({ table: (t.caption?.textContent || t.querySelector('th')?.textContent || '').trim().slice(0, 60), box: t.closest('.table-wrap') ?? t.parentElement }))
      .filter(({ box }) => box.scrollWidth > box.clientWidth + 1)
      .map(({ table }) => table));
    assert.deepEqual(scrolled, [], `${journey} at ${width} px, step ${name}: a table to read whole scrolls sideways inside its box`);
    const file = path.join(dir, `${width}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 0, `${file} is empty`);
  };
}

/** byNav follows a link of the main navigation, opening its "Menu" first where the screen folds it. */
async function byNav(page, href) {
  const summary = page.locator('.main-nav details.menu > summary');
  if (await summary.isVisible()) await summary.click();
  return follow(page, `.main-nav a[href="${href}"] >> visible=true`);
}

/**
 * journey registers one test that walks walk(page, step, width, context) at
 * each width, in a fresh browser context (options are its own besides the
 * viewport).
 */
function journey(name, title, options, walk) {
  test(title, async (t) => {
    fs.rmSync(path.join(ARTIFACTS, name), { recursive: true, force: true }); // an earlier run's steps
    for (const width of WIDTHS) {
      const context = await env.browser.newContext({ locale: 'en-US', ...options, viewport: { width, height: 900 } });
      t.after(() => context.close());
      await walk(await context.newPage(), steps(name, width), width, context);
    }
  });
}

describe('five journeys at 320 and 1280 px', () => {
  before(async () => {
    const context = await env.browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, env.server.url, env.server.users.admin);
      // The mission sets its address and phone on the desk.
      await page.goto(at('/staff/missions/by-cg-chongqing'));
      await page.fill('#address_en', ADDRESS.en);
      await page.fill('#address_zh', ADDRESS.zh);
      await page.fill('#phone', PHONE);
      const saved = await submit(page, 'form[action="/staff/missions/by-cg-chongqing"] button[type="submit"]');
      assert.equal(saved.status(), 200, `saving the mission answered ${saved.status()}`);
      assert.equal(await page.locator('main [role="status"]').count(), 1, `the mission's front door was not saved:\n${await page.locator('main').innerText()}`);
      // The event has one place, taken, and a waiting list.
      await openRegistration(page, env.server.url, { free: 1, waitlist: true, texts: EVENT_TEXTS });
      await register(env.server.url, guest());
    } finally {
      await context.close();
    }
  });

  journey('chengdu', 'a Chinese citizen in Chengdu finds the mission that serves them and whether they need a visa', { locale: 'zh-CN' }, async (page, step) => {
    const w = words('zh');
    let res = await page.goto(at('/?lang=zh'));
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    // The home page leads with the tasks people come for.
    const tasks = page.locator('main ul.tasks');
    for (const href of ['/book', '/entry-check', '/jurisdiction', '/events']) {
      assert.equal(await tasks.locator(`a[href="${href}"]`).count(), 1, `the home page's tasks do not lead to ${href}`);
    }
    await step(page, 'home');

    // Which mission serves me: 成都, typed on the home page.
    await page.fill('main form[action="/jurisdiction"] input[name="place"]', '成都');
    res = await submit(page, 'main form[action="/jurisdiction"] button[type="submit"]');
    assert.equal(res.status(), 200);
    const answer = page.locator('main section.answer');
    assert.equal(await answer.count(), 1, 'no answer for 成都');
    assert.ok(above(await page.content(), 'class="answer"', '<form method="get" action="/jurisdiction"'), 'the answer is not above the form');
    assert.equal(await answer.locator('.result a[href="/missions/by-cg-chongqing"]').count(), 1, `成都 is not answered with Chongqing:\n${await answer.innerText()}`);
    assert.match(await answer.innerText(), /四川/, 'the answer does not say 成都 is in 四川');
    assert.equal(await fact(answer, w['mission.address']), ADDRESS.zh);
    assert.equal(await fact(answer, w['frontdoor.phone']), PHONE);
    assert.match(await fact(answer, w['mission.hours']), /09:00/, 'the answer does not give the office hours');
    assert.equal((await answer.locator('.next-step a[href="/missions/by-cg-chongqing/book"]').innerText()).trim(), w['nav.booking']);
    await step(page, 'jurisdiction-answer');

    // The mission's front door.
    res = await follow(page, 'main section.answer .result a[href="/missions/by-cg-chongqing"]');
    assert.equal(res.status(), 200);
    const door = page.locator('main section.door');
    assert.equal((await door.locator('h2').innerText()).trim(), w['frontdoor.contact_title']);
    assert.equal(await fact(door, w['mission.address']), ADDRESS.zh);
    assert.equal(await door.locator(`a[href^="tel:"]`).innerText(), PHONE, 'the phone number is not a link to call');
    assert.match(await fact(door, w['mission.hours']), /09:00.*12:00/s, 'the mission page does not give the office hours');
    assert.equal(await door.locator('.next-step a[href="/missions/by-cg-chongqing/book"]').count(), 1, 'no "Book an appointment" at the front door');
    await step(page, 'mission');

    // Do I need a visa: a tourist with an ordinary passport for 31 days, living in Sichuan.
    res = await byNav(page, '/entry-check');
    assert.equal(res.status(), 200);
    await step(page, 'visa-form');
    res = await askVisa(page, { stayDays: 31, livesIn: 'CN-SC' });
    assert.equal(res.status(), 200);
    await checkVisaNextStep(page, w);
    const top = await page.locator('#entry-answer').boundingBox();
    assert.ok(top.y < 900, `the visa answer starts ${Math.round(top.y)} px down, below the first screen`);
    await step(page, 'visa-answer');

    // The visa service's start page: before you start.
    res = await follow(page, '#next-step a[href="/missions/by-cg-chongqing/services/cq-visa"]');
    assert.equal(res.status(), 200);
    const beforeText = await checkVisaStartPage(page, w);
    assert.ok(beforeText.includes(ADDRESS.zh), 'the start page does not say where, at the mission\'s address');
    // The button comes before the full fee table, which stays folded below it.
    const startTop = (await page.locator('main a.start').boundingBox()).y;
    const allFees = page.locator('main details.all-fees');
    assert.equal(await allFees.count(), 1, 'the full fee table is not folded below the button');
    assert.ok(startTop < (await allFees.boundingBox()).y, 'the full fee table comes before the button');
    await step(page, 'visa-service');
  });

  journey('booking-nojs', 'without JavaScript, a citizen books, moves and cancels an appointment', { javaScriptEnabled: false }, async (page, step) => {
    const w = words('en');
    await walkBooking(page, env.server.url, 'en', async (p, what, name) => {
      if (name === 'week') {
        // Days with free places first, each a link, then the times of the
        // day chosen; "first free time" and a jump to a date, all without scripts.
        assert.ok((await p.locator('main ul.days li[id^="day-"] a').count()) > 0, 'the week does not list days to choose');
        assert.equal(await p.locator('main ul.days a[aria-current="date"]').count(), 1, 'the day chosen is not marked');
        assert.ok((await p.locator('form#times button[name="start"]').count()) > 0, 'the chosen day offers no times');
        assert.ok(above(await p.content(), '<ul class="days"', 'id="times"'), 'the times come before the days');
        assert.equal(await p.locator('main form.jump input[type="date"]').count(), 1, `no "${w['booking.jump_label']}"`);
        // A day with no time to choose: its note stands under the date, not run on from it.
        const closed = p.locator('main ul.days li:not(:has(a))');
        assert.ok((await closed.count()) > 0, 'the week shows no day without times (a weekend)');
        for (const li of await closed.all()) {
          const date = await li.locator('span').first().boundingBox();
          const note = await li.locator('span.hint').first().boundingBox();
          assert.ok(note.y >= date.y + date.height - 1, `the note "${await li.innerText()}" runs on from the date`);
        }
      }
      if (name === 'details-error') {
        assert.ok((await p.title()).startsWith(w['forms.title_error']), `the title of a page with an error does not start with "${w['forms.title_error']}": ${await p.title()}`);
      }
      if (name === 'check') {
        // Post/redirect/get: reloading the last check sends nothing again.
        const url = p.url();
        const again = await p.reload({ waitUntil: 'load' });
        assert.equal(again.request().method(), 'GET', 'the last check is the answer to a POST: reloading it resubmits');
        assert.equal(again.status(), 200);
        assert.equal(p.url(), url);
      }
      if (name === 'booked') {
        const main = p.locator('main');
        assert.ok((await main.innerText()).includes(ADDRESS.en), 'the confirmation does not give the mission\'s address');
        assert.ok((await main.locator('ul.documents li').count()) > 0, 'the confirmation does not list the documents to bring');
        const url = p.url();
        const again = await p.reload({ waitUntil: 'load' });
        assert.equal(again.request().method(), 'GET', 'the confirmation is the answer to a POST: reloading it books again');
        assert.equal(p.url(), url);
        // "Cancel" is destructive, and apart from "Change the time".
        const move = p.locator('main form[action$="/reschedule"] button[type="submit"]');
        const cancel = p.locator('main form.cancel[action$="/cancel"] button.danger');
        assert.equal(await cancel.count(), 1, 'the cancel button is not styled as destructive');
        assert.equal((await cancel.innerText()).trim(), w['booking.cancel_button']);
        const colour = (l) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
        assert.notEqual(await colour(cancel), await colour(move), 'the cancel button looks like "Change the time"');
        const [mb, cb] = [await move.boundingBox(), await cancel.boundingBox()];
        assert.ok(cb.y >= mb.y + mb.height + 16, `"${w['booking.cancel_button']}" is not set apart from "${w['booking.move_link']}"`);
      }
      await step(p, name);
    });
  });

  journey('partners', 'a company looks for partners among what each side offers and seeks', { locale: 'ru-RU' }, async (page, step) => {
    const w = words('ru');
    let res = await page.goto(at('/?lang=ru'));
    assert.equal(res.status(), 200);
    res = await byNav(page, '/relations');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('main a[href="/relations/sectors"]').count(), 1, 'the relationship page does not lead to the trade sectors');
    await step(page, 'relations');

    res = await follow(page, 'main a[href="/relations/sectors"]');
    assert.equal(res.status(), 200);
    assert.equal((await page.locator('h1').innerText()).trim(), w['match.public_title']);
    // What each country offers and seeks, a table of sections each.
    const tables = page.locator('main table');
    assert.ok((await tables.count()) >= 2, 'the sectors page has not a table for each country');
    for (const h of [w['match.section'], w['match.offered_by'], w['match.sought_by']]) {
      assert.ok((await tables.first().locator('thead').innerText()).includes(h), `the sectors table has no column "${h}"`);
    }
    const section4 = page.locator('main table tbody tr', { has: page.locator('th', { hasText: /^IV · / }) });
    assert.ok((await section4.count()) > 0, 'nobody offers or seeks section IV (prepared foodstuffs)');
    assert.ok((await page.locator('#suggestions ~ h3').count()) > 0, 'no pair is suggested');
    assert.ok((await page.locator('#sources').count()) === 1, 'the profiles do not say where they come from');
    assert.ok((await page.locator('main table td a[href^="/relations/entity/"]').count()) > 0, 'the organisations of the sectors tables are not links to their records');
    await step(page, 'sectors');

    // A company looks up a partner in the record: the results are links.
    await page.goto(at('/relations'));
    await page.fill('#relations-q', 'food');
    res = await submit(page, 'main form[action="/relations/search"] button[type="submit"]');
    assert.equal(res.status(), 200);
    const found = page.locator('main ul li a[href^="/relations/entity/"]');
    assert.ok((await found.count()) > 0, `searching "food" finds no organisation as a link:\n${await page.locator('main').innerText()}`);
    await step(page, 'search');
    const name = (await found.first().innerText()).trim();
    res = await follow(page, 'main ul li a[href^="/relations/entity/"] >> nth=0');
    assert.equal(res.status(), 200);
    assert.equal((await page.locator('h1').innerText()).trim(), name, 'the result does not lead to its organisation');
    await step(page, 'organisation');
  });

  journey('full-event', 'someone finds a full event and joins its waiting list', {}, async (page, step) => {
    const w = words('en');
    let res = await page.goto(at('/'));
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.main-nav a[href="/events"]').count() > 0, true, 'the navigation does not lead to the events');
    res = await follow(page, 'main ul.tasks a[href="/events"]');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator(`main a[href="/events/${EVENT_ID}"]`).count() > 0, true, 'the events page does not list the event open for registration');
    await step(page, 'events');

    res = await follow(page, `main a[href="/events/${EVENT_ID}"] >> nth=0`);
    assert.equal(res.status(), 200);
    const main = page.locator('main');
    for (const id of ['about', 'agenda', 'arrival']) assert.equal(await main.locator(`h2#${id}`).count(), 1, `the event page has no ${id} section`);
    assert.ok((await main.innerText()).includes(EVENT_TEXTS.description_en), 'the event page does not describe the event');
    assert.equal(await main.locator('ol.agenda li').count(), 3, 'the agenda is not a list of its items');
    assert.ok((await main.innerText()).includes(EVENT_TEXTS.arrival_en), 'the event page does not say how to arrive');
    assert.ok((await main.innerText()).includes(w['event.waitlist_note']), 'a full event does not say every place is taken');
    const button = `main form[action="/events/${EVENT_ID}/register"] button[type="submit"]`;
    assert.equal((await page.locator(button).innerText()).trim(), w['event.waitlist_button'], 'a full event does not offer its waiting list');
    await step(page, 'event');

    const who = guest();
    await page.fill('#name', who.name);
    await page.fill('#email', who.email);
    res = await submit(page, button);
    assert.equal(res.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/registrations\/[0-9A-Z]{4}-[0-9A-Z]{4}$/, `joining ended on ${page.url()}`);
    assert.ok((await page.locator('main [role="status"]').innerText()).includes(w['registration.waitlisted']), 'the person is not told they wait');
    const again = await page.reload({ waitUntil: 'load' });
    assert.equal(again.request().method(), 'GET', 'the confirmation is the answer to a POST: reloading it registers again');
    await step(page, 'waitlisted');
  });

  journey('desk', 'an officer\'s day at the desk: the day\'s appointments, arrival with undo, mail sent again, the audit log', {}, async (page, step, width, context) => {
    const w = words('en');
    const { reference, day } = await bookThroughApi(env.server.url, 'cq-collect', `Desk Day ${width}`);
    await signIn(page, env.server.url, env.server.users.officer);
    assert.equal(new URL(page.url()).pathname, '/staff');
    const nav = page.locator(`nav[aria-label="${w['desk.nav']}"]`);
    assert.equal(await nav.count(), 1, 'the desk has no navigation of its own');
    assert.equal(await page.locator('main a[href="/staff/missions/by-cg-chongqing/day"]').count(), 1, 'the desk does not lead to the day\'s appointments');
    // On a phone the desk's navigation folds into its menu, as the public one does.
    const shown = await nav.locator('a:visible').count();
    if (width <= 320) assert.equal(shown, 0, `the desk's navigation shows ${shown} links at ${width} px instead of its menu`);
    else assert.ok(shown > 0, 'the desk\'s navigation shows no links on a wide screen');
    await step(page, 'desk');

    let res = await follow(page, 'main a[href="/staff/missions/by-cg-chongqing/day"]');
    assert.equal(res.status(), 200);
    await step(page, 'today');
    res = await page.goto(at(`/staff/missions/by-cg-chongqing/day?date=${day}`));
    assert.equal(res.status(), 200);
    const mark = `form[action="/staff/bookings/${reference}/attendance"]:has(input[value="checked_in"]) button[type="submit"]`;
    assert.ok((await page.locator(mark).innerText()).startsWith(w['desk.mark_arrived']), 'the button does not say "Mark as arrived"');
    await step(page, 'day');

    res = await submit(page, mark);
    assert.equal(res.status(), 200);
    const notice = page.locator('main .desk-notice[role="status"]');
    assert.ok((await notice.innerText()).includes(fill(w['desk.marked_arrived'], { Name: `Desk Day ${width}`, Reference: reference })), 'no message names the person marked');
    assert.equal(await notice.locator(`form[action="/staff/bookings/${reference}/attendance/undo"]`).count(), 1, 'the message offers no undo');
    await step(page, 'arrived');
    res = await submit(page, `main .desk-notice form[action="/staff/bookings/${reference}/attendance/undo"] button[type="submit"]`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator(mark).count(), 1, 'after the undo the person cannot be marked again');
    await step(page, 'undone');

    res = await submit(page, `form[action="/staff/bookings/${reference}/resend"] button[type="submit"]`);
    assert.equal(res.status(), 200);
    assert.ok((await page.locator('main .desk-notice').innerText()).includes(fill(w['desk.resent'], { Name: `Desk Day ${width}`, Reference: reference })), 'the mail sent again is not confirmed');
    await step(page, 'resent');

    // The consul reads what happened in the audit log.
    const admin = await context.browser().newContext({ locale: 'en-US', viewport: { width, height: 900 } });
    try {
      const log = await admin.newPage();
      await signIn(log, env.server.url, env.server.users.admin);
      await checkUndoInAudit(log, env.server.url, reference);
      await step(log, 'audit');
    } finally {
      await admin.close();
    }
  });
});
