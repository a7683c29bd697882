/**
 * `npm run bench -- train`: training-step speed in Node on cpu and wasm for the MLP 20-64-64-1 at
 * batch 256 (Adam), and the cost of instrumentation: the instrumented step (every per-layer norm,
 * moment norms, angles, output maxima, one read) against the same step uninstrumented (loss read only),
 * plus the detail step (activation statistics and histograms, taken every K steps in a run).
 *
 * Each backend is timed twice: in wall time (what a user waits) and in this process's CPU time, which
 * stays meaningful when other processes load a shared machine (the overhead is judged on CPU time).
 * The browser backends (webgl, webgpu) are measured through the training Worker's `benchmark` command,
 * which runs this same core function (src/core/train/step-benchmark.ts).
 */
import type { BenchSection } from './bench';
import { benchmarkSteps } from '../core/train/step-benchmark';
import { useNodeBackend } from './train-command';

const cpuClock = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function run(): Promise<BenchSection> {
  const rows: BenchSection['rows'] = [];
  const details: Record<string, unknown> = {
    model: 'mlp 20-64-64-1, relu, adam, batch 256',
    method: 'medians of 150 alternating plain and instrumented steps (order flipped each pair), a detail step every 3 pairs',
  };
  for (const backend of ['cpu', 'wasm'] as const) {
    const selected = await useNodeBackend(backend);
    if (!selected.ok) throw new Error(selected.message);
    const wall = await benchmarkSteps();
    const cpu = await benchmarkSteps({ clock: cpuClock });
    details[backend] = { wall, cpuTime: cpu };
    rows.push(
      { name: `train ${backend}: instrumented steps per second (wall)`, value: wall.stepsPerSecond, unit: 'steps/s' },
      { name: `train ${backend}: uninstrumented steps per second (wall)`, value: 1000 / wall.plainMs, unit: 'steps/s' },
      { name: `train ${backend}: uninstrumented step (CPU time)`, value: cpu.plainMs, unit: 'ms' },
      { name: `train ${backend}: instrumented step (CPU time)`, value: cpu.instrumentedMs, unit: 'ms' },
      { name: `train ${backend}: instrumentation overhead (CPU time)`, value: cpu.overheadPct, unit: '%', target: '<= 20%' },
      { name: `train ${backend}: instrumentation overhead (wall)`, value: wall.overheadPct, unit: '%', target: '<= 20%' },
      { name: `train ${backend}: detail step, every K steps (CPU time)`, value: cpu.detailsMs, unit: 'ms' },
    );
  }
  return { rows, details };
}
