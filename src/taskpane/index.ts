/**
 * Task pane entry (placeholder until the task pane issue): says what the add-in is
 * and whether it runs inside Excel. The flows come with the React/Fluent UI pane.
 */
function render(insideExcel: boolean): void {
  const root = document.getElementById("root");
  if (!root) return;
  root.innerHTML = "";
  const h1 = document.createElement("h1");
  h1.textContent = "Kế hoạch ISO";
  const p = document.createElement("p");
  p.textContent = insideExcel
    ? "Đang chạy trong Excel. Các chức năng tạo mẫu, kiểm tra, kinh phí và tổng hợp đang được hoàn thiện; hiện dùng dòng lệnh kehoach-iso."
    : "Không chạy trong Excel (chế độ trình duyệt). Các chức năng đang được hoàn thiện; hiện dùng dòng lệnh kehoach-iso.";
  root.append(h1, p);
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) {
  office.onReady((info) => render(info.host === office.HostType.Excel)).catch(() => render(false));
} else {
  render(false);
}
