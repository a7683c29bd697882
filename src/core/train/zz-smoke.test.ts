import { it } from 'vitest';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { resolveTrainConfig } from './config';
import { prepareTrainingData } from './train-data';
import { trainToCompletion } from './training-run';

it('smoke', async () => {
  await useTestBackend('cpu');
  for (const id of ['iris', 'breast-cancer', 'diabetes', 'digits']) {
    const { table, task } = bundledTable(id);
    const cfg = resolveTrainConfig({ epochs: 5, model: id === 'digits' ? 'cnn' : 'mlp' });
    if (!cfg.ok) throw new Error(cfg.error.message);
    const p = prepareTrainingData(table, cfg.value, task);
    if (!p.ok) throw new Error(p.error.message);
    const t0 = performance.now();
    const r = trainToCompletion(p.value.data, p.value.config);
    const t1 = performance.now();
    console.log(id, r.status, r.info.totalSteps, 'steps', (t1 - t0).toFixed(0), 'ms', JSON.stringify(r.final.test).slice(0, 200));
    console.log('  epochs val loss', r.epochs.map((e) => e.validation.loss?.toFixed(3)).join(' '));
    console.log('  baselines', r.baselines.map((b) => `${b.name}:${JSON.stringify(b.test).slice(0, 120)}`).join('\n   '));
    const s = r.steps[0]!;
    console.log('  step1', JSON.stringify({ ...s, layers: s.layers.map((l) => ({ ...l, grad_hist: undefined, weight_hist: undefined })) }).slice(0, 600));
    console.log('  ms/step', (r.steps.reduce((a, b) => a + b.ms, 0) / r.steps.length).toFixed(2), 'mem', JSON.stringify(r.steps.at(-1)!.memory));
  }
});
