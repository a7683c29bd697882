/**
 * The decision thresholds and costs of the Metrics page (a zustand slice of the metrics store): one
 * shared threshold or one per model, the costs of the two errors, and the model the threshold views
 * are about. Moving a threshold changes numbers only; the components answer it with the core's
 * O(log n) sweep queries, and the store's subscription refreshes the threshold-dependent analyses.
 */
import type { StateCreator } from 'zustand';
import { activeGroup, modelNames } from './metrics-selectors';
import type { MetricsState } from './metrics-store';

export interface ThresholdSlice {
  /** The shared threshold: a row is predicted positive when score >= threshold. */
  threshold: number;
  /** One threshold per model instead of one shared. */
  perModel: boolean;
  modelThresholds: Record<string, number>;
  costFP: number;
  costFN: number;
  /** The model the explain panel, the threshold plots and the error table are about. */
  selectedModel: string | null;
  setThreshold(t: number): void;
  setModelThreshold(model: string, t: number): void;
  setPerModel(on: boolean): void;
  /** Applies a threshold per model (e.g. each model's own cost optimum). */
  applyThresholds(byModel: Record<string, number>, shared: number): void;
  setCosts(costFP: number, costFN: number): void;
  /** A known reference score (a clinician's recall, last year's model), drawn beside the models; null: none. */
  baseline: ReferenceScore | null;
  setBaseline(baseline: ReferenceScore | null): void;
  selectModel(model: string): void;
}

/** A score to read the models against: who or what, which metric, its value. */
export interface ReferenceScore {
  name: string;
  metric: string;
  value: number;
}

function mapValues<T>(o: Record<string, T>, f: (v: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

export const createThresholdSlice: StateCreator<MetricsState, [], [], ThresholdSlice> = (set, get) => ({
  threshold: 0.5,
  perModel: false,
  modelThresholds: {},
  costFP: 1,
  costFN: 1,
  selectedModel: null,
  setThreshold: (t) => {
    if (Number.isNaN(t)) return;
    // In per-model mode the shared control moves every model together.
    set((s) => ({ threshold: t, modelThresholds: s.perModel ? mapValues(s.modelThresholds, () => t) : s.modelThresholds }));
  },
  setModelThreshold: (model, t) => {
    if (Number.isNaN(t)) return;
    set((s) => ({ modelThresholds: { ...s.modelThresholds, [model]: t } }));
  },
  setPerModel: (on) => set((s) => ({
    perModel: on,
    modelThresholds: on ? Object.fromEntries(modelNames(activeGroup(s)).map((m) => [m, s.threshold])) : {},
  })),
  applyThresholds: (byModel, shared) => set((s) => ({
    threshold: shared,
    modelThresholds: s.perModel ? { ...s.modelThresholds, ...byModel } : s.modelThresholds,
  })),
  setCosts: (costFP, costFN) => {
    if (!(costFP >= 0 && costFN >= 0 && Number.isFinite(costFP) && Number.isFinite(costFN))) return;
    set({ costFP, costFN });
  },
  baseline: null,
  setBaseline: (baseline) => {
    if (baseline && !(Number.isFinite(baseline.value) && baseline.metric)) return;
    set({ baseline: baseline && { ...baseline, name: baseline.name.trim().slice(0, 60) || 'Reference' } });
  },
  selectModel: (model) => {
    set({ selectedModel: model });
    void get().refreshErrorRows();
  },
});
