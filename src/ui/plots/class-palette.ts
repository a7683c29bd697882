/**
 * One class palette for every page: class k is CLASS_COLORS[k] wherever classes are drawn (the Train page's
 * boundary and points, partial dependence of P(class 1) on the Experiments page), so "class 1" is the same red
 * on both. A probability of class 1 runs from class 0's colour through white to class 1's.
 */
export const CLASS_COLORS = ['#2166ac', '#b2182b', '#1b7837', '#762a83', '#e08214'] as const;

export function classColor(k: number): string {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length]!;
}

/** P(class 1) from 0 to 1: class 0's blue, white at 0.5, class 1's red. */
export const PROBABILITY_SCALE: [number, string][] = [[0, CLASS_COLORS[0]], [0.5, '#f7f7f7'], [1, CLASS_COLORS[1]]];

/** The same scale in pale tints, under points drawn in the full colours (the Train page's boundary). */
export const PALE_PROBABILITY_SCALE: [number, string][] = [[0, '#cfe0f1'], [0.5, '#f7f7f7'], [1, '#f6d0cb']];
