/** Pick .xlsx files with the file dialog or by dropping them on the area. */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";

export function FilePicker({ multiple, label, onFiles, disabled }: { multiple: boolean; label: string; onFiles: (files: File[]) => void; disabled?: boolean }) {
  const input = React.useRef<HTMLInputElement>(null);
  const [over, setOver] = React.useState(false);
  const take = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length > 0) onFiles(files);
  };
  return (
    <div
      className={`drop${over ? " drop-over" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) take(e.dataTransfer.files);
      }}
    >
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,.xltx,.xltm,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
        multiple={multiple}
        hidden
        aria-label={label}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = "";
        }}
      />
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <Text size={200}>hoặc kéo thả tệp vào đây</Text>
    </div>
  );
}
