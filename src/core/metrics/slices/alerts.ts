/**
 * Alert rules for the over-time view: `roc_auc < 0.8, psi > 0.2`, a comma-separated list of
 * METRIC OP NUMBER with OP one of <, <=, >, >=. METRIC is a key of the report for the task, or
 * psi, ks, mean_confidence. A rule fires for a (window, model) when the value is defined and the
 * comparison holds.
 */
import { fail, ok, type Result } from '../../result';
import { quoteExcerpt } from '../../text/excerpt';

export type AlertOp = '<' | '<=' | '>' | '>=';

export interface AlertRule {
  metric: string;
  op: AlertOp;
  value: number;
  /** The rule as written, trimmed. */
  text: string;
}

/** Metric names alerts can use besides the report's keys. */
export const WINDOW_SIGNALS = ['psi', 'ks', 'mean_confidence'] as const;

const RULE = /^([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|<|>)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/**
 * Parses the rules; `metrics` are the names allowed (the report's keys plus WINDOW_SIGNALS). The
 * message names the rule (1-based) and quotes it.
 */
export function parseAlertRules(text: string, metrics: readonly string[]): Result<AlertRule[]> {
  const rules: AlertRule[] = [];
  const parts = text.split(',');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.trim();
    const m = RULE.exec(part);
    const bad = (why: string): Result<AlertRule[]> => fail({ kind: 'alert', message: `alert rule ${i + 1} ${quoteExcerpt(part, 40)}: ${why}`, file: null, row: null, column: null });
    if (!m) return bad('does not parse; write METRIC OP NUMBER, e.g. "roc_auc < 0.8" (OP one of <, <=, >, >=).');
    if (!metrics.includes(m[1]!)) return bad(`unknown metric ${quoteExcerpt(m[1])}; one of ${metrics.join(', ')}.`);
    rules.push({ metric: m[1]!, op: m[2] as AlertOp, value: Number(m[3]), text: `${m[1]} ${m[2]} ${m[3]}` });
  }
  return ok(rules);
}

/** Whether the rule fires on a value (never on null). */
export function alertFires(rule: AlertRule, v: number | null | undefined): boolean {
  if (v === null || v === undefined || Number.isNaN(v)) return false;
  switch (rule.op) {
    case '<': return v < rule.value;
    case '<=': return v <= rule.value;
    case '>': return v > rule.value;
    case '>=': return v >= rule.value;
  }
}
