/**
 * The bytes of a composed message without nodemailer's stream pipeline. MailComposer still builds the
 * MIME tree and every header (encoding, folding, boundaries, the transfer-encoding decision); only
 * writing the tree out is done here: the headers nodemailer built, the boundaries where its MimeNode
 * writes them, and the base64 bodies encoded in one native call and wrapped at 76 characters — the
 * same bytes MimeNode.build produces (a test compares them), at a fraction of the cost of its chain
 * of streams. A node this does not cover (raw, transforms, quoted-printable, streamed or file
 * content) makes it return null, and the caller builds with nodemailer instead.
 *
 * Plain CommonJS source, because it runs inside the delivery threads (see worker-source.ts);
 * `mimeBytes()` evaluates the same source for use on this thread (tests).
 */
export const MIME_BYTES_SOURCE = `
const B64_LINE = 76;
function base64Lines(bytes) {
  const len = Math.ceil(bytes.length / 3) * 4;
  const lines = Math.ceil(len / B64_LINE);
  const outLen = len + 2 * Math.max(0, lines - 1);
  const out = Buffer.allocUnsafe(outLen);
  // encode into the tail of the output, then move each line forward to its place: no second buffer
  const shift = outLen - len;
  out.write(bytes.toString("base64"), shift, "latin1");
  let to = 0;
  const whole = Math.max(0, lines - 1) * B64_LINE;
  for (let from = shift; from < shift + whole; from += B64_LINE) {
    out.copyWithin(to, from, from + B64_LINE);
    to += B64_LINE;
    out[to++] = 0x0d;
    out[to++] = 0x0a;
  }
  out.copyWithin(to, shift + whole);
  return out;
}
function mimeSupported(node) {
  // MimeNode's internals as of nodemailer 10; anything unexpected goes to nodemailer's own build
  const plain = Array.isArray(node._transforms) && Array.isArray(node._processFuncs) && Array.isArray(node.childNodes);
  if (!plain || node._raw || node._transforms.length || node._processFuncs.length) return false;
  if (node.content) {
    const isBytes = typeof node.content === "string" || Buffer.isBuffer(node.content);
    if (!isBytes || node.getTransferEncoding() === "quoted-printable") return false;
  }
  return node.childNodes.every(mimeSupported);
}
function writeNode(node, pieces, bodyBytes) {
  pieces.push(Buffer.from(node.buildHeaders() + "\\r\\n\\r\\n"));
  if (node.content) {
    const known = typeof node.content === "string" ? bodyBytes(node.content) : node.content;
    const bytes = known || Buffer.from(node.content);
    // anything but quoted-printable and base64 goes out as it is (MimeNode.stream does the same)
    pieces.push(node.getTransferEncoding() === "base64" ? base64Lines(bytes) : bytes);
  }
  if (!node.multipart) return;
  node.childNodes.forEach((child, i) => {
    pieces.push(Buffer.from((i > 0 ? "\\r\\n" : "") + "--" + node.boundary + "\\r\\n"));
    writeNode(child, pieces, bodyBytes);
  });
  pieces.push(Buffer.from("\\r\\n--" + node.boundary + "--\\r\\n"));
}
/** root: MailComposer(...).compile(); bodyBytes(content) may return the UTF-8 bytes of a string body (or null). */
function mimeBytes(root, bodyBytes) {
  if (!mimeSupported(root)) return null;
  const pieces = [];
  writeNode(root, pieces, bodyBytes || (() => null));
  const last = pieces[pieces.length - 1];
  // MimeNode's LastNewline stage: the message always ends with a line break
  if (last.length === 0 || last[last.length - 1] !== 0x0a) pieces.push(Buffer.from(last.length > 0 && last[last.length - 1] === 0x0d ? "\\n" : "\\r\\n"));
  return Buffer.concat(pieces);
}
`;

/** A compiled MailComposer tree (nodemailer's MimeNode), as far as `mimeBytes` uses it. */
export type MimeRoot = object;

/** The serializer on this thread: the bytes of `root`, or null when nodemailer must build them. */
export function mimeBytes(): (root: MimeRoot, bodyBytes?: (content: string) => Buffer | null) => Buffer | null {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same source the delivery threads evaluate
  return new Function("Buffer", `${MIME_BYTES_SOURCE}\nreturn mimeBytes;`)(Buffer) as ReturnType<typeof mimeBytes>;
}
