/**
 * Result ids for pulled diagnostics: a hash of the report itself, so "same id" means "same
 * diagnostics" whatever caused the re-lint (a keystroke that changed nothing, a config change
 * that did not matter, a file touched on disk). The client then gets `unchanged` and keeps what
 * it shows. 53 bits: a collision between two reports of one file is not a practical concern.
 */
export function reportId(items: unknown): string {
  return hash53(JSON.stringify(items));
}

/** The id of an empty report: what a deleted or no longer linted file is answered with. */
export const EMPTY_REPORT_ID = reportId([]);

function hash53(text: string): string {
  // cyrb53: two interleaved 32-bit multiplicative hashes.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
