/** What the train store tells the page about the data and the backend (types only). */

/** What the page knows about an uploaded CSV (the text itself stays in the store, not in the settings). */
export interface UploadSummary {
  fileName: string;
  header: string[];
  rows: number;
  /** What reading the file noticed (its encoding, replaced characters), one line each. */
  warnings: string[];
}

export interface BackendStatus {
  /** The backend in use for the current or last run. */
  name: string;
  reason: string;
  skipped: { name: string; reason: string }[];
}
