/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate), matching statsmodels'
 * multipletests(p, method='fdr_bh')[1]: with the m p-values sorted ascending, p_(i) becomes
 * min over j >= i of m p_(j) / j, capped at 1, and is returned in the input order.
 * Rejecting every hypothesis with adjusted p <= alpha controls the FDR at alpha (independent or
 * positively dependent tests; Benjamini & Hochberg 1995).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const out = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r]!;
    running = Math.min(running, (pValues[i]! * m) / (r + 1));
    out[i] = running;
  }
  return out;
}
