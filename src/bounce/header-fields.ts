/**
 * "Name: value" blocks: the head of a mail, the groups of a message/delivery-status part and of a
 * message/feedback-report part. mailparser reads MIME; these report parts are plain field lists it
 * leaves alone, and the returned original is only needed for two header fields.
 */

export interface HeaderField {
  /** Lower-cased field name. */
  name: string;
  /** The unfolded value: continuation lines joined with one space, trimmed. */
  value: string;
}

/** A field name as RFC 5322 allows it: printable ASCII without the colon. */
const FIELD_LINE = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$/s;
/** Enough for any real head; bounds the work a hostile part can cause. */
const MAX_FIELDS = 500;

/** Parses one block of fields; stops at the first blank line. Lines that are no field are skipped. */
export function parseFields(block: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (fields.length > 0) break;
      continue;
    }
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const match = FIELD_LINE.exec(line);
    if (match === null) continue;
    if (fields.length >= MAX_FIELDS) break;
    fields.push({ name: (match[1] ?? "").toLowerCase(), value: (match[2] ?? "").trim() });
  }
  return fields;
}

/** Splits a report part into its groups of fields (separated by blank lines), each parsed. */
export function parseFieldGroups(text: string): HeaderField[][] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((group) => parseFields(group))
    .filter((group) => group.length > 0);
}

/** The first value of a field, or null. */
export function fieldValue(fields: readonly HeaderField[], name: string): string | null {
  return fields.find((f) => f.name === name)?.value ?? null;
}

/** Every value of a field, in order. */
export function fieldValues(fields: readonly HeaderField[], name: string): string[] {
  return fields.filter((f) => f.name === name).map((f) => f.value);
}

/** The head of a message: everything before the first blank line. */
export function headOf(text: string): string {
  const end = /\r?\n[ \t]*\r?\n/.exec(text);
  return end === null ? text : text.slice(0, end.index);
}
