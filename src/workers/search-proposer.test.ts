import { describe, expect, it } from 'vitest';
import type { SearchConfig, Trial } from '../core/stats';
import { inThreadProposer, workerProposer } from './search-proposer';

const space: SearchConfig['space'] = [{ name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' }];

/** Asks and tells until the budget is used up; the score is a fixed function of the trial. */
async function drive(proposer: ReturnType<typeof inThreadProposer>): Promise<Trial[]> {
  const trials: Trial[] = [];
  for (let t = await proposer.ask(); t !== null; t = await proposer.ask()) {
    trials.push(t);
    proposer.tell(t.id, Math.abs(Math.log10(Number(t.params.lr)) + 2));
  }
  return trials;
}

describe('workerProposer without Workers', () => {
  it('runs the same search on the page through the channel: same trials, in order', async () => {
    const config: SearchConfig = { space, strategy: 'bayes', budget: 6, seed: 4, maximize: false };
    const viaChannel = await drive(workerProposer(config, []));
    expect(viaChannel).toHaveLength(6);
    expect(viaChannel).toEqual(await drive(inThreadProposer(config, [])));
  });

  it('dispose rejects an ask that is still waiting', async () => {
    const proposer = workerProposer({ space, strategy: 'random', budget: 3, seed: 1, maximize: false }, []);
    const asked = proposer.ask();
    proposer.dispose();
    await expect(asked).rejects.toThrow('cancelled');
  });
});
