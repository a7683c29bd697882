import { describe, expect, it } from 'vitest';
import { BINARY_DEFINITIONS, MULTICLASS_DEFINITIONS, REGRESSION_DEFINITIONS } from './definitions';
import { MULTICLASS_PROBABILITY_KEYS, reportKeysFor } from './report';
import { shortLabel } from './short-labels';

// A code key (snake_case, a dotted path, a lower-case abbreviation) must never reach a header.
const CODE_LIKE = /_|[a-z]\.[a-z]|^[a-z]+$/;

describe('shortLabel', () => {
  const tables = { binary: BINARY_DEFINITIONS, regression: REGRESSION_DEFINITIONS, multiclass: MULTICLASS_DEFINITIONS } as const;
  const produced = {
    binary: reportKeysFor('binary'),
    regression: reportKeysFor('regression'),
    multiclass: [...reportKeysFor('multiclass'), ...MULTICLASS_PROBABILITY_KEYS],
  };

  for (const task of ['binary', 'regression', 'multiclass'] as const) {
    it(`labels every ${task} key the reports produce and every defined key, not as the raw key`, () => {
      const keys = new Set([...produced[task], ...Object.keys(tables[task])]);
      expect(keys.size).toBeGreaterThan(5);
      for (const key of keys) {
        const label = shortLabel(key);
        expect(label, key).not.toBe(key);
        expect(label, key).not.toMatch(CODE_LIKE);
        const full = (tables[task] as Record<string, { label: string }>)[key]?.label;
        expect(full, `${task} ${key} has a definition`).toBeDefined();
        expect(full, key).not.toMatch(CODE_LIKE);
      }
    });
  }

  it('names the keys the issue found', () => {
    expect(shortLabel('ks')).toBe('KS');
    expect(BINARY_DEFINITIONS.ks.label).toMatch(/^Kolmogorov–Smirnov statistic/);
    expect(shortLabel('mape')).toBe('MAPE');
    expect(shortLabel('roc_auc')).toBe('ROC AUC');
  });
});
