/**
 * "What you should see", as data: a check compares quantities an experiment measured (a variant's final
 * loss, a model's AUC, ...) with a number or with another quantity. `evaluateCheck` is pure: it reads
 * the Quantities table and says pass or fail with the observed numbers, so the learner sees
 * "loss below 0.05: observed 0.003 ✓" and a test can assert the same thing.
 */

/** A measured value. Numbers may be NaN (a diverged run); null means "undefined here" (e.g. AUC with one class). */
export type QuantityValue = number | string | boolean | null;

/** subject (variant, model, comparison or aggregate id) -> key (e.g. 'final.validation.loss') -> value. */
export type Quantities = Record<string, Record<string, QuantityValue>>;

/**
 * An expression over quantities: a quantity `{ of, key }`, a number, or arithmetic on expressions
 * (`ratio` a / b, `diff` a - b, `abs`). Enough for "the gap grew by half" without code in lesson files.
 */
export type Expr =
  | number
  | { of: string; key: string }
  | { ratio: [Expr, Expr] }
  | { diff: [Expr, Expr] }
  | { abs: Expr };

interface CheckBase {
  /** Stable within the step (tests and stored progress refer to it). */
  id: string;
  /** What the learner should see, in words: "The correct model's loss falls below 0.05". */
  says: string;
}

export type Check = CheckBase &
  (
    | { expect: 'below'; value: Expr; than: Expr }
    | { expect: 'above'; value: Expr; than: Expr }
    | { expect: 'between'; value: Expr; min: Expr; max: Expr }
    /** Exact equality, for statuses ('diverged'), booleans (a diagnostic fired) and exact numbers. */
    | { expect: 'equals'; value: Expr; to: string | number | boolean | null }
    /** |value - to| <= tolerance. */
    | { expect: 'close'; value: Expr; to: Expr; tolerance: number }
    /** |value - to| > tolerance. */
    | { expect: 'differs'; value: Expr; to: Expr; tolerance: number }
  );

export type CheckStatus = 'pass' | 'fail' | 'pending';

export interface CheckOutcome {
  id: string;
  status: CheckStatus;
  /** The observed numbers in words, e.g. "0.0031 < 0.05"; why it could not be evaluated on failure. */
  observed: string;
}

type Evaluated = { ok: true; value: QuantityValue; text: string } | { ok: false; missing: string };

/** Formats a number for the learner: 3 significant digits, exponent for very small or large values. */
export function formatQuantity(v: QuantityValue): string {
  if (v === null) return 'undefined';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return Number(v.toPrecision(3)).toString();
  return v.toExponential(2);
}

/** Evaluates an expression against the quantities; a missing quantity is reported by its address. */
export function evaluateExpr(expr: Expr, q: Quantities): Evaluated {
  if (typeof expr === 'number') return { ok: true, value: expr, text: formatQuantity(expr) };
  if ('of' in expr) {
    const subject = q[expr.of];
    if (!subject || !(expr.key in subject)) return { ok: false, missing: `${expr.of}: ${expr.key}` };
    const value = subject[expr.key]!;
    return { ok: true, value, text: formatQuantity(value) };
  }
  if ('abs' in expr) {
    const inner = evaluateExpr(expr.abs, q);
    if (!inner.ok) return inner;
    const v = typeof inner.value === 'number' ? Math.abs(inner.value) : null;
    return { ok: true, value: v, text: formatQuantity(v) };
  }
  const [left, right] = 'ratio' in expr ? expr.ratio : expr.diff;
  const a = evaluateExpr(left, q);
  if (!a.ok) return a;
  const b = evaluateExpr(right, q);
  if (!b.ok) return b;
  if (typeof a.value !== 'number' || typeof b.value !== 'number') return { ok: true, value: null, text: 'undefined' };
  const v = 'ratio' in expr ? (b.value === 0 ? null : a.value / b.value) : a.value - b.value;
  return { ok: true, value: v, text: formatQuantity(v) };
}

const isNumber = (v: QuantityValue): v is number => typeof v === 'number' && !Number.isNaN(v);

