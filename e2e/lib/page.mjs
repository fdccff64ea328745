// What the browser test files share about a page: axe-core checks and
// moving on by a form or a link.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeSource, repoRoot } from './server.mjs';

/** The WCAG rules axe-core checks: 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axe;

/** axeCheck runs axe-core on the page and fails the test on any violation. */
export async function axeCheck(page, what) {
  axe ??= axeSource();
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}\n    ${v.nodes[0]?.html ?? ''}`);
  }, AXE_TAGS);
  assert.equal(violations.length, 0, `axe-core violations on ${what} (${page.url()}):\n${violations.join('\n')}`);
}

/** submit clicks a submit button and returns the response to the request it sends. */
export async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
  return response;
}

/** follow clicks a link and returns the response. */
export async function follow(page, link) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(link)]);
  return response;
}

/** words are the product's messages in a language (web/ui/locales/CODE.json and AREA.CODE.json), to find what the reader is told. */
export function words(code) {
  const dir = path.join(repoRoot, 'web', 'ui', 'locales');
  const files = fs.readdirSync(dir).filter((f) => f === `${code}.json` || f.endsWith(`.${code}.json`));
  return Object.assign({}, ...files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
}
