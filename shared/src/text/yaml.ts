import { parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * `yaml`'s parseDocument, made safe for any input:
 * - a lone CR is a line break for YAML 1.2 and for editors, but not for the `yaml` package, which
 *   reads a classic-Mac file as one enormous line; it is read as LF (same length, so offsets stay
 *   those of the text);
 * - nesting deep enough to overflow the parser's stack gives an error whose place depends on the
 *   stack at the moment (JIT state, caller depth), so such a file is reported as too deeply nested,
 *   the same way every time, and nothing of it is checked.
 */
export function parseYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): { document: Document.Parsed; errors: { message: string; start: number; end: number }[] } {
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  const document = parseDocument(source, options);
  if (document.errors.some((error) => error.message.includes('Maximum call stack size exceeded'))) {
    return {
      document: parseDocument('', options),
      errors: [{ message: 'The YAML nests too deeply to be read; nothing of it was checked.', start: 0, end: 0 }],
    };
  }
  return { document, errors: document.errors.map((error) => ({ message: error.message.split('\n')[0], start: error.pos[0], end: error.pos[1] })) };
}
