import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadValidEdition as requireValidEdition } from "../../../src/app/checked-edition.js";
import { rankEdition } from "../../../src/rank/rank.js";
import { prepareSite, writeSitePages } from "../../../src/render/site/write.js";
import { writeEdition } from "../../helpers/edition.js";
import { fingerprint, tempOut, wholeList } from "../../helpers/site.js";

describe("site: rendering in worker threads", () => {
  it("writes exactly the files one thread writes, and counts them the same", async () => {
    const { edition } = await requireValidEdition(writeEdition());
    const ranking = rankEdition(edition);
    const [one, three] = [tempOut(), tempOut()];
    const single = await writeSitePages(
      await prepareSite(edition, one),
      { edition, ranking, issues: [], countdown: wholeList(ranking.entries.length), signUp: null },
      one,
      1,
    );
    const threaded = await writeSitePages(
      await prepareSite(edition, three),
      { edition, ranking, issues: [], countdown: wholeList(ranking.entries.length), signUp: null },
      three,
      3,
    );
    const files = fingerprint(one);
    expect(fingerprint(three)).toEqual(files);
    expect(threaded).toEqual(single);
    expect(Object.keys(files)).toContain(path.join("embed", "anna-mueller.mjml"));
  }, 60_000);

  it("reports a template error from a worker with its code", async () => {
    const { edition } = await requireValidEdition(writeEdition());
    const out = tempOut();
    const prepared = await prepareSite(edition, out);
    const broken = { ...prepared, templatesDir: path.join(out, "no-templates-here") };
    await expect(
      writeSitePages(broken, { edition, ranking: rankEdition(edition), issues: [], countdown: wholeList(6), signUp: null }, out, 2),
    ).rejects.toMatchObject({ code: "E_TEMPLATE_MISSING" });
  }, 60_000);
});
