// Type declarations for the two small MIME libraries of nodemailer's author that ship without types;
// only the functions koepfe calls are declared.
declare module "libqp" {
  /** Quoted-printable encoding of bytes; line breaks in the input are kept, trailing blanks encoded. */
  export function encode(data: Buffer | string): string;
  /** Inserts soft line breaks ("=\r\n") so no line exceeds `lineLength`, never inside an =XX sequence. */
  export function wrap(text: string, lineLength?: number): string;
}

declare module "libmime" {
  // CommonJS with an instance as its export: only the default import works from ESM
  const libmime: {
    /** An RFC 2047 encoded word for a header ("=?UTF-8?Q?…?="). */
    encodeWord(data: string | Buffer, mimeWordEncoding?: "Q" | "B", maxLength?: number): string;
    /** True when the text needs no encoding in a header. */
    isPlainText(value: string, isParam?: boolean): boolean;
  };
  export default libmime;
}
