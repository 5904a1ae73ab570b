import { describe, it, expect } from "vitest";
import iconv from "iconv-lite";
import { readCsvBytes, detectDelimiter, parseCsv } from "../../src/edition/csv.js";

const spec = { required: ["id", "name"], optional: ["text"] } as const;
const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("reading CSV files as editors save them", () => {
  it("reads Windows-1252 with semicolons from German Excel, including € „ “ – (0x80–0x9F)", () => {
    const bytes = iconv.encode("id;name;text\r\nanna;Anna Müller;„Zitat“ – 5 €\r\n", "win1252");
    const { table, problems } = readCsvBytes("x.csv", bytes, spec);
    expect(problems).toEqual([]);
    expect(table?.encoding).toBe("windows-1252");
    expect(table?.delimiter).toBe(";");
    expect(table?.rows[0]?.cells).toEqual({ id: "anna", name: "Anna Müller", text: "„Zitat“ – 5 €" });
  });

  it("strips a UTF-8 byte order mark so the first header is still recognised", () => {
    const { table, problems } = readCsvBytes("x.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("id,name\na,Ä\n")]), spec);
    expect(problems).toEqual([]);
    expect(table?.encoding).toBe("utf-8-bom");
    expect(table?.rows[0]?.cells["id"]).toBe("a");
  });

  it("reads UTF-16LE with BOM and tabs (Excel's 'Unicode text')", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("id\tname\r\nb\tBernd Schäfer\r\n", "utf16le")]);
    const { table, problems } = readCsvBytes("x.csv", bytes, spec);
    expect(problems).toEqual([]);
    expect(table?.delimiter).toBe("\t");
    expect(table?.rows[0]?.cells["name"]).toBe("Bernd Schäfer");
  });

  it("NFC-normalises text exported by macOS as NFD", () => {
    const { table } = readCsvBytes("x.csv", utf8("id,name\na,Mu\u0308ller\n"), spec);
    expect(table?.rows[0]?.cells["name"]).toBe("M\u00fcller");
  });

  it("NFC-normalises singletons and jamo too, and leaves text that is NFC already as it is", () => {
    const names = ["\u212bngstr\u00f6m", "Frage\u037e", "\u1100\u1161", "„Zitat“ – 5 €", "e\u0301"];
    const csv = `id,name\n${names.map((n, i) => `n${i},${n}`).join("\n")}\n`;
    const { table } = readCsvBytes("x.csv", utf8(csv), spec);
    expect(table?.rows.map((r) => r.cells["name"])).toEqual(names.map((n) => n.normalize("NFC")));
    expect(table?.rows.map((r) => r.cells["name"])).toEqual(["\u00c5ngstr\u00f6m", "Frage;", "\uac00", "„Zitat“ – 5 €", "\u00e9"]);
  });

  it("reports the start line of a record whose quoted field spans lines, and the next record's own line", () => {
    const text = 'id,name,text\na,A,"eins\n\nzwei"\nb,B,x\n';
    const { table } = readCsvBytes("x.csv", utf8(text), spec);
    expect(table?.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(table?.rows[0]?.cells["text"]).toBe("eins\n\nzwei");
  });

  it("counts CR-only and CRLF line endings like an editor's line numbers", () => {
    expect(readCsvBytes("x.csv", utf8("id,name\ra,A\rb,B\r"), spec).table?.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(readCsvBytes("x.csv", utf8("id,name\r\n\r\na,A\r\n"), spec).table?.rows.map((r) => r.line)).toEqual([3]);
  });

  it("ignores trailing empty lines and rows of only delimiters", () => {
    const { table, problems } = readCsvBytes("x.csv", utf8("id;name\na;A\n;;\n\n\n"), spec);
    expect(problems).toEqual([]);
    expect(table?.rows).toHaveLength(1);
  });

  it("detects the delimiter from the header line only, ignoring quoted delimiters", () => {
    expect(detectDelimiter('"a,b,c";d;e\n1,2,3,4,5,6')).toBe(";");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
  });

  it("matches header names after trimming and case-folding", () => {
    const { table, problems } = readCsvBytes("x.csv", utf8(" ID ; Name \na;A\n"), spec);
    expect(problems).toEqual([]);
    expect(table?.columnIndex).toEqual({ id: 1, name: 2 });
  });

  it("reports an unterminated quote at the line where the record starts, keeping the records before it", () => {
    const { table, problems } = parseCsv("x.csv", 'id,name\na,A\nb,"B\nc,C\n', spec);
    expect(problems.map((p) => [p.code, p.line])).toEqual([["csv-quote", 3]]);
    expect(table?.rows.map((r) => r.cells["id"])).toEqual(["a"]);
  });

  it("reports text after a closing quote with its line", () => {
    const { problems } = parseCsv("x.csv", 'id,name\na,A\nb,"B"x\n', spec);
    expect(problems.map((p) => [p.code, p.line])).toEqual([["csv-quote", 3]]);
  });

  it("reports a missing required column once for the file, not per row", () => {
    const { problems } = parseCsv("x.csv", "id,text\na,x\nb,y\nc,z\n", spec);
    expect(problems.map((p) => [p.code, p.line, p.field])).toEqual([["missing-column", 1, "name"]]);
  });

  it("hints at the delimiter when the header is a single column", () => {
    const { problems } = parseCsv("x.csv", "id|name\na|A\n", spec);
    expect(problems.find((p) => p.code === "missing-column")?.message).toContain("delimiter");
  });

  it("reports duplicate and unknown header names at their column", () => {
    const { problems } = parseCsv("x.csv", "id,name,id,nmae\na,A,b,c\n", spec);
    expect(problems.map((p) => [p.code, p.column, p.severity])).toEqual([
      ["header-duplicate", 3, "error"],
      ["unknown-column", 4, "warning"],
    ]);
  });

  it("reports ragged rows with their line, accepting extra empty cells Excel adds", () => {
    const { table, problems } = parseCsv("x.csv", "id,name\na\nb,B,,\nc,C,extra\n", spec);
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ["ragged-row", 2],
      ["ragged-row", 4],
    ]);
    expect(table?.rows.map((r) => r.cells["id"])).toEqual(["b", "c"]);
  });

  it("rejects binary files and empty files with their own codes", () => {
    expect(readCsvBytes("x.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]), spec).problems.map((p) => p.code)).toEqual([
      "binary-file",
    ]);
    expect(readCsvBytes("x.csv", utf8("\n\n"), spec).problems.map((p) => p.code)).toEqual(["empty-file"]);
  });
});
