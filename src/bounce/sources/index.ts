/** Where bounce reports come from: stdin, a Maildir or folder of .eml files, an mbox, an IMAP mailbox. */
export { DONE_KEYWORD, type ImapSourceOptions, imapSource } from "./imap.js";
export { IMAP_CA_FILE_ENV } from "./imap-errors.js";
export { IMAP_PASSWORD_ENV } from "./imap-url.js";
export { maildirSource } from "./maildir.js";
export { mboxSource } from "./mbox.js";
export { stdinSource } from "./stdin.js";
export {
  DEFAULT_MAX_BYTES,
  type MessageSource,
  type SourceMessage,
  type SourceOptions,
  type SourceWarning,
  type SourceWarningCode,
} from "./types.js";
