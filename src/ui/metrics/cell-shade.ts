/**
 * A confusion cell's background: green for correct predictions, red for errors, deeper as `share` (the cell's
 * share of its true class, 0 to 1) grows. The text stays dark ink: at the deepest shade it still has 5:1
 * contrast, where white text on the lighter shades had 2:1.
 */
export function cellShade(correct: boolean, share: number): string {
  const alpha = 0.08 + 0.55 * (Number.isFinite(share) ? share : 0);
  return correct ? `rgba(27, 127, 75, ${alpha})` : `rgba(179, 38, 30, ${alpha})`;
}
