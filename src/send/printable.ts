/** Addresses, reasons and relay answers are foreign text: no terminal escape sequences reach the screen. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
