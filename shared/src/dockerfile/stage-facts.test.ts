import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildDockerfileModel } from './model';
import { isUnder, pathsFromOtherStages, scopeBefore, shippedStages } from './stage-facts';

test('scopeBefore sees the ARG and ENV values in effect at an instruction', () => {
  const text = 'ARG G=global\nFROM a AS base\nENV E=env\nFROM base\nARG G\nARG A=$E-x\nEXPOSE 1\nARG L=late\nENV E=changed\n';
  const model = buildDockerfileModel(text);
  const expose = model.instructions.find((instruction) => instruction.keyword === 'EXPOSE')!;
  const scope = scopeBefore(model, expose);
  assert.equal(scope.get('G'), 'global');
  assert.equal(scope.get('E'), 'env');
  assert.equal(scope.get('A'), 'env-x');
  assert.equal(scope.has('L'), false);
});

test('an ARG never overrides an ENV of the same name', () => {
  const model = buildDockerfileModel('FROM a\nENV P=1\nARG P=2\nEXPOSE $P\n');
  assert.equal(scopeBefore(model, model.instructions[3]).get('P'), '1');
});

test('shippedStages: final stage, leaf targets and their parents, not COPY --from sources', () => {
  const text = [
    'FROM a AS base',
    'FROM base AS build',
    'FROM a AS tools',
    'FROM a AS dev',
    'COPY --from=tools /x /x',
    'FROM base AS prod',
    'COPY --from=build /out /out',
    'RUN --mount=type=cache,target=/c --mount=from=2,source=/y,target=/y true',
  ].join('\n');
  const model = buildDockerfileModel(text);
  const shipped = [...shippedStages(model)].map((stage) => stage.alias).sort();
  assert.deepEqual(shipped, ['base', 'dev', 'prod']);
});

test('pathsFromOtherStages: --mount from a stage and earlier COPY --from destinations', () => {
  const text = 'FROM a AS build\nFROM a\nCOPY --from=build /out/ /pkgs/\nCOPY --from=alpine:3 /x /img/\nRUN --mount=type=bind,from=build,source=/o,target=/mnt/o --mount=type=bind,from=busybox,target=/bb true\n';
  const model = buildDockerfileModel(text);
  assert.deepEqual(pathsFromOtherStages(model, model.instructions[4]).sort(), ['/mnt/o', '/pkgs/']);
  assert.ok(isUnder('/pkgs/a.rpm', '/pkgs/'));
  assert.ok(isUnder('/mnt/o', '/mnt/o'));
  assert.ok(!isUnder('/pkgsx/a.rpm', '/pkgs'));
});
