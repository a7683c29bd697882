/** Ten evenly spaced stops of the viridis colour map (dark purple to yellow), perceptually uniform. */
export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;

/** The stop nearest to `t` in [0, 1] (clamped). */
export function viridisAt(t: number): string {
  const i = Math.round(Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1));
  return VIRIDIS[i]!;
}
