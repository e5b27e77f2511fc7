import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { lint } from '../lint';
import { applyEdits } from '../text/edits';
import type { Finding } from '../types';

/**
 * The three most-asked compose fixes (cap_drop ALL, read_only with or without tmpfs,
 * no-new-privileges) on generated files: any indentation step, LF or CRLF, comments around,
 * block or flow lists with any quoting, merge keys, with or without a final line break. Every
 * fix must parse, change exactly the intended data, keep every comment, and clear its finding.
 */

interface Service {
  name: string;
  image: boolean;
  capDrop: 'none' | 'block' | 'flow' | 'empty';
  securityOpt: 'none' | 'block' | 'flow' | 'single-quoted';
  tmpfs: 'none' | 'string' | 'block' | 'flow';
  readOnly: 'none' | 'false' | 'quoted-no';
  merged: boolean;
  comment: boolean;
}

const serviceArb = fc.record<Service>({
  name: fc.constantFrom('web', 'api', 'db', 'worker-1', 'cache_2'),
  image: fc.boolean(),
  capDrop: fc.constantFrom('none', 'block', 'flow', 'empty'),
  securityOpt: fc.constantFrom('none', 'block', 'flow', 'single-quoted'),
  tmpfs: fc.constantFrom('none', 'string', 'block', 'flow'),
  readOnly: fc.constantFrom('none', 'false', 'quoted-no'),
  merged: fc.boolean(),
  comment: fc.boolean(),
});

interface File {
  indent: number;
  crlf: boolean;
  finalBreak: boolean;
  header: boolean;
  hardenedAnchor: boolean;
  services: Service[];
}

const fileArb: fc.Arbitrary<File> = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  hardenedAnchor: fc.boolean(),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
  header: fc.boolean(),
  services: fc.uniqueArray(serviceArb, { minLength: 1, maxLength: 3, selector: (service) => service.name }),
});

function render(file: File): string {
  const unit = ' '.repeat(file.indent);
  const lines: string[] = [];
  if (file.header) lines.push('# generated stack', '# second line');
  if (file.services.some((service) => service.merged)) {
    lines.push('x-base: &base', `${unit}restart: on-failure # shared`);
    if (file.hardenedAnchor) lines.push(`${unit}cap_drop: [NET_RAW]`, `${unit}security_opt:`, `${unit}${unit}- seccomp=./base.json`, `${unit}read_only: false`);
  }
  lines.push('services:');
  for (const service of file.services) {
    const at = unit.repeat(2);
    if (service.comment) lines.push(`${unit}# the ${service.name} service`);
    lines.push(`${unit}${service.name}:`);
    if (service.merged) lines.push(`${at}<<: *base`);
    if (service.image) lines.push(`${at}image: example/${service.name}:1.0 # pinned`);
    if (service.capDrop === 'block') lines.push(`${at}cap_drop:`, `${at}${unit}- NET_RAW # raw`);
    if (service.capDrop === 'flow') lines.push(`${at}cap_drop: [NET_RAW, MKNOD]`);
    if (service.capDrop === 'empty') lines.push(`${at}cap_drop:`);
    if (service.securityOpt === 'block') lines.push(`${at}security_opt:`, `${at}- seccomp=./profile.json`);
    if (service.securityOpt === 'flow') lines.push(`${at}security_opt: ["label=type:x_t"]`);
    if (service.securityOpt === 'single-quoted') lines.push(`${at}security_opt:`, `${at}${unit}- 'apparmor=custom'`);
    if (service.tmpfs === 'string') lines.push(`${at}tmpfs: /run`);
    if (service.tmpfs === 'block') lines.push(`${at}tmpfs:`, `${at}${unit}- /run`);
    if (service.tmpfs === 'flow') lines.push(`${at}tmpfs: [/run]`);
    if (service.readOnly === 'false') lines.push(`${at}read_only: false # for now`);
    if (service.readOnly === 'quoted-no') lines.push(`${at}read_only: "no"`);
    lines.push(`${at}environment:`, `${at}${unit}A: "1"`);
  }
  const eol = file.crlf ? '\r\n' : '\n';
  return lines.join(eol) + (file.finalBreak ? eol : '');
}

function data(text: string): any {
  const document = parseDocument(text, { merge: true });
  assert.deepEqual(document.errors.map((error) => error.message), []);
  return document.toJS();
}

function comments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.includes('#') ? line.slice(line.indexOf('#')) : ''))
    .filter(Boolean);
}

function serviceOf(finding: Finding, text: string): string {
  const names = [...text.matchAll(/^\s+([\w-]+):\r?$/gm)].map((match) => match[1]);
  const found = names.find((name) => finding.message.includes(`'${name}'`));
  assert.ok(found, finding.message);
  return found;
}

const CHANGES: Record<string, (service: any, fixTitle: string) => void> = {
  DG204: (service, title) => {
    // An override of an inherited list is just [ALL]: ALL makes the inherited items redundant.
    service.cap_drop = service.cap_drop && !/overrides/.test(title) ? [...service.cap_drop, 'ALL'] : ['ALL'];
  },
  DG206: (service) => {
    service.security_opt = service.security_opt ? [...service.security_opt, 'no-new-privileges:true'] : ['no-new-privileges:true'];
  },
  DG214: (service, title) => {
    service.read_only = service.read_only === 'no' ? 'true' : true;
    if (/tmpfs/.test(title)) {
      const tmpfs = service.tmpfs === undefined ? [] : Array.isArray(service.tmpfs) ? service.tmpfs : [service.tmpfs];
      service.tmpfs = [...tmpfs, '/tmp'];
    }
  },
};

test('the three most-asked compose fixes keep their promises on generated files', () => {
  let applied = 0;
  fc.assert(
    fc.property(fileArb, (file) => {
      const text = render(file);
      const before = lint(text, { fileName: 'compose.yaml' }).findings;
      const original = data(text);
      for (const finding of before.filter((candidate) => candidate.ruleId in CHANGES)) {
        for (const fix of finding.fixes) {
          applied++;
          const fixed = applyEdits(text, fix.edits);
          const name = serviceOf(finding, text);
          const wanted = data(text);
          wanted.services[name] = { ...wanted.services[name] };
          CHANGES[finding.ruleId](wanted.services[name], fix.title);
          // An anchor edit changes every service that uses the anchor: checked by the re-lint below.
          if (!/ in anchor /.test(fix.title)) assert.deepEqual(data(fixed), wanted, `${finding.ruleId} "${fix.title}" on ${name}:\n${text}\n---\n${fixed}`);
          else data(fixed);
          assert.deepEqual(data(text), original);
          for (const comment of comments(text)) assert.ok(fixed.includes(comment), `lost ${comment}`);
          if (file.crlf) assert.ok(!/[^\r]\n/.test(fixed), `a bare LF in a CRLF file:\n${JSON.stringify(fixed)}`);
          const after = lint(fixed, { fileName: 'compose.yaml' }).findings;
          const same = (other: Finding) => other.ruleId === finding.ruleId && other.message === finding.message;
          assert.ok(!after.some(same), `${finding.ruleId} still there after "${fix.title}":\n${fixed}`);
          for (const rule of new Set(after.map((other) => other.ruleId))) {
            const count = (list: Finding[]) => list.filter((other) => other.ruleId === rule).length;
            assert.ok(count(after) <= count(before), `"${fix.title}" made a new ${rule} finding:\n${fixed}`);
          }
        }
      }
    }),
    { numRuns: 150, seed: 20261128 },
  );
  assert.ok(applied > 500, `only ${applied} fixes were exercised`);
});
