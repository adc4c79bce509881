/** The PlanHost of the page opened in a plain browser: workbooks become downloads. */
import { download, xlsxBytes } from "./files";
import type { PlanHost } from "./host";

export function browserHost(): PlanHost {
  return {
    kind: "browser",
    existingSheets: () => Promise.resolve([]),
    putWorkbook: async (grid, fileName) => {
      download(await xlsxBytes(grid), fileName);
      return `Đã tạo tệp ${fileName} (xem thư mục Tải xuống của trình duyệt).`;
    },
  };
}
