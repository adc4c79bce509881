/** Asks before anything is written over sheets the workbook already has, saying first what replacing them would break. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { ExistingSheets } from "../../adapters/office/excelWrite";
import type { PlanHost } from "../host";

type Answer = Exclude<ExistingSheets, "refuse"> | null;

interface Question {
  sheets: string[];
  /** Formulas and names elsewhere that replacing the sheets would turn into #REF!. */
  breaks: string[];
}

export function KeepOldDialog({ question, onAnswer }: { question: Question | null; onAnswer: (answer: Answer) => void }) {
  const breaks = question?.breaks ?? [];
  return (
    <Dialog open={question !== null} onOpenChange={(_, d) => !d.open && onAnswer(null)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Sổ đã có các trang này</DialogTitle>
          <DialogContent>
            <p>
              Sổ đang mở đã có: <strong>{question?.sheets.join(", ")}</strong>. Bạn có thể giữ các trang đó (đổi tên thành “… (cũ)”) và
              tạo trang mới bên cạnh, hoặc thay hẳn chúng — chọn thay khi đó là các trang do Kế hoạch ISO tạo lần trước và bạn
              không sửa tay gì trong đó.
            </p>
            {breaks.length > 0 && (
              <>
                <p>
                  <strong>Nếu thay, các chỗ sau đang dùng các trang cũ sẽ thành #REF!</strong> (giữ trang cũ thì chúng vẫn đúng):
                </p>
                <ul aria-label="Các chỗ sẽ hỏng nếu thay">
                  {breaks.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer("keep")}>
              Giữ trang cũ, tạo trang mới
            </Button>
            <Button onClick={() => onAnswer("replace")}>{breaks.length > 0 ? "Vẫn thay các trang này" : "Thay các trang này"}</Button>
            <Button onClick={() => onAnswer(null)}>Huỷ</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** Ask only when needed: resolves to what to do with existing sheets ("refuse" when none clash), or null when the user cancels. */
export function useKeepOld(host: PlanHost): [React.ReactElement, (existing: string[]) => Promise<ExistingSheets | null>] {
  const [question, setQuestion] = React.useState<Question | null>(null);
  const resolver = React.useRef<(v: Answer) => void>();
  const ask = React.useCallback(
    async (existing: string[]): Promise<ExistingSheets | null> => {
      if (existing.length === 0) return "refuse";
      const breaks = (await host.dependents?.(existing)) ?? [];
      setQuestion({ sheets: existing, breaks });
      return new Promise<Answer>((resolve) => (resolver.current = resolve));
    },
    [host],
  );
  const dialog = (
    <KeepOldDialog
      question={question}
      onAnswer={(answer) => {
        setQuestion(null);
        resolver.current?.(answer);
      }}
    />
  );
  return [dialog, ask];
}
