// The staff editor of the relationship's record in the browser: in each
// language an admin opens the form of a new record, sends it with a
// mistake and sees the reason at the field, corrects it, deletes the
// record and undoes that, then imports a CSV file (a dry run, a file with
// a bad row, the real import) — axe-core on every page on the way, since
// the pages after a POST cannot be reached by the crawl of axe.test.mjs.
// Once more in English with JavaScript turned off.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck as axeCheckPage, submit } from '../lib/page.mjs';

const env = serverAndBrowser();
const at = (path) => new URL(path, env.server.url).href;

async function journey(browser, { code, tag }, javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, locale: 'en-US' });
  const page = await context.newPage();
  // axe-core needs scripts; the run without them checks the flow alone.
  const axeCheck = javaScriptEnabled ? axeCheckPage : async () => {};
  try {
    await page.goto(at(`/?lang=${code}`));
    await signIn(page, env.server.url, env.server.users.admin);
    const id = `e2e-${code}-${javaScriptEnabled ? 'js' : 'nojs'}`;

    let res = await page.goto(at('/staff/record/new/entity'));
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), tag);
    await axeCheck(page, 'the new-record form');
    await page.fill('#f-id', id);
    await page.selectOption('#f-kind', 'place');
    await page.fill('#f-name-en', 'Pinsk');
    // No citation: refused, the reason shown and the first citation field marked.
    res = await submit(page, 'form.stack button[type="submit"]');
    assert.equal(res.status(), 400);
    assert.equal(await page.getAttribute('#f-citations-source-0', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#f-name-en'), 'Pinsk', 'what was typed is kept');
    await axeCheck(page, 'the form with an error');
    await page.selectOption('#f-citations-source-0', 'ichongqing-2021-02-01');
    await page.fill('#f-citations-quote-0', 'Pinsk');
    res = await submit(page, 'form.stack button[type="submit"]');
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/staff/record/entity/${id}`);
    await axeCheck(page, 'the saved record');

    // Delete, then undo.
    await page.check('#delete-confirm');
    res = await submit(page, `form[action$="/${id}/delete"] button[type="submit"]`);
    assert.equal(res.status(), 200);
    await axeCheck(page, 'the list after a deletion, with its undo');
    res = await submit(page, 'form[action="/staff/record/restore/entity"] button[type="submit"]');
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/staff/record/entity/${id}`);

    // Import: a dry run, a bad row, then the import.
    const csv = (rows) => ({ name: 'partnerships.csv', mimeType: 'text/csv', buffer: Buffer.from(
      'id,kind,a,b,citations[].source,citations[].quote\n' + rows.join('\n') + '\n') });
    const good = `${id}-twin,cooperation,${id},kapyl-district,ichongqing-2021-02-01,Kapyl District`;
    const importFile = async (file, dryRun) => {
      await page.goto(at('/staff/record'));
      await page.setInputFiles('#import-file', file);
      await page.selectOption('#import-kind', 'partnership');
      if (dryRun) await page.check('#import-dry');
      else await page.uncheck('#import-dry');
      return submit(page, 'form[action="/staff/record/import"] button[type="submit"]');
    };
    res = await importFile(csv([good]), true);
    assert.equal(res.status(), 200);
    await axeCheck(page, 'the dry run of an import');
    res = await importFile(csv([good, `${id}-bad,cooperation,${id},atlantis,ichongqing-2021-02-01,x`]), false);
    assert.equal(res.status(), 400);
    assert.match(await page.textContent('#import-file-error'), /atlantis/);
    assert.match(await page.textContent('.error-summary a[href="#import-file"]'), /atlantis/);
    await axeCheck(page, 'an import refused for a bad row');
    res = await importFile(csv([good]), false);
    assert.equal(res.status(), 200);
    await axeCheck(page, 'an import done');
    res = await page.goto(at(`/staff/record/partnership/${id}-twin`));
    assert.equal(res.status(), 200, 'the imported partnership is there');
  } finally {
    await context.close();
  }
}

describe('the record editor', () => {
  for (const lang of LANGUAGES) {
    test(`in ${lang.code}: edit, undo and import, axe-clean`, async () => journey(env.browser, lang, true));
  }
  test('without JavaScript', async () => journey(env.browser, LANGUAGES[0], false));
});
