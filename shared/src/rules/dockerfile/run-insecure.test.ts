import { test } from 'node:test';
import { assertFires, assertQuiet, assertFix, applyFixChecked } from '../../test-support/rule-test';

const ID = 'DG117';

test('fires on RUN --security=insecure, in any case and among other flags', () => {
  assertFires(ID, 'FROM alpine\nRUN «--security=insecure» make test\n');
  assertFires(ID, 'FROM alpine\nrun --mount=type=cache,target=/root/.cache «--security=INSECURE» make\n');
  assertFires(ID, 'FROM alpine AS build\nRUN «--security=insecure» make\nFROM alpine\nCOPY --from=build /out /out\n');
});

test('does not fire on the sandbox, other flags, or the words in a command', () => {
  assertQuiet(ID, 'FROM alpine\nRUN --security=sandbox make\n');
  assertQuiet(ID, 'FROM alpine\nRUN --network=none make\n');
  assertQuiet(ID, 'FROM alpine\nRUN echo --security=insecure\n');
  assertQuiet(ID, 'FROM alpine\n# RUN --security=insecure make\nRUN make\n');
});

test('the fix removes the flag and keeps the rest', () => {
  assertFix(ID, 'FROM alpine\nRUN --security=insecure make test\n', 'FROM alpine\nRUN make test\n');
  assertFix(
    ID,
    'FROM alpine\r\nRUN --mount=type=cache,target=/c --security=insecure \\\r\n  make\r\n',
    'FROM alpine\r\nRUN --mount=type=cache,target=/c \\\r\n  make\r\n',
  );
  applyFixChecked(ID, 'FROM alpine\nRUN --security=insecure --network=host make\n');
});
