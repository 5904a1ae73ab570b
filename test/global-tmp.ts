/**
 * vitest globalSetup: every temporary folder of a test run goes into one folder that is removed when
 * the run ends, so repeated `npm test` runs do not fill the machine's /tmp (a run creates ~300).
 * The test processes inherit TMPDIR, and os.tmpdir() reads it on each call. Keep the folder with
 * KOEPFE_KEEP_TEST_TMP=1 to look at what a failing test wrote.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const previous = process.env["TMPDIR"];
  const dir = mkdtempSync(path.join(tmpdir(), "koepfe-tests-"));
  process.env["TMPDIR"] = dir;
  return () => {
    if (previous === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = previous;
    if (process.env["KOEPFE_KEEP_TEST_TMP"] === "1") process.stdout.write(`test files kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
