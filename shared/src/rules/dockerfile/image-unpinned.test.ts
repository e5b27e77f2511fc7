import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';

const ID = 'DG111';
const DIGEST = 'sha256:' + 'ab12'.repeat(16);

test('fires at the image token of any FROM without a tag or with :latest', () => {
  assertFires(ID, 'FROM «ubuntu»\n');
  assertFires(ID, 'FROM «ubuntu:latest»\n');
  assertFires(ID, 'from --platform=$BUILDPLATFORM «golang» AS build\nFROM «gcr.io/distroless/static»\n');
  assertFires(ID, 'FROM «registry.example.com:5000/team/app» AS base\n');
  assertFires(ID, 'FROM «localhost:5000/app:latest»\n');
  // Builder stages count: their images run the build.
  assertFires(ID, 'FROM «node» AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /dist /usr/share/nginx/html\n');
});

test('resolves FROM through global ARG defaults and names the resolved image', () => {
  const [finding] = assertFires(ID, 'ARG BASE=node\nFROM «${BASE}»\n');
  assert.match(finding.message, /'\$\{BASE\}' \(= 'node'\)/);
  assertFires(ID, 'ARG TAG=latest\nFROM «python:${TAG}»\n');
  assertFires(ID, 'FROM «python:${TAG:-latest}»\n');
  assertQuiet(ID, 'ARG TAG=3.12\nFROM python:${TAG}\n');
});

test('does not fire on tags, digests, stage aliases, scratch or unknown variables', () => {
  assertQuiet(ID, 'FROM ubuntu:24.04\nFROM python:3.12-slim AS app\n');
  assertQuiet(ID, `FROM debian:latest@${DIGEST}\nFROM debian@${DIGEST}\n`);
  assertQuiet(ID, 'FROM golang:1.22 AS build\nFROM build AS test\nFROM BUILD\n');
  assertQuiet(ID, 'FROM scratch\n');
  assertQuiet(ID, 'ARG BASE\nFROM ${BASE}\nFROM node:${NODE_VERSION}\nFROM $REGISTRY/app\n');
  // Tags are case-sensitive: LATEST is some other tag.
  assertQuiet(ID, 'FROM ubuntu:LATEST\n');
  // A stage ARG is not visible to FROM, so the image stays unknown rather than guessed.
  assertQuiet(ID, 'FROM alpine:3.20\nARG BASE=node\nFROM ${BASE}\n');
});

test('is info with no fix', () => {
  const [finding] = assertFires(ID, 'FROM «ubuntu»\n');
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.fixes, []);
});
