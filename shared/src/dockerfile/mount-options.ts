import type { Flag } from './model';

/** One `key=value` field of a `--mount=…` flag, with the offsets of its value in the Dockerfile. */
export interface MountField {
  /** Lower-case key (`type`, `source`, `target`, …). */
  key: string;
  /** Without surrounding quotes. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

/**
 * The fields of a `RUN --mount=type=bind,source=a,target=b` flag, read from the text as BuildKit
 * reads them (comma-separated CSV fields, each optionally in double quotes), so a rule can point
 * at the value that matters rather than at the whole flag.
 */
export function mountFields(text: string, flag: Flag): MountField[] {
  const raw = text.slice(flag.start, flag.end);
  const equals = raw.indexOf('=');
  if (equals < 0) return [];
  const fields: MountField[] = [];
  let i = equals + 1;
  while (i <= raw.length) {
    let fieldStart = i;
    let fieldEnd: number;
    let quoted = false;
    if (raw[i] === '"') {
      quoted = true;
      const close = raw.indexOf('"', i + 1);
      fieldStart = i + 1;
      fieldEnd = close < 0 ? raw.length : close;
      i = close < 0 ? raw.length : close + 1;
      while (i < raw.length && raw[i] !== ',') i++;
    } else {
      const comma = raw.indexOf(',', i);
      fieldEnd = comma < 0 ? raw.length : comma;
      i = fieldEnd;
    }
    const field = raw.slice(fieldStart, fieldEnd);
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    let valueStart = eq < 0 ? fieldEnd : fieldStart + eq + 1;
    let valueEnd = fieldEnd;
    // `source="/a b"` inside an unquoted field.
    if (!quoted && raw[valueStart] === '"' && raw[valueEnd - 1] === '"' && valueEnd - valueStart >= 2) {
      valueStart++;
      valueEnd--;
    }
    if (key) {
      fields.push({ key, value: raw.slice(valueStart, valueEnd), valueStart: flag.start + valueStart, valueEnd: flag.start + valueEnd });
    }
    i++;
  }
  return fields;
}
