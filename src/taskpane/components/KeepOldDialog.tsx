/** Asks before anything is written over sheets the workbook already has. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { ExistingSheets } from "../../adapters/office/excelWorkbook";

type Answer = Exclude<ExistingSheets, "refuse"> | null;

export function KeepOldDialog({ sheets, onAnswer }: { sheets: string[] | null; onAnswer: (answer: Answer) => void }) {
  return (
    <Dialog open={sheets !== null} onOpenChange={(_, d) => !d.open && onAnswer(null)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Sổ đã có các trang này</DialogTitle>
          <DialogContent>
            Sổ đang mở đã có: <strong>{sheets?.join(", ")}</strong>. Bạn có thể giữ các trang đó (đổi tên thành “… (cũ)”) và
            tạo trang mới bên cạnh, hoặc thay hẳn chúng — chọn thay khi đó là các trang do Kế hoạch ISO tạo lần trước và bạn
            không sửa tay gì trong đó.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer("keep")}>
              Giữ trang cũ, tạo trang mới
            </Button>
            <Button onClick={() => onAnswer("replace")}>Thay các trang này</Button>
            <Button onClick={() => onAnswer(null)}>Huỷ</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** Ask only when needed: resolves to what to do with existing sheets ("refuse" when none clash), or null when the user cancels. */
export function useKeepOld(): [React.ReactElement, (existing: string[]) => Promise<ExistingSheets | null>] {
  const [sheets, setSheets] = React.useState<string[] | null>(null);
  const resolver = React.useRef<(v: Answer) => void>();
  const ask = React.useCallback((existing: string[]): Promise<ExistingSheets | null> => {
    if (existing.length === 0) return Promise.resolve("refuse");
    setSheets(existing);
    return new Promise<Answer>((resolve) => (resolver.current = resolve));
  }, []);
  const dialog = (
    <KeepOldDialog
      sheets={sheets}
      onAnswer={(answer) => {
        setSheets(null);
        resolver.current?.(answer);
      }}
    />
  );
  return [dialog, ask];
}
