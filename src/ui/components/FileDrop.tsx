import { useId, useState, type DragEvent } from 'react';

interface FileDropProps {
  onFiles: (files: File[]) => void;
  /** What to drop, e.g. "a CSV file". */
  what: string;
  multiple?: boolean;
  testId?: string;
  disabled?: boolean;
}

/** A file picker that is also a drop target; the input stays a real, labelled <input type=file> for keyboards and tests. */
export function FileDrop({ onFiles, what, multiple = false, testId = 'csv-input', disabled = false }: FileDropProps) {
  const [over, setOver] = useState(false);
  const id = useId();
  const take = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) take(e.dataTransfer.files);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>
        Drop {what} here, or <span className="link-like">choose a file</span>
      </label>
      <input
        id={id}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        multiple={multiple}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = ''; // choosing the same file again must load it again
        }}
      />
    </div>
  );
}
