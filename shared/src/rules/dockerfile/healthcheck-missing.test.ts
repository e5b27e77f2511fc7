import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';

const ID = 'DG118';
const ON = { config: { rules: { 'healthcheck-missing': 'info' as const } } };

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'FROM nginx:1.27\n'), []);
});

test('fires at the final FROM line when the final stage chain has no HEALTHCHECK', () => {
  assertFires(ID, '«FROM nginx:1.27»\nCOPY site /usr/share/nginx/html\n', ON);
  // A builder stage's HEALTHCHECK does not reach a stage built FROM an image.
  assertFires(ID, 'FROM node:20 AS build\nHEALTHCHECK CMD true\nRUN npm ci\n«FROM node:20-slim»\nCMD ["node", "x.js"]\n', ON);
  assertFires(ID, 'FROM python:3.12 AS base\n«FROM base AS runtime»\nCMD ["python"]\n', ON);
});

test('a HEALTHCHECK in the final stage or a parent stage, or HEALTHCHECK NONE, is a decision', () => {
  assertQuiet(ID, 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1\n', ON);
  assertQuiet(ID, 'FROM nginx:1.27\nhealthcheck NONE\n', ON);
  assertQuiet(ID, 'FROM python:3.12 AS base\nHEALTHCHECK CMD ["python", "-c", "print(1)"]\nFROM base\nCMD ["python"]\n', ON);
});

test('does not fire on scratch, an unknown base, or a file without stages', () => {
  assertQuiet(ID, 'FROM golang:1.22 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n', ON);
  assertQuiet(ID, 'ARG BASE\nFROM ${BASE}\n', ON);
  assertQuiet(ID, '# nothing here\n', ON);
});
