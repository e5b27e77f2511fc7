import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';

const ID = 'DG112';
const ON = { config: { rules: { DG112: 'warning' as const } } };
const DIGEST = 'sha256:' + 'ab12'.repeat(16);

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'FROM ubuntu:24.04\n'), []);
});

test('fires at the image token of any FROM without a digest', () => {
  assertFires(ID, 'FROM «ubuntu:24.04»\n', ON);
  assertFires(ID, 'FROM «ubuntu»\n', ON);
  assertFires(ID, 'FROM «golang:1.22» AS build\nFROM «gcr.io/distroless/static:nonroot»\n', ON);
  assertFires(ID, 'ARG BASE=python:3.12\nFROM «$BASE»\n', ON);
  // Not a digest at all.
  assertFires(ID, 'FROM «ubuntu@latest»\n', ON);
});

test('does not fire on digests, stage aliases, scratch or unknown variables', () => {
  assertQuiet(ID, `FROM ubuntu:24.04@${DIGEST}\nFROM ubuntu@${DIGEST}\n`, ON);
  assertQuiet(ID, `ARG D=${DIGEST}\nFROM ubuntu@\${D}\n`, ON);
  assertQuiet(ID, `FROM golang:1.22@${DIGEST} AS build\nFROM build\n`, ON);
  assertQuiet(ID, 'FROM scratch\n', ON);
  assertQuiet(ID, 'ARG BASE\nFROM ${BASE}\n', ON);
});

test('the message shows the pinned form', () => {
  const [finding] = assertFires(ID, 'FROM «python:3.12-slim»\n', ON);
  assert.match(finding.message, /python:3\.12-slim@sha256:<digest>/);
  assert.equal(finding.severity, 'warning');
});
