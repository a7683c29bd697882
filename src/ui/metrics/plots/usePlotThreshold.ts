import { useCallback } from 'react';
import { useMetricsStore } from '../../../store/metrics-store';

/** Applies a threshold picked on a plot: to the one model in per-model mode, else to every model. */
export function useApplyThreshold(): (model: string | null, t: number) => void {
  const perModel = useMetricsStore((s) => s.perModel);
  const setThreshold = useMetricsStore((s) => s.setThreshold);
  const setModelThreshold = useMetricsStore((s) => s.setModelThreshold);
  return useCallback((model, t) => {
    if (Number.isNaN(t)) return;
    if (perModel && model) setModelThreshold(model, t);
    else setThreshold(t);
  }, [perModel, setThreshold, setModelThreshold]);
}

/**
 * What a click on trace `curveNumber`, point `pointNumber` means: the model and threshold to apply,
 * or null. Traces carry their thresholds as a typed `customdata` array (cheap for Plotly); this table
 * says which model each trace, or each point of a marker trace, belongs to.
 */
export type ClickTargets = (((pointNumber: number) => { model: string; threshold: number } | null) | null)[];

/** A Plot's `onPointClick` that applies the threshold the clicked point stands for (see ClickTargets). */
export function useApplyOnClick(targets: ClickTargets): (point: { curveNumber: number; pointNumber: number }) => void {
  const apply = useApplyThreshold();
  return useCallback((point) => {
    const hit = targets[point.curveNumber]?.(point.pointNumber);
    if (hit) apply(hit.model, hit.threshold);
  }, [targets, apply]);
}
