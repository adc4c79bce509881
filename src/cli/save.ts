/**
 * Writing the command line's output files, with a message in Vietnamese naming the file when the
 * disk or the system refuses. A merge's workbook is written as it is made, into a temporary file
 * beside the target, then put in its place: a run that fails halfway (a full disk, a file open in
 * Excel) leaves the earlier consolidation as it was, never half a workbook.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file that cannot be read or written, said in Vietnamese. */
export class FileProblem extends Error {}

export const WRITE_ERRORS: Record<string, string> = {
  EBUSY: "tệp đang mở trong Excel hoặc chương trình khác; hãy đóng tệp rồi chạy lại",
  EACCES: "không có quyền ghi vào đây",
  EPERM: "không có quyền ghi, hoặc tệp đang mở trong chương trình khác",
  EISDIR: "đây là thư mục; hãy cho -o một tên tệp .xlsx",
  EROFS: "ổ đĩa chỉ đọc",
  ENOSPC: "ổ đĩa đã đầy",
};

const writeProblem = (path: string, e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  return new FileProblem(`Không ghi được ${path}: ${WRITE_ERRORS[code] ?? `lỗi ${code || String(e)}`}.`);
};

export async function save(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } catch (e) {
    throw writeProblem(path, e);
  }
}

/** Write `path` with what `render` hands to its `out`, piece by piece, then put it in place. */
export async function saveStreamed(path: string, render: (out: (bytes: Uint8Array) => void) => void): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    await mkdir(dirname(path), { recursive: true });
    fd = openSync(temp, "w");
    const to = fd;
    render((bytes) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(to, bytes, at, bytes.length - at);
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    // The system's refusals carry a code (ENOSPC, EBUSY…); what the making threw passes through.
    if (typeof (e as NodeJS.ErrnoException | null)?.code === "string") throw writeProblem(path, e);
    throw e;
  }
}
