/**
 * Writing the command line's output files, with a message in Vietnamese naming the file when the
 * disk or the system refuses. Every file is written into a temporary file beside the target, then
 * put in its place (a merge's workbook as it is made): a run that fails halfway (a full disk, a file
 * open in Excel) leaves the earlier file as it was, never half a workbook.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, realpath, stat } from "node:fs/promises";
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

/** Write `path` whole (a template, a sample): the same way as a merge's workbook, put in place once written. */
export function save(path: string, bytes: Uint8Array): Promise<void> {
  return saveStreamed(path, (out) => out(bytes));
}

/** A refusal of the file system while writing (not an error of what was being made). */
class Refused extends Error {
  constructor(readonly refusal: unknown) {
    super("refused");
  }
}

/** Run a file-system call; its failure is the system's refusal. */
function fs<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw new Refused(e);
  }
}

/** Windows holds a file just written for a moment (antivirus, the indexer): a rename refused so is tried again. */
function renameInPlace(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      if (process.platform !== "win32" || attempt >= 20 || !["EPERM", "EACCES", "EBUSY"].includes(code)) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/**
 * Write `path` with what `render` hands to its `out`, piece by piece, into a temporary file beside
 * it (beside what it links to, when it is a link), then put it in place keeping the earlier file's
 * permissions. Any failure leaves the earlier file as it was and removes the temporary one.
 */
export async function saveStreamed(path: string, render: (out: (bytes: Uint8Array) => void) => void): Promise<void> {
  let target = path;
  let temp = "";
  let fd: number | null = null;
  try {
    await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
      throw new Refused(e);
    });
    target = await realpath(path).catch(() => path);
    const mode = await stat(target).then((s) => s.mode & 0o7777, () => null);
    temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    fd = fs(() => openSync(temp, "w", mode ?? 0o666));
    const to = fd;
    render((bytes) => {
      for (let at = 0; at < bytes.length; ) at += fs(() => writeSync(to, bytes, at, bytes.length - at));
    });
    fs(() => fsyncSync(to));
    fd = null;
    fs(() => closeSync(to));
    fs(() => renameInPlace(temp, target));
  } catch (e) {
    if (fd !== null) {
      const open = fd;
      try {
        closeSync(open);
      } catch {
        // Already failing: the first error is the one to tell.
      }
    }
    if (temp) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Windows may still hold it; a dot-named file beside the target, named for this run.
      }
    }
    throw e instanceof Refused ? writeProblem(path, e.refusal) : e;
  }
}
