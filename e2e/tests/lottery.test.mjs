// A service switched to lottery mode and back on the staff desk's service
// form: the confirmation each time, the choice kept in the form, axe-core
// on the form page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signIn } from '../lib/server.mjs';
import { axeCheck, submit, words } from '../lib/page.mjs';

const env = serverAndBrowser();
const en = words('en');
const SERVICE = '/staff/services/cq-collect';

describe('service mode on the desk', () => {
  test('switch a service to lottery mode and back', async (t) => {
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-US' });
    t.after(() => context.close());
    const page = await context.newPage();
    await signIn(page, env.server.url, env.server.users.admin);
    await page.goto(new URL(SERVICE, env.server.url).href);
    await axeCheck(page, 'the service form');
    for (const [mode, saved] of [['lottery', 'service.mode_saved_lottery'], ['open', 'service.mode_saved_open']]) {
      await page.check(`#svc-mode-${mode}`);
      const res = await submit(page, `form[action="${SERVICE}"] button[type="submit"]`);
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('p.ok[role="status"]').innerText()).trim(), en[saved]);
      assert.equal(await page.isChecked(`#svc-mode-${mode}`), true, `${mode} is the mode the form shows`);
    }
    await axeCheck(page, 'the service form after the switch');
  });
});
