/**
 * `npm run bench -- train`: training-step speed in Node on cpu and wasm for the MLP 20-64-64-1 at
 * batch 256 (Adam), and the cost of instrumentation: the instrumented step (every per-layer norm,
 * moment norms, angles, output maxima, one read) against the same step uninstrumented (loss read only),
 * plus the detail step (activation statistics and histograms, taken every K steps in a run).
 * The browser backends (webgl, webgpu) are measured through the training Worker's `benchmark` command,
 * which runs this same core function (src/core/train/step-benchmark.ts).
 */
import type { BenchSection } from './bench';
import { benchmarkSteps } from '../core/train/step-benchmark';
import { useNodeBackend } from './train-command';

export async function run(): Promise<BenchSection> {
  const rows: BenchSection['rows'] = [];
  const details: Record<string, unknown> = { model: 'mlp 20-64-64-1, relu, adam, batch 256', method: 'medians of 150 alternating plain and instrumented steps (order flipped each pair), a detail step every 3 pairs' };
  for (const backend of ['cpu', 'wasm'] as const) {
    const selected = await useNodeBackend(backend);
    if (!selected.ok) throw new Error(selected.message);
    const r = await benchmarkSteps();
    details[backend] = r;
    rows.push(
      { name: `train ${backend}: instrumented steps per second`, value: r.stepsPerSecond, unit: 'steps/s' },
      { name: `train ${backend}: uninstrumented steps per second`, value: 1000 / r.plainMs, unit: 'steps/s' },
      { name: `train ${backend}: uninstrumented step`, value: r.plainMs, unit: 'ms' },
      { name: `train ${backend}: instrumented step`, value: r.instrumentedMs, unit: 'ms' },
      { name: `train ${backend}: instrumentation overhead`, value: r.overheadPct, unit: '%', target: '<= 20%' },
      { name: `train ${backend}: detail step (activations, histograms)`, value: r.detailsMs, unit: 'ms' },
    );
  }
  return { rows, details };
}
