import { describe, expect, it } from 'vitest';
import {
  BINARY_DEFINITIONS, BINARY_METRIC_KEYS, MULTICLASS_DEFINITIONS, MULTICLASS_KEYS_WITH_CONFUSION, REGRESSION_DEFINITIONS,
  REGRESSION_METRIC_KEYS, metricDefinition, BINARY_THRESHOLD_KEYS, MULTICLASS_LABEL_KEYS, MULTICLASS_METRIC_KEYS, MULTICLASS_PROBABILITY_KEYS,
  intervalKeys,
} from './definitions';

describe('metric keys', () => {
  it('are exactly the keys used in the CLI JSON and the UI', () => {
    expect([...BINARY_METRIC_KEYS]).toEqual(['roc_auc', 'average_precision', 'ks', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy', 'tp', 'fp', 'tn', 'fn']);
    expect([...REGRESSION_METRIC_KEYS]).toEqual(['rmse', 'mse', 'mae', 'r2', 'adjusted_r2', 'explained_variance', 'max_error', 'median_absolute_error', 'mape']);
    expect([...MULTICLASS_KEYS_WITH_CONFUSION]).toEqual(['accuracy', 'balanced_accuracy', 'mcc', 'macro_precision', 'macro_recall', 'macro_f1', 'micro_f1', 'weighted_f1', 'log_loss', 'roc_auc_ovr_macro', 'confusion']);
  });

  it('each has a complete definition whose key matches', () => {
    const tables = [BINARY_DEFINITIONS, REGRESSION_DEFINITIONS, MULTICLASS_DEFINITIONS] as Record<string, { key: string; label: string; formula: string; explain: string }>[];
    for (const table of tables) {
      for (const [key, d] of Object.entries(table)) {
        expect(d.key).toBe(key);
        expect(d.label.length).toBeGreaterThan(1);
        expect(d.formula.length).toBeGreaterThan(1);
        expect(d.explain.length).toBeGreaterThan(20);
      }
    }
    expect(Object.keys(BINARY_DEFINITIONS).sort()).toEqual([...BINARY_METRIC_KEYS].sort());
    expect(Object.keys(REGRESSION_DEFINITIONS).sort()).toEqual([...REGRESSION_METRIC_KEYS].sort());
    expect(Object.keys(MULTICLASS_DEFINITIONS).sort()).toEqual([...MULTICLASS_KEYS_WITH_CONFUSION].sort());
  });

  it('looks definitions up by task, since keys like accuracy repeat', () => {
    expect(metricDefinition('binary', 'accuracy')?.formula).toBe('(TP + TN) / n');
    expect(metricDefinition('multiclass', 'accuracy')?.formula).toBe('correct / n');
    expect(metricDefinition('regression', 'toString')).toBeUndefined();
  });

  it('derive every other key list: the report, the threshold metrics, the intervals', () => {
    expect([...BINARY_THRESHOLD_KEYS]).toEqual(['accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy', 'tp', 'fp', 'tn', 'fn']);
    expect([...MULTICLASS_LABEL_KEYS]).toEqual(['accuracy', 'balanced_accuracy', 'mcc', 'macro_precision', 'macro_recall', 'macro_f1', 'micro_f1', 'weighted_f1']);
    expect([...MULTICLASS_PROBABILITY_KEYS]).toEqual(['log_loss', 'roc_auc_ovr_macro']);
    expect([...MULTICLASS_METRIC_KEYS]).toEqual([...MULTICLASS_LABEL_KEYS, ...MULTICLASS_PROBABILITY_KEYS]);
    // The intervals the page has always shown.
    expect(intervalKeys('binary')).toEqual(['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy']);
    expect(intervalKeys('regression')).toEqual(['rmse', 'mse', 'mae', 'r2', 'explained_variance', 'max_error', 'median_absolute_error']);
    expect(intervalKeys('multiclass', false)).toEqual(['accuracy', 'balanced_accuracy', 'macro_precision', 'macro_recall', 'macro_f1', 'micro_f1', 'weighted_f1']);
    expect(intervalKeys('multiclass')).toEqual([...intervalKeys('multiclass', false), 'log_loss', 'roc_auc_ovr_macro']);
  });
});
