import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, docsUrl, LineIndex, type Finding, type Range, type RuleMeta, type Severity, type SeveritySetting } from '../../shared/src/index';
import { orderedFixes, type FileReport } from './report';
import { ruleDocumentation } from './rule-help';

/** Where relative artifact URIs start: the folder dockguard ran in (the repository root in CI). */
const SOURCE_ROOT = 'SRCROOT';
const INFORMATION_URI = 'https://github.com/dockguard/dockguard';
const FINGERPRINT_KEY = 'dockguardLineHash/v1';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub code scanning sorts security alerts by this score (≥ 7 high, ≥ 4 medium, else low):
 * dockguard's `error` is a container escape or host takeover, `warning` a real weakness, `info`
 * a hardening gap.
 */
const SECURITY_SEVERITY: Record<SeveritySetting, string> = { error: '8.0', warning: '5.5', info: '3.0', off: '3.0' };

/**
 * SARIF 2.1.0 with one run: the whole catalog in `tool.driver.rules` (with each rule's
 * documentation page as help), one result per finding with a 1-based region (end column
 * exclusive, UTF-16 code units, as SARIF defines), the preferred fix first among `fixes`, and
 * a line-content fingerprint so alerts follow code that moves.
 */
export function sarifFrame(version: string, cwd: string): { head: string; tail: string } {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockguard',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: ALL_RULES.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  // The results go between head and tail, written file by file.
  const frame = JSON.stringify(log);
  const at = frame.lastIndexOf('"results":[]') + '"results":['.length;
  return { head: frame.slice(0, at), tail: `${frame.slice(at)}\n` };
}

const RULE_INDEX = new Map(ALL_RULES.map((rule, index) => [rule.id, index]));

/** A file's results, comma-separated (empty when it has none). */
export function sarifResults(report: FileReport): string {
  const artifactLocation = artifactLocationOf(report);
  return report.findings.map((finding, i) => JSON.stringify(result(finding, RULE_INDEX.get(finding.ruleId)!, artifactLocation, report.fingerprints?.[i]))).join(',');
}

function result(finding: Finding, ruleIndex: number, artifactLocation: ArtifactLocation, fingerprint: string | undefined) {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
  };
  if (fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
  if (finding.related && finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, id) => ({
      id,
      message: { text: related.message },
      physicalLocation: { artifactLocation, region: region(related.range) },
    }));
  }
  const fixes = orderedFixes(finding).filter((fix) => fix.edits.length > 0);
  if (fixes.length > 0) {
    result.fixes = fixes.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation,
          replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
        },
      ],
    }));
  }
  return result;
}

function ruleDescriptor(rule: RuleMeta) {
  const docs = ruleDocumentation(rule);
  const security = rule.kind === 'dockerfile' || rule.kind === 'compose';
  const url = docsUrl(rule);
  const defaultConfiguration = rule.defaultSeverity === 'off' ? { enabled: false } : { level: LEVEL[rule.defaultSeverity] };
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    helpUri: url,
    help: {
      text: `${rule.summary}\n\nDocumentation: ${url}`,
      markdown: docs ?? `${rule.summary}\n\n[Documentation of ${rule.id} ${rule.name}](${url})`,
    },
    defaultConfiguration,
    properties: {
      tags: security ? ['security', rule.kind, ...cheatSheetTags(rule)] : ['dockguard'],
      precision: 'high',
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.defaultSeverity] } : {}),
    },
  };
}

function cheatSheetTags(rule: RuleMeta): string[] {
  return rule.cheatSheet
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+$/.test(part))
    .map((part) => `owasp-docker-rule-${part}`);
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

function artifactLocationOf(report: FileReport): ArtifactLocation {
  if (isAbsolute(report.filePath)) {
    return { uri: pathToFileURL(report.absolutePath).href };
  }
  return { uri: report.filePath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/**
 * Per finding: a hash of its rule, the whitespace-normalised text of its first line, and how
 * many findings of the same rule on an identical line came before it in the file. Unchanged
 * when lines are inserted above, so code scanning keeps tracking the same alert.
 */
export function fingerprints(findings: readonly Finding[], text: string): string[] {
  const index = new LineIndex(text);
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const line = index.lineText(finding.range.start.line).trim().replace(/\s+/g, ' ');
    const key = `${finding.ruleId}\0${line}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
  });
}
