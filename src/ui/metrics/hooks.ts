/** Selector hooks of the Metrics page: components read the store through these. */
import { useMemo } from 'react';
import { activeGroup, detailsKey, thresholdOf, useMetricsStore, type BinaryModelView, type GroupState } from '../../store/metrics-store';
import type { BinaryModelDetails, ExtraColumnInfo } from '../../workers/metrics-protocol';
import { groupExtraColumns } from '../../store/metrics-slice-views';
import { comparisonTable, type ComparisonTableData } from './comparisonRows';

/** The group shown (files with the same label rows). */
export function useActiveGroup(): GroupState | null {
  return useMetricsStore((s) => activeGroup(s));
}

/** The binary models of the shown group, or an empty list. */
export function useBinaryModels(): BinaryModelView[] {
  const group = useActiveGroup();
  return group?.data.task === 'binary' ? group.data.models : [];
}

/** Each binary model's late plots (PR, calibration, score histograms), or null while they are computed; same order as `models`. */
export function useModelDetails(models: BinaryModelView[]): (BinaryModelDetails | null)[] {
  const details = useMetricsStore((s) => s.details);
  return useMemo(() => models.map((m) => details[detailsKey(m.fileId, m.name)] ?? null), [models, details]);
}

/** The threshold in force for one model. */
export function useModelThreshold(model: string): number {
  return useMetricsStore((s) => thresholdOf(s, model));
}

/** A function giving each model's threshold, stable while the thresholds do not change. */
export function useThresholdOf(): (model: string) => number {
  const threshold = useMetricsStore((s) => s.threshold);
  const perModel = useMetricsStore((s) => s.perModel);
  const modelThresholds = useMetricsStore((s) => s.modelThresholds);
  return useMemo(() => (m: string) => thresholdOf({ threshold, perModel, modelThresholds }, m), [threshold, perModel, modelThresholds]);
}

/** The comparison table of the shown group at the current thresholds. */
export function useComparisonTable(): ComparisonTableData | null {
  const group = useActiveGroup();
  const thresholdFor = useThresholdOf();
  const predictors = useMetricsStore((s) => s.predictors);
  return useMemo(() => (group ? comparisonTable(group, thresholdFor, predictors) : null), [group, thresholdFor, predictors]);
}

/** The selected model of the shown group (the first one if none was chosen). */
export function useSelectedModel(): string | null {
  const group = useActiveGroup();
  const selected = useMetricsStore((s) => s.selectedModel);
  if (!group) return null;
  return group.data.models.some((m) => m.name === selected) ? selected : group.data.models[0]?.name ?? null;
}

/** A colour per model, in load order (Okabe-Ito: distinguishable with the common colour-vision deficiencies). */
export const MODEL_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#332288', '#882255'];

export function modelColor(index: number): string {
  return MODEL_COLORS[index % MODEL_COLORS.length]!;
}

/** The extra columns (slice and time columns) of the shown group's files. */
export function useGroupExtraColumns(): ExtraColumnInfo[] {
  const files = useMetricsStore((s) => s.files);
  const activeGroupId = useMetricsStore((s) => s.activeGroupId);
  return useMemo(() => groupExtraColumns({ files, activeGroupId }), [files, activeGroupId]);
}
