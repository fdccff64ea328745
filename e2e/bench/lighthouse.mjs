// Lighthouse's scores of the key pages, measured ROUNDS times over, for
// `make bench` (scripts/bench.sh): the test (tests/lighthouse.test.mjs)
// asserts the categories that do not depend on the machine's load; this
// measures performance, whose Total Blocking Time does.
//
//   node bench/lighthouse.mjs          # from e2e/, after npm ci
//
// LIGHTHOUSE_ROUNDS (default 3): how many times each page is audited, the
// pages one after the other in each round. It prints a line per audit,
//   lighthouse-audit ROUND NAME PATH PERF A11Y BEST-PRACTICES SEO FCP-ms LCP-ms TBT-ms CLS
// and one per page over the rounds,
//   lighthouse-page NAME PATH PERF-MIN PERF-MEDIAN PERF-MAX TBT-MEDIAN-ms TBT-MAX-ms A11Y-MIN BP-MIN SEO-MIN
// and keeps each page's last report under artifacts/lighthouse/.

import { startServer } from '../lib/server.mjs';
import { LIGHTHOUSE_PAGES, audit, openEventRegistration, startChromium } from '../lib/lighthouse.mjs';

const rounds = Number(process.env.LIGHTHOUSE_ROUNDS || 3);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
  console.error(`LIGHTHOUSE_ROUNDS must be a whole number from 1 to 20, not ${JSON.stringify(process.env.LIGHTHOUSE_ROUNDS)}`);
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startServer();
let chrome;
try {
  chrome = await startChromium();
  await openEventRegistration(chrome.port, server);
  const runs = new Map(Object.keys(LIGHTHOUSE_PAGES).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, path] of Object.entries(LIGHTHOUSE_PAGES)) {
      const { scores, metrics } = await audit(chrome.port, name, new URL(path, server.url).href);
      runs.get(name).push({ scores, metrics });
      const m = (id) => Math.round(metrics[id]);
      console.log(
        ['lighthouse-audit', round, name, path, scores.performance, scores.accessibility, scores['best-practices'], scores.seo,
          m('first-contentful-paint'), m('largest-contentful-paint'), m('total-blocking-time'), metrics['cumulative-layout-shift'].toFixed(3)].join(' '),
      );
    }
  }
  for (const [name, path] of Object.entries(LIGHTHOUSE_PAGES)) {
    const r = runs.get(name);
    const perf = r.map((x) => x.scores.performance);
    const tbt = r.map((x) => Math.round(x.metrics['total-blocking-time']));
    const min = (c) => Math.min(...r.map((x) => x.scores[c]));
    console.log(
      ['lighthouse-page', name, path, Math.min(...perf), median(perf), Math.max(...perf), median(tbt), Math.max(...tbt),
        min('accessibility'), min('best-practices'), min('seo')].join(' '),
    );
  }
} finally {
  await chrome?.stop();
  await server.stop();
}
