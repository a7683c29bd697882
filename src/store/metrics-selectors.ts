/** Pure reads of the metrics store's state (the store, its slices and the components use them). */
import type { GroupState, MetricsState } from './metrics-store';

/** The group shown on the page. */
export function activeGroup(s: Pick<MetricsState, 'groups' | 'activeGroupId'>): GroupState | null {
  return s.groups.find((g) => g.info.id === s.activeGroupId) ?? null;
}

/** The model names of a group, in load order. */
export function modelNames(group: GroupState | null): string[] {
  return group ? group.data.models.map((m) => m.name) : [];
}

/** The threshold in force for a model: its own in per-model mode, else the shared one. */
export function thresholdOf(s: Pick<MetricsState, 'perModel' | 'modelThresholds' | 'threshold'>, model: string): number {
  return s.perModel ? s.modelThresholds[model] ?? s.threshold : s.threshold;
}
