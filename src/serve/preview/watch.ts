/**
 * Watches an edition and the templates, and reports a burst of changes once (editors' tools save in
 * several steps: a temp file, a rename, a metadata update). The edition folder itself is watched
 * flat and each of its visible sub-folders (photos/, newsletter/) recursively: hidden folders —
 * above all .koepfe/, where the preview writes its own output — are never watched, or every build
 * would start the next one (and a 10,000-page output would exhaust the inotify watches).
 */
import { readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

export interface Watcher {
  /** Picks up sub-folders created since the last call (a new photos/ folder). */
  refresh(): void;
  close(): void;
}

const hidden = (name: string) => name.startsWith(".");

/**
 * A save arrives as a few file events within milliseconds (Excel and editors write a temporary file
 * and rename it): 60 ms of quiet is enough to see it as one change, and short against the editors'
 * wait for the reloaded page.
 */
export const DEBOUNCE_MS = 60;

export function watchEdition(dir: string, templatesRoot: string, onChange: () => void, debounceMs = DEBOUNCE_MS): Watcher {
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  };
  const open = (target: string, recursive: boolean, filter: (file: string | null) => boolean = () => true): FSWatcher =>
    watch(target, { recursive }, (_event, file) => {
      if (filter(file === null ? null : file.toString())) changed();
    })
      // a watched folder deleted mid-edit: the preview keeps serving; the next save rebuilds
      .on("error", () => undefined);

  const fixed = [open(dir, false, (file) => file === null || !hidden(file)), open(templatesRoot, true)];
  const folders = new Map<string, FSWatcher>();
  const refresh = () => {
    let current: string[] = [];
    try {
      current = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !hidden(e.name))
        .map((e) => e.name);
    } catch {
      // the edition folder is gone for the moment (moved, re-checked out): the build reports it
    }
    for (const [name, w] of folders) {
      if (!current.includes(name)) {
        w.close();
        folders.delete(name);
      }
    }
    for (const name of current) if (!folders.has(name)) folders.set(name, open(path.join(dir, name), true));
  };
  refresh();
  return {
    refresh,
    close() {
      if (timer !== null) clearTimeout(timer);
      for (const w of [...fixed, ...folders.values()]) w.close();
    },
  };
}
