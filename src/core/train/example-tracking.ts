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

/**
 * Collects per-epoch loss and correctness of the training rows. The summaries are counted as epochs
 * arrive, so only the last `keepEpochs` epochs' arrays are held (the page's history chart); a CLI run of
 * a billion epochs keeps one.
 */
export class ExampleTracker {
  readonly losses: Float32Array[] = [];
  readonly correct: Uint8Array[] = [];
  private epochCount = 0;
  private classified = false;
  private correctCount = 0;
  private lastLoss: Float32Array | null = null;
  private lastCorrect: Uint8Array | null = null;
  private readonly timesCorrect: Int32Array;
  private readonly forgettingEvents: Int32Array;
  private readonly flips: Int32Array;
  /** 1-based epoch since which the row has been correct without a break; 0 = not now. */
  private readonly learnedAt: Int32Array;

  constructor(
    /** Table row of each training row, in the order the arrays use. */
    readonly rows: Int32Array,
    readonly lines: Int32Array,
    readonly labels: readonly string[],
    private readonly keepEpochs = Infinity,
  ) {
    const n = rows.length;
    this.timesCorrect = new Int32Array(n);
    this.forgettingEvents = new Int32Array(n);
    this.flips = new Int32Array(n);
    this.learnedAt = new Int32Array(n);
  }

  /** Adds one epoch's per-row loss and (classification) correctness. */
  record(perExampleLoss: ArrayLike<number>, correct: Uint8Array | null): void {
    this.epochCount += 1;
    const loss = Float32Array.from(perExampleLoss);
    this.lastLoss = loss;
    this.losses.push(loss);
    if (this.losses.length > this.keepEpochs) this.losses.shift();
    if (!correct) return;
    const c = correct.slice();
    const before = this.lastCorrect;
    const e = this.correctCount; // epochs with correctness before this one
    for (let i = 0; i < this.rows.length; i++) {
      const now = c[i]!;
      this.timesCorrect[i]! += now;
      if (before) {
        if (before[i] !== now) this.flips[i]! += 1;
        if (before[i] === 1 && now === 0) this.forgettingEvents[i]! += 1;
      }
      if (now === 1 && this.learnedAt[i] === 0) this.learnedAt[i] = e + 1;
      if (now === 0) this.learnedAt[i] = 0;
    }
    this.classified = true;
    this.lastCorrect = c;
    this.correct.push(c);
    if (this.correct.length > this.keepEpochs) this.correct.shift();
    this.correctCount += 1;
  }

  /** Epochs recorded (all of them, also those whose arrays were let go). */
  get epochs(): number {
    return this.epochCount;
  }

  /** Summaries of every training row (see ExampleSummary). */
  summaries(): ExampleSummary[] {
    const last = this.lastLoss;
    return Array.from(this.rows, (row, i) => ({
      row,
      line: this.lines[row] ?? row + 2,
      label: this.labels[row] ?? '',
      finalLoss: last ? last[i]! : NaN,
      timesCorrect: this.timesCorrect[i]!,
      forgettingEvents: this.forgettingEvents[i]!,
      flips: this.flips[i]!,
      learnedAtEpoch: this.learnedAt[i]! === 0 ? null : this.learnedAt[i]!,
    }));
  }

  /** The lists a person looks at first, `limit` rows each. */
  report(limit = 20): ExampleReport {
    const all = this.summaries();
    const byLoss = (a: ExampleSummary, b: ExampleSummary) => b.finalLoss - a.finalLoss || a.row - b.row;
    const classification = this.classified;
    const never = classification ? all.filter((s) => s.timesCorrect === 0).sort(byLoss) : [];
    const forgotten = classification
      ? all.filter((s) => s.forgettingEvents > 0).sort((a, b) => b.forgettingEvents - a.forgettingEvents || byLoss(a, b))
      : [];
    return {
      epochs: this.epochCount,
      trainRows: this.rows.length,
      neverLearned: never.slice(0, limit),
      mostForgotten: forgotten.slice(0, limit),
      hardest: [...all].sort(byLoss).slice(0, limit),
      counts: { neverLearned: never.length, forgottenAtLeastOnce: forgotten.length },
    };
  }
}
