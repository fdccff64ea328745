// The OpenAPI document the product serves passes an outside validator
// (@apidevtools/swagger-parser, which checks it against the OpenAPI 3.1
// schema and resolves every $ref), as a client generator would need.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { serverAndBrowser } from '../lib/server.mjs';

const env = serverAndBrowser();

test('GET /api/v1/openapi.json is a valid OpenAPI 3.1 document', async () => {
  const res = await fetch(new URL('/api/v1/openapi.json', env.server.url));
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.match(doc.openapi, /^3\.1\./);
  try {
    await SwaggerParser.validate(structuredClone(doc));
  } catch (err) {
    assert.fail(`swagger-parser refuses the document: ${err.message}`);
  }
  // Every path the product serves under /api/v1 that the document names resolves.
  for (const p of ['/api/v1/missions', '/api/v1/jurisdiction?sending=BY&place=Wuhan']) {
    assert.ok(doc.paths[p.split('?')[0]], `the document does not describe ${p}`);
    const answer = await fetch(new URL(p, env.server.url));
    assert.equal(answer.status, 200, `${p} answered ${answer.status}`);
  }
});
