import * as tfl from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../core/random';
import type { ActivationName } from '../../core/train/activations';
import { buildModelSpec, forward, initialParameters, type ModelKind, type ModelSpec, type OutputHead } from '../../core/train/model';
import { useTestBackend } from '../../core/train/test-backends';
import { buildTfjsExport } from './tfjs-export';

beforeAll(() => useTestBackend('cpu'));

/** The engine's own output (logits), turned into what the exported model should output. */
function engineOutput(spec: ModelSpec, params: Float32Array, x: Float32Array, n: number, targetScale?: { mean: number; std: number }): Float32Array {
  return tf.tidy(() => {
    const out = forward(spec, tf.tensor1d(params), tf.tensor2d(x, [n, spec.inputs]), { training: false });
    const y = spec.head === 'sigmoid' ? tf.sigmoid(out) : spec.head === 'softmax' ? tf.softmax(out) : targetScale ? tf.add(tf.mul(out, targetScale.std), targetScale.mean) : out;
    return y.dataSync() as Float32Array;
  });
}

async function exportedOutput(spec: ModelSpec, params: Float32Array, x: Float32Array, n: number, targetScale?: { mean: number; std: number }): Promise<Float32Array> {
  const exp = buildTfjsExport(spec, params, { baseName: 'model', targetScale: targetScale ?? null, metadata: { features: ['a'] } });
  // Through JSON, as a file would go: the topology must survive serialisation.
  const json = JSON.parse(JSON.stringify(exp.modelJson)) as typeof exp.modelJson;
  const model = await tfl.loadLayersModel(
    tfl.io.fromMemory({ modelTopology: json.modelTopology as unknown as tfl.io.ModelJSON['modelTopology'], weightSpecs: json.weightsManifest[0]!.weights, weightData: exp.weights.slice(0) }),
  );
  const y = model.predict(tfl.tensor2d(x, [n, spec.inputs])) as tfl.Tensor;
  const data = (await y.data()) as Float32Array;
  y.dispose();
  model.dispose();
  return data;
}

function randomInputs(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal());
}

const cases: { name: string; kind: ModelKind; hidden: number[]; activation: ActivationName; dropout: number; head: OutputHead; inputs: number; classes: number }[] = [
  { name: 'mlp relu + dropout, binary', kind: 'mlp', hidden: [16, 8], activation: 'relu', dropout: 0.3, head: 'sigmoid', inputs: 2, classes: 2 },
  { name: 'mlp leaky relu, 3 classes', kind: 'mlp', hidden: [12], activation: 'leaky_relu', dropout: 0, head: 'softmax', inputs: 4, classes: 3 },
  { name: 'mlp gelu, regression', kind: 'mlp', hidden: [10, 10], activation: 'gelu', dropout: 0, head: 'identity', inputs: 3, classes: 1 },
  { name: 'mlp tanh, regression', kind: 'mlp', hidden: [5], activation: 'tanh', dropout: 0, head: 'identity', inputs: 3, classes: 1 },
  { name: 'logistic', kind: 'logistic', hidden: [], activation: 'relu', dropout: 0, head: 'sigmoid', inputs: 5, classes: 2 },
  { name: 'cnn on 8x8 images, 10 classes', kind: 'cnn', hidden: [16], activation: 'relu', dropout: 0, head: 'softmax', inputs: 64, classes: 10 },
];

describe('buildTfjsExport', () => {
  for (const c of cases) {
    it(`loads in tf.loadLayersModel and predicts what the engine predicts: ${c.name}`, async () => {
      const spec = buildModelSpec({ kind: c.kind, hidden: c.hidden, activation: c.activation, dropout: c.dropout, init: 'he' }, c.inputs, c.head, c.classes);
      const params = initialParameters(spec, 'he', createRng(7));
      // Non-zero biases, so a bias in the wrong place would show.
      for (const l of spec.layers) for (let i = 0; i < l.units; i++) params[l.offset + l.kernelSize + i] = 0.05 * (i + 1);
      const n = 9;
      const x = randomInputs(n, c.inputs, 3);
      const scale = c.head === 'identity' ? { mean: 150, std: 70 } : undefined;
      const expected = engineOutput(spec, params, x, n, scale);
      const actual = await exportedOutput(spec, params, x, n, scale);
      expect(actual.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 4);
    });
  }

  it('names weights after the layers, in file order, with their Keras shapes', () => {
    const spec = buildModelSpec({ kind: 'mlp', hidden: [3], activation: 'relu', dropout: 0, init: 'glorot' }, 2, 'sigmoid', 2);
    const exp = buildTfjsExport(spec, new Float32Array(spec.paramCount), { baseName: 'moons' });
    expect(exp.weightsFileName).toBe('moons.weights.bin');
    expect(exp.modelJson.weightsManifest[0]!.paths).toEqual(['moons.weights.bin']);
    expect(exp.modelJson.weightsManifest[0]!.weights.map((w) => [w.name, w.shape])).toEqual([
      ['hidden1/kernel', [2, 3]], ['hidden1/bias', [3]], ['output/kernel', [3, 1]], ['output/bias', [1]],
    ]);
    expect(exp.weights.byteLength).toBe(4 * spec.paramCount);
  });

  it('refuses a parameter vector of the wrong length', () => {
    const spec = buildModelSpec({ kind: 'logistic', hidden: [], activation: 'relu', dropout: 0, init: 'glorot' }, 2, 'sigmoid', 2);
    expect(() => buildTfjsExport(spec, new Float32Array(2), { baseName: 'x' })).toThrow(/expected 3 parameters/);
  });
});
