import { isMap } from 'yaml';
import { defineComposeRule, type ProblemFix } from '../rule';
import { addMapEntries, addServiceKey } from '../../compose/edits';
import { extendsChain, isCompleteService, isShared, mapOf, serviceLabel, titleWithInheritors, valueProblem } from './service-findings';

/** The entries the fix adds, block and flow; see the docs page for why these numbers. */
const ENTRIES = {
  nofile: { block: ['nofile:', '  soft: 65536', '  hard: 65536'], flow: 'nofile: { soft: 65536, hard: 65536 }' },
  nproc: { block: ['nproc: 4096'], flow: 'nproc: 4096' },
} as const;

type LimitName = keyof typeof ENTRIES;

export default defineComposeRule({
  id: 'DG221',
  name: 'ulimits',
  defaultSeverity: 'off',
  cheatSheet: '7',
  fixable: true,
  // The limits are guesses that a busy server may exceed, so a person picks the values.
  autoFix: false,
  summary: 'A service sets no ulimits for open files (nofile) and processes (nproc).',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      const bases = extendsChain(model, service);
      if (bases === undefined) continue;
      const field = service.field('ulimits');
      // A base service's ulimits are inherited; the base is checked on its own.
      if (!field && bases.some((base) => base.field('ulimits') !== undefined)) continue;
      if (!field) {
        if (!isCompleteService(service)) continue;
        context.report({
          start: service.keyStart,
          end: service.keyEnd,
          message: `${serviceLabel(service)} sets no ulimits: open files (nofile) and processes (nproc) are bounded only by the daemon's defaults.`,
          fixes: () => {
            const edits = addServiceKey(model, service, ['ulimits:', ...[...ENTRIES.nofile.block, ...ENTRIES.nproc.block].map((line) => `  ${line}`)]);
            return edits.length > 0 ? [{ title: titleWithInheritors('Add ulimits for nofile and nproc', model, service), edits }] : [];
          },
        });
        continue;
      }
      // A value Compose cannot read as a mapping (a variable, a typo) is not second-guessed.
      if (!isMap(field.value)) continue;
      const missing = (Object.keys(ENTRIES) as LimitName[]).filter((name) => field.get(name) === undefined);
      if (missing.length === 0) continue;
      const shared = isShared(field);
      const map = mapOf(field);
      const fixes: ProblemFix[] = [];
      if (!shared && map) {
        const edits = addMapEntries(
          model,
          map,
          missing.flatMap((name) => [...ENTRIES[name].block]),
          missing.map((name) => ENTRIES[name].flow),
        );
        if (edits.length > 0) fixes.push({ title: titleWithInheritors(`Add ${missing.join(' and ')} to ulimits`, model, service), edits });
      }
      const [start, end] = field.keyNode.range!;
      context.report(valueProblem(service, field, [start, end], `sets ulimits without ${missing.join(' or ')}.`, { fixes }));
    }
  },
});
