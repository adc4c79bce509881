/** The PlanHost of the page opened in a plain browser: workbooks become downloads. */
import { download, editedCopy, xlsxBytes } from "./files";
import type { PlanHost } from "./host";

export function browserHost(): PlanHost {
  return {
    kind: "browser",
    existingSheets: () => Promise.resolve([]),
    putWorkbook: async (grid, fileName) => {
      download(await xlsxBytes(grid), fileName);
      return `Đã tạo tệp ${fileName} (xem thư mục Tải xuống của trình duyệt).`;
    },
    downloadEdited: async (file, cells, fileName) => {
      download(await editedCopy(file, cells), fileName);
      return `Đã tạo tệp ${fileName}: bản sao của ${file.name}, chỉ các ô định mức được sửa (xem thư mục Tải xuống của trình duyệt).`;
    },
  };
}
