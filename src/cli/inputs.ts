/**
 * Input discovery for merge: files as given, folders searched to the bottom. Every file found
 * is an input: a spreadsheet is read (by its content), anything else (a .pdf, a .docx, Excel's
 * ~$ lock files) is listed as skipped with the reason, so nothing in a folder is invisible.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { notSpreadsheetReason } from "../workbook/sniff";

export interface InputFile {
  /** Absolute or given path, for reading. */
  path: string;
  /** How reports name it: the name, or the path inside the folder given. */
  label: string;
  /** Why it is not read (not a spreadsheet); it is still reported. */
  skip?: string;
}

async function walk(dir: string, root: string, out: InputFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory());
    if (isDir) await walk(full, root, out);
    else {
      const skip = notSpreadsheetReason(e.name);
      out.push({ path: full, label: relative(root, full).split("\\").join("/"), ...(skip ? { skip } : {}) });
    }
  }
}

/** Expand the arguments; a missing path is returned in `missing`. */
export async function findInputs(args: readonly string[]): Promise<{ files: InputFile[]; missing: string[] }> {
  const files: InputFile[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch {
      missing.push(arg);
      continue;
    }
    if (info.isDirectory()) await walk(arg, arg, files);
    else files.push({ path: arg, label: basename(arg) });
  }
  return { files, missing };
}