/**
 * Pass or fail for one check. `q === null` (the experiment has not run) gives 'pending'.
 * A comparison involving NaN, null or a non-number fails (a diverged run is not "below 0.05").
 * A quantity missing from the results fails with its address: that is a mistake in the lesson.
 */
export function evaluateCheck(check: Check, q: Quantities | null): CheckOutcome {
  const { id } = check;
  if (!q) return { id, status: 'pending', observed: 'not run yet' };
  const value = evaluateExpr(check.value, q);
  if (!value.ok) return { id, status: 'fail', observed: `no value for ${value.missing}` };
  const fail = (observed: string): CheckOutcome => ({ id, status: 'fail', observed });
  const verdict = (pass: boolean, observed: string): CheckOutcome => ({ id, status: pass ? 'pass' : 'fail', observed });

  switch (check.expect) {
    case 'equals':
      return verdict(value.value === check.to, `${value.text} (expected ${formatQuantity(check.to)})`);
    case 'below':
    case 'above': {
      const than = evaluateExpr(check.than, q);
      if (!than.ok) return fail(`no value for ${than.missing}`);
      const below = check.expect === 'below';
      if (!isNumber(value.value) || !isNumber(than.value)) return fail(`${value.text} vs ${than.text}: not comparable`);
      const pass = below ? value.value < than.value : value.value > than.value;
      const sign = below ? (pass ? '<' : '≥') : pass ? '>' : '≤';
      return verdict(pass, `${value.text} ${sign} ${than.text}`);
    }
    case 'between': {
      const min = evaluateExpr(check.min, q);
      const max = evaluateExpr(check.max, q);
      if (!min.ok) return fail(`no value for ${min.missing}`);
      if (!max.ok) return fail(`no value for ${max.missing}`);
      if (!isNumber(value.value) || !isNumber(min.value) || !isNumber(max.value)) return fail(`${value.text}: not comparable with [${min.text}, ${max.text}]`);
      const pass = value.value >= min.value && value.value <= max.value;
      return verdict(pass, `${value.text} ${pass ? 'in' : 'outside'} [${min.text}, ${max.text}]`);
    }
    case 'close':
    case 'differs': {
      const to = evaluateExpr(check.to, q);
      if (!to.ok) return fail(`no value for ${to.missing}`);
      if (!isNumber(value.value) || !isNumber(to.value)) return fail(`${value.text} vs ${to.text}: not comparable`);
      const gap = Math.abs(value.value - to.value);
      const close = gap <= check.tolerance;
      const pass = check.expect === 'close' ? close : !close;
      return verdict(pass, `${value.text} vs ${to.text}: difference ${formatQuantity(gap)} ${close ? '≤' : '>'} ${formatQuantity(check.tolerance)}`);
    }
  }
}

/** Every check of a step, in order. */
export function evaluateChecks(checks: readonly Check[], q: Quantities | null): CheckOutcome[] {
  return checks.map((c) => evaluateCheck(c, q));
}

/** The quantity addresses an expression reads (for validating lessons against results). */
export function quantitiesRead(expr: Expr): { of: string; key: string }[] {
  if (typeof expr === 'number') return [];
  if ('of' in expr) return [expr];
  if ('abs' in expr) return quantitiesRead(expr.abs);
  const [a, b] = 'ratio' in expr ? expr.ratio : expr.diff;
  return [...quantitiesRead(a), ...quantitiesRead(b)];
}

/** Every quantity address a check reads. */
export function checkReads(check: Check): { of: string; key: string }[] {
  switch (check.expect) {
    case 'equals':
      return quantitiesRead(check.value);
    case 'below':
    case 'above':
      return [...quantitiesRead(check.value), ...quantitiesRead(check.than)];
    case 'between':
      return [...quantitiesRead(check.value), ...quantitiesRead(check.min), ...quantitiesRead(check.max)];
    case 'close':
    case 'differs':
      return [...quantitiesRead(check.value), ...quantitiesRead(check.to)];
  }
}
