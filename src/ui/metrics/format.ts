/** Number formatting for the Metrics page: readable on screen, while data-value attributes keep full precision. */

const COUNT_KEYS = new Set(['tp', 'fp', 'tn', 'fn']);

// One formatter each, made once: toLocaleString builds a new Intl.NumberFormat on every call, which
// costs far more than the formatting itself (these run on every slider move).
const integers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const upTo6Decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A metric value for a table cell: counts with thousands separators, others to 3 decimals (fewer for large values). */
export function formatMetric(value: number | null | undefined, key = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (COUNT_KEYS.has(key)) return integers.format(value);
  const abs = Math.abs(value);
  if (abs >= 10000) return integers.format(value);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 10) return value.toFixed(2);
  return value.toFixed(3);
}

/** A threshold: up to 4 decimals, trailing zeros dropped; ±Infinity as ∞. */
export function formatThreshold(t: number): string {
  if (t === Infinity) return '∞';
  if (t === -Infinity) return '−∞';
  if (Math.abs(t) >= 1000) return t.toFixed(0);
  return String(Number(t.toFixed(4)));
}

/** A share as a percentage with one decimal: 0.9184 -> "91.8 %". */
export function formatPercent(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(1)}\u00a0%` : '—';
}

/** A p-value as a phrase: "p < 0.001" below a thousandth, else "p = 0.042". */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A total cost: integers in full with separators, other values to 4 significant digits. */
export function formatCost(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? integers.format(v) : upTo6Decimals.format(Number(v.toPrecision(4)));
}

/** An integer count with separators. */
export function formatCount(n: number): string {
  return integers.format(n);
}

/** A value for an HTML data-value attribute: the full-precision number as JavaScript prints it, '' for null. */
export function dataValue(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
