/**
 * Maps a line of the rendered MJML back to the template file and line it came from, so an MJML
 * validation error can name "partials/entry-card.mjml.hbs:14" instead of line 312 of a document
 * nobody sees. Each template line gets a marker at its end; the data never contains a line break
 * (texts are collapsed to one line), so every rendered line ends with the marker of its source line.
 */
const OPEN = "\u0001";
const CLOSE = "\u0002";
const MARKER = /\u0001(\d+):(\d+)\u0002/g;

/** Appends a marker to every line that does not end inside a `{{ … }}` expression. */
export function instrumentLines(source: string, fileIndex: number): string {
  let depth = 0;
  return source
    .split("\n")
    .map((line, i, all) => {
      depth = Math.max(0, depth + (line.match(/\{\{/g)?.length ?? 0) - (line.match(/\}\}/g)?.length ?? 0));
      return depth > 0 || i === all.length - 1 ? line : `${line}${OPEN}${fileIndex}:${i + 1}${CLOSE}`;
    })
    .join("\n");
}

export interface SourceLine {
  fileIndex: number;
  line: number;
}

/** The rendered text without markers, and for each of its lines (0-based) where it came from. */
export function stripMarkers(rendered: string): { text: string; origins: (SourceLine | null)[] } {
  const lines = rendered.split("\n");
  const own = lines.map((l) => {
    const found = [...l.matchAll(MARKER)].at(-1);
    return found ? { fileIndex: Number(found[1]), line: Number(found[2]) } : null;
  });
  // a line without a marker of its own (the last line of a template) is attributed to the next marked one
  const origins = own.map((o, i) => o ?? own.slice(i + 1).find((x) => x !== null) ?? null);
  return { text: lines.map((l) => l.replace(MARKER, "")).join("\n"), origins };
}
