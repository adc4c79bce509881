/** The PlanHost of the page opened in a plain browser: workbooks become downloads. */
import { download, editedCopy, xlsxBytes } from "./files";
import type { PlanHost } from "./host";

const downloaded = (fileName: string) => `Đã tạo tệp ${fileName} (xem thư mục Tải xuống của trình duyệt).`;

export function browserHost(): PlanHost {
  const putBytes = (bytes: Uint8Array, fileName: string) => {
    download(bytes, fileName);
    return Promise.resolve(downloaded(fileName));
  };
  return {
    kind: "browser",
    existingSheets: () => Promise.resolve([]),
    putWorkbook: async (grid, fileName) => putBytes(await xlsxBytes(grid), fileName),
    putBytes,
    downloadEdited: async (file, cells, fileName) => {
      download(await editedCopy(file, cells), fileName);
      return `Đã tạo tệp ${fileName}: bản sao của ${file.name}, chỉ các ô định mức được sửa (xem thư mục Tải xuống của trình duyệt).`;
    },
  };
}
