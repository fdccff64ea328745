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

/**
 * measure, run in the page (page.evaluate(measure)), tells whether the page
 * is wider than the viewport and, if so,
 * which element sticks out furthest: among the elements whose right edge
 * passes the viewport and that no scrolling or clipping box holds (an
 * absolutely positioned one may escape it), the one whose edge is furthest
 * right.
 * It returns the scroll and client widths, the widest element, and the
 * hrefs of the page's links.
 */
export function measure() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== root && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  let widest = null;
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right;
      if (right <= width + 0.5 || (widest && right <= widest.right)) continue;
      if (clipped(el) && !['absolute', 'fixed'].includes(getComputedStyle(el).position)) continue;
      const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
      widest = { right: Math.round(right), name, text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80) };
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, widest, links: [...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href) };
}
