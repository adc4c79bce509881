/** Asks before anything is written over sheets the workbook already has. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";

export function KeepOldDialog({ sheets, onAnswer }: { sheets: string[] | null; onAnswer: (keepOld: boolean) => void }) {
  return (
    <Dialog open={sheets !== null} onOpenChange={(_, d) => !d.open && onAnswer(false)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Sổ đã có các trang này</DialogTitle>
          <DialogContent>
            Sổ đang mở đã có: <strong>{sheets?.join(", ")}</strong>. Các trang đó sẽ được giữ nguyên và đổi tên thành
            “… (cũ)”; các trang mới được tạo bên cạnh. Không dữ liệu nào bị xoá.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer(true)}>
              Giữ trang cũ và tạo trang mới
            </Button>
            <Button onClick={() => onAnswer(false)}>Huỷ</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** Ask only when needed: resolves to keepOld (false when nothing clashes), or null when the user cancels. */
export function useKeepOld(): [React.ReactElement, (existing: string[]) => Promise<boolean | null>] {
  const [sheets, setSheets] = React.useState<string[] | null>(null);
  const resolver = React.useRef<(v: boolean | null) => void>();
  const ask = React.useCallback((existing: string[]) => {
    if (existing.length === 0) return Promise.resolve(false);
    setSheets(existing);
    return new Promise<boolean | null>((resolve) => (resolver.current = resolve));
  }, []);
  const dialog = (
    <KeepOldDialog
      sheets={sheets}
      onAnswer={(keep) => {
        setSheets(null);
        resolver.current?.(keep ? true : null);
      }}
    />
  );
  return [dialog, ask];
}
