import type { TextEdit } from '../types';
import { LineIndex } from './line-index';

/** An edit in offsets: what rules build, converted to an LSP `TextEdit` once at the end. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function toTextEdit(index: LineIndex, edit: OffsetEdit): TextEdit {
  return { range: index.rangeOf(edit.start, edit.end), newText: edit.newText };
}

/**
 * Applies LSP edits to a text. Edits must not overlap (as in an LSP `TextEdit[]`); edits at the
 * same position are applied in the order given.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offsets = edits.map((edit, order) => ({
    start: index.offsetAt(edit.range.start),
    end: index.offsetAt(edit.range.end),
    newText: edit.newText,
    order,
  }));
  offsets.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const edit of offsets) {
    if (edit.start < cursor) {
      throw new Error(`overlapping edits at offset ${edit.start}`);
    }
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}
