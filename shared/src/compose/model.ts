import { parseDocument, isMap, isScalar, visit, LineCounter, type Document, type Node, type YAMLMap, type Pair } from 'yaml';
import { LineIndex } from '../text/line-index';
import type { CommentLine } from '../suppressions';

/**
 * What the compose rules read: the parsed document with positions, its services, and the
 * comment lines. (Merge keys, interpolation and value normalisers build on this.)
 */
export interface ComposeModel {
  text: string;
  index: LineIndex;
  document: Document.Parsed;
  parseErrors: { message: string; start: number; end: number }[];
  /** Why the file is not a compose file (top level is a list, no `services:` map, ...). */
  notCompose: string | undefined;
  services: Service[];
  comments: CommentLine[];
  /** The line above which an "ignore next line" comment for a finding at `offset` goes. */
  suppressionLine(offset: number): number;
  fileSuppressionLine: number;
}

export interface Service {
  name: string;
  keyStart: number;
  keyEnd: number;
  /** Undefined when the service's value is not a mapping (e.g. `web:` with nothing under it). */
  node: YAMLMap<Node, Node | null> | undefined;
  pair: Pair<Node, Node | null>;
}

export function buildComposeModel(text: string): ComposeModel {
  const index = new LineIndex(text);
  const document = parseDocument(text, { keepSourceTokens: true, lineCounter: new LineCounter(), uniqueKeys: false });
  const parseErrors = document.errors.map((error) => ({ message: error.message.split('\n')[0], start: error.pos[0], end: error.pos[1] }));
  const services: Service[] = [];
  let notCompose: string | undefined;
  const root = document.contents;
  const servicesPair = isMap(root)
    ? (root.items as Pair<Node, Node | null>[]).find((pair) => isScalar(pair.key) && pair.key.value === 'services')
    : undefined;
  const empty = root === null || (isScalar(root) && (root.value === null || root.value === ''));
  if (!isMap(root) && !empty) {
    notCompose = 'Not a compose file: its top level must be a mapping with a `services:` key.';
  } else if (servicesPair && servicesPair.value !== null && !isMap(servicesPair.value)) {
    notCompose = '`services:` must be a mapping of service names to their definitions.';
  } else if (servicesPair && isMap(servicesPair.value)) {
    for (const pair of servicesPair.value.items as Pair<Node, Node | null>[]) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const name = String(pair.key.value);
      services.push({
        name,
        keyStart: pair.key.range[0],
        keyEnd: pair.key.range[1],
        node: isMap(pair.value) ? (pair.value as YAMLMap<Node, Node | null>) : undefined,
        pair,
      });
    }
  }

  // Lines inside multi-line scalars are content, not comments or places to insert one.
  const scalarLines = new Set<number>();
  visit(document, {
    Scalar(_key, node) {
      if (!node.range) return;
      const first = index.lineOf(node.range[0]);
      const last = index.lineOf(node.range[1]);
      for (let line = first + 1; line <= last; line++) scalarLines.add(line);
    },
  });
  const comments: CommentLine[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    if (scalarLines.has(line)) continue;
    const lineText = index.lineText(line);
    const hash = lineText.search(/\S/);
    if (hash >= 0 && lineText[hash] === '#') {
      const start = index.lineStart(line) + hash;
      comments.push({ line, start, end: index.lineEnd(line), text: lineText.slice(hash) });
    }
  }

  const suppressionLine = (offset: number): number => {
    let line = index.lineOf(offset);
    while (line > 0 && scalarLines.has(line)) line--;
    return line;
  };
  return { text, index, document, parseErrors, notCompose, services, comments, suppressionLine, fileSuppressionLine: 0 };
}
