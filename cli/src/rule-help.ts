import { docsPath, type RuleMeta } from '../../shared/src/index';

/**
 * A rule's documentation page (`shared/src/rules/<kind>/<name>.md`), embedded in the bundle at
 * build time (esbuild's text loader turns this pattern into a table of every page). Undefined
 * for a rule without a page, and when running unbundled (tests of other modules).
 */
export function ruleDocumentation(rule: RuleMeta): string | undefined {
  const [folder, page] = docsPath(rule).split('/');
  try {
    const text: unknown = require(`../../shared/src/rules/${folder}/${page.replace(/\.md$/, '')}.md`);
    return typeof text === 'string' && text.trim() !== '' ? text : undefined;
  } catch {
    return undefined;
  }
}
