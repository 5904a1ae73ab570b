/**
 * Message bodies as a template plus the recipient's values. The template (the compiled issue, ~50 KB)
 * crosses to each delivery thread once, and is kept there as UTF-8 bytes; per message only the values
 * (salutation, unsubscribe URL) cross, and the thread joins the bytes instead of encoding a 50 KB
 * string again. `BodyWire` is the sending side (one per DeliveryThreads), BODY_FILL_SOURCE the
 * thread's side.
 */

/** The same for every recipient: the text between the per-recipient values. */
export interface BodyTemplate {
  readonly parts: readonly string[];
}

/** `parts[0] + values[0] + parts[1] + … + parts[n]`, with `values.length === parts.length - 1`. */
export interface FilledBody {
  template: BodyTemplate;
  values: string[];
}

/** Joins a filled body into its text (on this thread: tests and anything that needs the string). */
export function bodyText(body: string | FilledBody): string {
  if (typeof body === "string") return body;
  const { parts } = body.template;
  let out = parts[0] ?? "";
  for (let i = 0; i < body.values.length; i++) out += (body.values[i] ?? "") + (parts[i + 1] ?? "");
  return out;
}

/** What crosses to a thread for a body: the text itself, or the template's number and the values. */
export type WireBody = string | { template: number; values: string[] };

/** The thread message that hands over a template; sent before the first body that uses it. */
export interface TemplateMessage {
  t: "template";
  template: number;
  parts: readonly string[];
}

export class BodyWire {
  readonly #ids = new WeakMap<BodyTemplate, number>();
  readonly #sent = new WeakMap<object, Set<number>>();
  #next = 0;

  /** The body as it crosses to `thread`; `post` receives the template first if the thread lacks it. */
  wire(body: string | FilledBody, thread: object, post: (m: TemplateMessage) => void): WireBody {
    if (typeof body === "string") return body;
    if (body.values.length !== body.template.parts.length - 1)
      throw new Error(
        `a body template of ${body.template.parts.length} parts takes ${body.template.parts.length - 1} values, not ${body.values.length}`,
      );
    let id = this.#ids.get(body.template);
    if (id === undefined) {
      id = this.#next++;
      this.#ids.set(body.template, id);
    }
    let sent = this.#sent.get(thread);
    if (!sent) {
      sent = new Set();
      this.#sent.set(thread, sent);
    }
    if (!sent.has(id)) {
      post({ t: "template", template: id, parts: body.template.parts });
      sent.add(id);
    }
    return { template: id, values: body.values };
  }
}

/**
 * The thread's side: `bodyTemplate(id, parts)` keeps a template, `fillBody(wireBody)` returns
 * `{ text, bytes }` (bytes null for a plain string: the serializer encodes it). Joining UTF-8 bytes
 * equals encoding the joined text unless a surrogate pair is split across a part and a value; such a
 * body (never produced by the newsletter, whose values are whole words) is encoded from its text.
 */
export const BODY_FILL_SOURCE = `
const bodyTemplates = new Map();
const HIGH = /[\\ud800-\\udbff]$/, LOW = /^[\\udc00-\\udfff]/;
const splitsPair = (a, b) => HIGH.test(a) && LOW.test(b);
function bodyTemplate(id, parts) {
  bodyTemplates.set(id, { parts, bytes: parts.map((p) => Buffer.from(p, "utf8")) });
}
function fillBody(body) {
  if (typeof body === "string") return { text: body, bytes: null };
  const t = bodyTemplates.get(body.template);
  if (!t) throw new Error("unknown body template " + body.template);
  let text = t.parts[0];
  const pieces = [t.bytes[0]];
  let whole = true;
  for (let i = 0; i < body.values.length; i++) {
    const v = body.values[i];
    if (splitsPair(t.parts[i], v) || splitsPair(v, t.parts[i + 1]) || (v === "" && splitsPair(t.parts[i], t.parts[i + 1]))) whole = false;
    text += v + t.parts[i + 1];
    pieces.push(Buffer.from(v, "utf8"), t.bytes[i + 1]);
  }
  return { text, bytes: whole ? Buffer.concat(pieces) : null };
}
`;
