import { useId, useState, type DragEvent } from 'react';

interface FileDropProps {
  onFiles: (files: File[]) => void;
  /** What to drop, e.g. "a CSV file". */
  what: string;
  multiple?: boolean;
  testId?: string;
  disabled?: boolean;
  /** The file this zone has loaded, shown in place of the browser's "No file chosen" (which never knew of drops). */
  loaded?: string | null;
  loadedTestId?: string;
}

/**
 * A file picker that is also a drop target. The input stays a real, labelled <input type=file> for keyboards and
 * tests, but visually hidden: one control ("choose a file") instead of a link and the browser's "Choose File / No
 * file chosen" side by side; the zone names the file it loaded instead.
 */
export function FileDrop({ onFiles, what, multiple = false, testId = 'csv-input', disabled = false, loaded, loadedTestId }: FileDropProps) {
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
      className={`dropzone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {loaded && (
        <p className="dropzone-loaded" data-testid={loadedTestId}>
          <span aria-hidden="true">✓ </span>
          {loaded}
        </p>
      )}
      <label htmlFor={id}>
        {loaded ? <>Drop another file, or </> : <>Drop {what} here, or </>}
        <span className="link-like">{loaded ? 'choose another' : 'choose a file'}</span>
      </label>
      <input
        id={id}
        className="visually-hidden"
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
