import { useCallback } from 'react';
import type { PlotData } from 'plotly.js';
import { useMetricsStore } from '../../../store/metrics-store';

/** Applies a threshold picked on a plot: to the one model in per-model mode, else to every model. */
export function useApplyThreshold(): (model: string | null, t: number) => void {
  const perModel = useMetricsStore((s) => s.perModel);
  const setThreshold = useMetricsStore((s) => s.setThreshold);
  const setModelThreshold = useMetricsStore((s) => s.setModelThreshold);
  return useCallback((model, t) => {
    if (!Number.isFinite(t) && t !== Infinity) return;
    if (perModel && model) setModelThreshold(model, t);
    else setThreshold(t);
  }, [perModel, setThreshold, setModelThreshold]);
}

/** customdata of a clickable marker: which model, which threshold. */
export interface ThresholdPoint {
  model: string;
  threshold: number;
}

export function asThresholdPoint(customdata: unknown): ThresholdPoint | null {
  if (Array.isArray(customdata) && typeof customdata[0] === 'string' && typeof customdata[1] === 'number') {
    return { model: customdata[0], threshold: customdata[1] };
  }
  return null;
}

/** customdata marking each point with its model and threshold, for click-to-apply. */
export function thresholdCustomdata(pairs: [string, number][]): PlotData['customdata'] {
  return pairs as unknown as PlotData['customdata'];
}
