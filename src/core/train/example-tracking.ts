/**
 * Per-example history over epochs: each training row's loss and whether it was classified right at the
 * end of every epoch. Rows that are never learned, or that are forgotten again and again, are often
 * mislabelled or atypical (Toneva et al. 2019, "An Empirical Study of Example Forgetting during Deep
 * Neural Network Learning"; a forgetting event is a change from right to wrong between two epochs).
 */

export interface ExampleSummary {
  /** 0-based row index in the table. */
  row: number;
  /** 1-based line in the file (header = 1), to find the row in an editor. */
  line: number;
  /** The row's label (class name or target value). */
  label: string;
  finalLoss: number;
  /** Epochs at whose end the row was classified right (classification only). */
  timesCorrect: number;
  /** Right-to-wrong changes between consecutive epochs. */
  forgettingEvents: number;
  /** All changes, either way. */
  flips: number;
  /** First epoch (1-based) from which the row stayed right to the end; null if it never settled. */
  learnedAtEpoch: number | null;
}

export interface ExampleReport {
  epochs: number;
  trainRows: number;
  /** Classification: rows wrong at the end of every epoch (highest final loss first). */
  neverLearned: ExampleSummary[];
  /** Classification: rows with the most forgetting events (then highest final loss). */
  mostForgotten: ExampleSummary[];
  /** Rows with the highest final loss (regression: the only list). */
  hardest: ExampleSummary[];
  /** Counts over all training rows. */
  counts: { neverLearned: number; forgottenAtLeastOnce: number };
}

/** Collects per-epoch loss and correctness of the training rows. */
export class ExampleTracker {
  readonly losses: Float32Array[] = [];
  readonly correct: Uint8Array[] = [];

  constructor(
    /** Table row of each training row, in the order the arrays use. */
    readonly rows: Int32Array,
    readonly lines: Int32Array,
    readonly labels: readonly string[],
  ) {}

  /** Adds one epoch's per-row loss and (classification) correctness. */
  record(perExampleLoss: ArrayLike<number>, correct: Uint8Array | null): void {
    this.losses.push(Float32Array.from(perExampleLoss));
    if (correct) this.correct.push(correct.slice());
  }

  /** Summaries of every training row (see ExampleSummary). */
  summaries(): ExampleSummary[] {
    const epochs = this.losses.length;
    const last = this.losses[epochs - 1];
    return Array.from(this.rows, (row, i) => {
      let timesCorrect = 0, forgettingEvents = 0, flips = 0;
      let learnedAtEpoch: number | null = null;
      for (let e = 0; e < this.correct.length; e++) {
        const c = this.correct[e]![i]!;
        timesCorrect += c;
        if (e > 0) {
          const before = this.correct[e - 1]![i]!;
          if (before !== c) flips++;
          if (before === 1 && c === 0) forgettingEvents++;
        }
        if (c === 1 && learnedAtEpoch === null) learnedAtEpoch = e + 1;
        if (c === 0) learnedAtEpoch = null;
      }
      return {
        row,
        line: this.lines[row] ?? row + 2,
        label: this.labels[row] ?? '',
        finalLoss: last ? last[i]! : NaN,
        timesCorrect,
        forgettingEvents,
        flips,
        learnedAtEpoch,
      };
    });
  }

  /** The lists a person looks at first, `limit` rows each. */
  report(limit = 20): ExampleReport {
    const all = this.summaries();
    const byLoss = (a: ExampleSummary, b: ExampleSummary) => b.finalLoss - a.finalLoss || a.row - b.row;
    const classification = this.correct.length > 0;
    const never = classification ? all.filter((s) => s.timesCorrect === 0).sort(byLoss) : [];
    const forgotten = classification
      ? all.filter((s) => s.forgettingEvents > 0).sort((a, b) => b.forgettingEvents - a.forgettingEvents || byLoss(a, b))
      : [];
    return {
      epochs: this.losses.length,
      trainRows: this.rows.length,
      neverLearned: never.slice(0, limit),
      mostForgotten: forgotten.slice(0, limit),
      hardest: [...all].sort(byLoss).slice(0, limit),
      counts: { neverLearned: never.length, forgottenAtLeastOnce: forgotten.length },
    };
  }
}
