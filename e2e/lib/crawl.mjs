// Crawling the site the way the browser tests that visit every page do
// (axe.test.mjs, narrow.test.mjs): from seed pages along same-origin GET
// links, each page once whatever its ?lang=, and at most a few pages of
// one shape (one template drawing many records).

import { EVENT_ID } from './events.mjs';

/** Pages of the staff desk every crawl signed in as admin starts from. */
export const STAFF_SEEDS = ['/staff', '/staff/missions/by-cg-chongqing', '/staff/sources', '/staff/audit', '/staff/users',
  '/staff/missions/by-cg-chongqing/day', '/staff/services/cq-visa', '/staff/missions/by-cg-chongqing/closures', '/staff/outbox',
  '/staff/services/cq-visa/releases', '/staff/events', `/staff/events/${EVENT_ID}`, `/staff/events/${EVENT_ID}/registrations`,
  '/staff/record', '/staff/record/entity', '/staff/record/entity/kapyl-district',
  ...['entity', 'role', 'partnership', 'agreement', 'event', 'corridor', 'trade'].map((k) => `/staff/record/new/${k}`),
  '/staff/match', '/staff/match/profiles/great-stone', '/staff/match/suggestions', '/staff/match/introductions'];

/**
 * crawlKey is a URL's identity for the crawl: the language switcher's
 * ?lang= links only differ by lang from the page they are on, so lang is
 * dropped, as is the #fragment, and the other parameters are sorted.
 */
export function crawlKey(u) {
  const url = new URL(u);
  url.hash = '';
  url.searchParams.delete('lang');
  url.searchParams.sort(); // ?a=1&b=2 and ?b=2&a=1 are one page
  return url.pathname + (url.searchParams.size ? `?${url.searchParams}` : '');
}

// SHAPES name the paths one template draws for many records; shapeKey
// groups a page with the others its template draws with other data: its
// path (a record's id made "*" by SHAPES) and the names, not the values, of
// its query (/relations/entity/great-stone and /relations/entity/pinsk;
// /missions/x/book/cq-visa?week=… for every week). A crawl checks a few
// pages of a shape: more of them find the template's faults again and
// double the suite's time; seeds and explicit pages are always checked.
const SHAPES = [
  [/^\/relations\/([a-z]+)\/[^/]+$/, '/relations/$1/*'],
  [/^\/events\/[^/]+(\/[a-z]+)?$/, '/events/*$1'],
  [/^\/staff\/events\/[^/]+(\/[a-z]+)?$/, '/staff/events/*$1'],
  [/^\/staff\/record\/([a-z]+)\/[^/]+(\/[a-z]+)?$/, '/staff/record/$1/*$2'],
  [/^\/staff\/match\/profiles\/[^/]+$/, '/staff/match/profiles/*'],
  [/^\/staff\/match\/suggestions\/[^/]+\/[^/]+$/, '/staff/match/suggestions/*/*'],
];

/** shapeKey names the shape of a crawl key (see SHAPES). */
export function shapeKey(key) {
  const url = new URL(key, 'http://shape.invalid');
  let path = url.pathname;
  for (const [re, to] of SHAPES) path = path.replace(re, to);
  return `${path}?${[...new Set(url.searchParams.keys())].sort().join('&')}`;
}

/** followable tells whether a crawl from origin follows a link's href. */
export function followable(href, origin) {
  if (!href) return false;
  let url;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // external, mailto:, tel:, javascript:
  if (url.pathname.startsWith('/static/') || url.pathname.startsWith('/api/')) return false;
  if (url.pathname === '/verify/keys') return false; // the published keys, a JSON document for offline checks, not a page
  return true;
}

/**
 * isStaffPath tells whether the staff crawl follows a path: the desk's
 * pages, but not every record of the record's editor (the seeds hold one of
 * each form) nor its downloads.
 */
export function isStaffPath(pathname) {
  if (/^\/staff\/record\/(export\/|[a-z]+\/.)/.test(pathname)) return false;
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

/**
 * crawl visits the seeds, then the explicit [path, status] pages, then the
 * links found on every page visited (followable from base's origin and
 * within), up to maxPages crawled pages, at most perShape of a shape. Seeds
 * and explicit pages are always visited. visit(path, expectedStatus) checks
 * one page and returns the absolute hrefs of its links. It returns notes on
 * what was left out.
 */
export async function crawl(base, seeds, { explicit = [], within = () => true, perShape, maxPages, visit }) {
  const origin = new URL(base).origin;
  const seen = new Set();
  const notes = [];
  const queue = [];
  const go = async (path, expected) => {
    seen.add(crawlKey(new URL(path, origin).href));
    for (const href of await visit(path, expected)) {
      if (followable(href, origin) && within(new URL(href).pathname) && !seen.has(crawlKey(href))) queue.push(crawlKey(href));
    }
  };
  for (const p of seeds) await go(p, 200);
  for (const [p, status] of explicit) await go(p, status);
  let crawled = 0;
  const shapes = new Map();
  let sampled = 0;
  while (queue.length > 0) {
    const key = queue.shift();
    if (seen.has(key)) continue;
    const shape = shapeKey(key);
    if ((shapes.get(shape) ?? 0) >= perShape) {
      seen.add(key);
      sampled++;
      continue;
    }
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    if (crawled >= maxPages) {
      notes.push(`stopped crawling at ${maxPages} pages; ${key} and others were not visited`);
      break;
    }
    crawled++;
    await go(key, 200);
  }
  if (sampled > 0) notes.push(`${sampled} more pages of shapes already checked ${perShape} times were left out`);
  return notes;
}
