import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { ActivationName } from '../train/activations';
import { buildModelSpec, initialParameters } from '../train/model';
import { cnnForward, cnnInputFunction } from './cnn-network';
import { cnnSaliency } from './cnn-saliency';

function model(activation: ActivationName, seed: number) {
  const spec = buildModelSpec({ kind: 'cnn', hidden: [16], activation, dropout: 0, init: 'he' }, 64, 'softmax', 10);
  const rng = createRng(seed);
  const params = initialParameters(spec, 'he', rng);
  return { spec, params, rng };
}

describe('cnnSaliency', () => {
  for (const activation of ['relu', 'gelu'] as const) {
    it(`${activation}: integrated gradients are complete to 1e-3 on every image tested (20 images)`, () => {
      const { spec, params, rng } = model(activation, activation === 'relu' ? 1 : 2);
      const baseline = Float64Array.from({ length: 64 }, () => -0.5 + 0.1 * rng.normal());
      let worst = 0;
      for (let r = 0; r < 20; r++) {
        const x = Float64Array.from({ length: 64 }, () => rng.normal() * 1.5);
        const s = cnnSaliency(spec, params, x, { baseline });
        // The gap is recomputed here from the model itself, not read from the result.
        const f = cnnInputFunction(spec, params, { output: 'probability', classIndex: s.classIndex });
        const sum = s.integratedGradients.reduce((a, b) => a + b, 0);
        worst = Math.max(worst, Math.abs(sum - (f(x).value - f(baseline).value)));
        expect(s.sum).toBeCloseTo(sum, 12);
        expect(s.converged || s.steps === 4096).toBe(true);
      }
      expect(worst).toBeLessThanOrEqual(1e-3);
    });
  }

  it('explains the predicted class by default; gradient x input is (x - b) * df/dx at x', () => {
    const { spec, params, rng } = model('relu', 3);
    const x = Float64Array.from({ length: 64 }, () => rng.normal());
    const baseline = Float64Array.from({ length: 64 }, () => rng.normal() * 0.2);
    const s = cnnSaliency(spec, params, x, { baseline });
    const out = cnnForward(spec, params, x).outputs;
    expect(s.classIndex).toBe(out.indexOf(Math.max(...out)));
    const { value, grad } = cnnInputFunction(spec, params, { output: 'probability', classIndex: s.classIndex })(x);
    expect(s.value).toBeCloseTo(value, 12);
    expect(s.gradient.length).toBe(64);
    expect(s.integratedGradients.length).toBe(64);
    for (let i = 0; i < 64; i++) expect(s.gradientTimesInput[i]).toBeCloseTo(grad[i]! * (x[i]! - baseline[i]!), 12);
    expect(s.gradientTimesInputSum).toBeCloseTo(s.gradientTimesInput.reduce((a, b) => a + b, 0), 12);
  });

  it('a chosen class and the logit output; a baseline of the wrong size is refused', () => {
    const { spec, params, rng } = model('tanh', 4);
    const x = Float64Array.from({ length: 64 }, () => rng.normal());
    const s = cnnSaliency(spec, params, x, { classIndex: 6, output: 'logit', tolerance: 1e-4 });
    expect(s.classIndex).toBe(6);
    expect(s.value).toBeCloseTo(cnnForward(spec, params, x).outputs[6]!, 12);
    expect(Math.abs(s.completenessGap)).toBeLessThanOrEqual(s.converged ? 1e-4 : 1e-3);
    expect(() => cnnSaliency(spec, params, x, { baseline: new Float64Array(10) })).toThrow(RangeError);
  });
});
