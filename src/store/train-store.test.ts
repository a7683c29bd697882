import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { StepRecord } from '../core/train/step-record';
import type { EpochRecord, RunInfo, TrainResult } from '../core/train/training-run';
import {
  currentBoundary,
  currentSeries,
  initRuns,
  onTrainEvent,
  pauseTraining,
  refreshRuns,
  startTraining,
  stopTraining,
  toggleOverlay,
  useTrainStore,
  installTrainSession,
  uploadCsv,
  viewRun,
} from './train-store';
import { createTrainSession, type TrainEngine } from './train-session';
import type { TrainCommand } from '../core/train/train-controller';

// Vitest's node environment has no IndexedDB: the store falls back to memory, as in a private window.

function record(step: number, loss: number): StepRecord {
  return {
    step, epoch: 1, loss, data_loss: loss, grad_norm: 1, weight_norm: 1, update_norm: 1e-3, update_ratio: 1e-3, cos_update_grad: 1,
    cos_grad_prev: 0.5, lr: 0.01, clipped: false, ms: 2, memory: { tensors: 10, bytes: 1000 }, details: false,
    layers: [{ name: 'output', grad_norm: 1, weight_norm: 1, update_norm: 1e-3, update_ratio: 1e-3, cos_update_grad: 1, cos_grad_prev: 0.5 }],
  };
}

const info = { task: 'binary', head: 'sigmoid', classes: ['0', '1'], features: ['x1', 'x2'], parameters: 3, layers: [], rows: { train: 10, validation: 2, test: 2 }, stepsPerEpoch: 5, totalSteps: 10, missing: [], targetScale: null } as unknown as RunInfo;

function result(status: TrainResult['status']): TrainResult {
  return {
    steps: [],
    config: {} as TrainResult['config'], info, status, stopReason: 'Completed 2 epoch(s).', epochs: [], bestEpoch: 2, restoredBestWeights: false,
    final: { train: { loss: 0.2, accuracy: 0.9 }, validation: { loss: 0.3 }, test: { loss: 0.3 } },
    testPredictions: { rows: new Int32Array([0, 1]), y: new Float64Array([0, 1]), predictions: { task: 'binary', score: new Float64Array([0.2, 0.7]), proba: new Float64Array(0) } },
    baselines: [], divergence: null, examples: { epochs: 2, trainRows: 10, neverLearned: [], mostForgotten: [], hardest: [], counts: { neverLearned: 0, forgottenAtLeastOnce: 0 } },
    exampleHistory: { rows: new Int32Array(0), losses: [], correct: [] },
    parameters: new Float32Array(0),
  };
}

const started: Extract<TrainCommand, { type: 'start' }>[] = [];
const runId = () => useTrainStore.getState().activeRunId!;
const runs = () => useTrainStore.getState().runs;
/** A fake worker that answers pause and stop the way the real controller does. */
const engine: TrainEngine = {
  send(command) {
    if (command.type === 'start') started.push(command);
    if (command.type === 'pause') onTrainEvent({ type: 'status', runId: command.runId, status: 'paused', step: 0 });
    if (command.type === 'stop') onTrainEvent({ type: 'done', runId: command.runId, result: result('stopped') });
  },
  dispose: () => undefined,
};

beforeAll(async () => {
  installTrainSession(createTrainSession({ engineFactory: async () => engine }));
  await initRuns();
});

const epoch = (n: number, step: number, val: number): EpochRecord => ({ epoch: n, step, train: { loss: val }, validation: { loss: val }, best: true, partial: false, ms: 1 });

describe('train store', () => {
  it('runs a training: status, readouts, columns, storage, results', async () => {
    await startTraining('train');
    let s = useTrainStore.getState();
    expect(s.status).toBe('running');
    expect(started[0]?.source).toEqual({ kind: 'synthetic', id: 'two-moons', params: { n: 400, noise: 0.15, seed: 1 } });
    expect(started[0]?.mode).toBe('train');
    expect(started[0]?.runId).toBe(runId());
    expect(s.storageProblem?.kind).toBe('unavailable');
    const id = runId();
    onTrainEvent({ type: 'prepared', runId: id, info, config: {} as TrainResult['config'], warnings: [] });
    onTrainEvent({ type: 'steps', runId: id, records: [record(1, 0.7), record(2, 0.6)] });
    onTrainEvent({ type: 'steps', runId: 'another-run', records: [record(1, 99)] });
    onTrainEvent({ type: 'steps', runId: id, records: [record(3, 0.5)] });
    onTrainEvent({ type: 'epoch', runId: id, record: epoch(1, 3, 0.55) });
    s = useTrainStore.getState();
    expect(s.step).toBe(3);
    expect(s.loss).toBe(0.5);
    expect(s.totalSteps).toBe(10);
    expect(currentSeries().loss).toEqual([0.7, 0.6, 0.5]);
    expect(s.seriesVersion).toBe(currentSeries().version);
    onTrainEvent({ type: 'done', runId: id, result: result('completed') });
    s = useTrainStore.getState();
    expect(s.status).toBe('done');
    expect(s.activeRunId).toBeNull();
    expect(s.summary?.final?.train.accuracy).toBe(0.9);
    await vi.waitFor(() => expect(useTrainStore.getState().runs[0]?.status).toBe('done'));
    const saved = useTrainStore.getState().runs[0]!;
    expect(saved.stepCount).toBe(3);
    expect(saved.lastLoss).toBe(0.5);
  });

  it('pauses and stops through the engine, and a diverged run is failed with the NaN finding', async () => {
    await startTraining('train');
    pauseTraining();
    await vi.waitFor(() => expect(useTrainStore.getState().status).toBe('paused'));
    stopTraining();
    await vi.waitFor(() => expect(useTrainStore.getState().status).toBe('done'));

    await startTraining('train');
    const nan = record(2, NaN);
    onTrainEvent({ type: 'steps', runId: runId(), records: [record(1, 0.7), nan] });
    const diverged = { ...result('diverged'), divergence: { step: 2, epoch: 1, what: 'loss' as const, layer: null, layers: [], message: 'Training stopped at step 2.', causes: ['Lower the learning rate.'] } };
    onTrainEvent({ type: 'done', runId: runId(), result: diverged });
    const s = useTrainStore.getState();
    expect(s.status).toBe('failed');
    expect(s.findings[0]?.id).toBe('non-finite');
    expect(s.findings[0]?.title).toContain('step 2');
  });

  it('takes decision-boundary grids of the active run only', async () => {
    await startTraining('train');
    const grid = { step: 9, task: 'binary' as const, x1: [0, 1], x2: [0, 1], z: [0.1, 0.2, 0.8, 0.9], featureNames: ['x1', 'x2'] as [string, string], trainRows: [0, 1] };
    const before = useTrainStore.getState().boundaryVersion;
    onTrainEvent({ type: 'grid', runId: 'someone-else', ...grid });
    expect(currentBoundary()).toBeNull();
    onTrainEvent({ type: 'grid', runId: runId(), ...grid });
    expect(currentBoundary()?.z).toEqual([0.1, 0.2, 0.8, 0.9]);
    expect(useTrainStore.getState().boundaryVersion).toBe(before + 1);
    const id = runId();
    onTrainEvent({ type: 'done', runId: id, result: result('completed') });
    // Viewing the run again (as after a reload) draws its last grid, not an empty plane.
    await viewRun(runs()[runs().length - 1]!.id);
    expect(currentBoundary()).toBeNull();
    await viewRun(id);
    expect(currentBoundary()?.z).toEqual([0.1, 0.2, 0.8, 0.9]);
  });

  it('reports engine errors as a failed run with the message', async () => {
    await startTraining('train');
    onTrainEvent({ type: 'error', runId: runId(), error: { kind: 'aborted', message: 'WebGL context lost: training stopped.', file: null, row: null, column: null } });
    const s = useTrainStore.getState();
    expect(s.status).toBe('failed');
    expect(s.error).toBe('WebGL context lost: training stopped.');
  });

  it('views a saved run and overlays another', async () => {
    await refreshRuns();
    const runs = useTrainStore.getState().runs;
    const first = runs[runs.length - 1]!;
    await viewRun(first.id);
    expect(useTrainStore.getState().viewedRunId).toBe(first.id);
    expect(currentSeries().loss).toEqual([0.7, 0.6, 0.5]);
    const before = useTrainStore.getState().overlayVersion;
    await toggleOverlay(runs[0]!.id);
    expect(useTrainStore.getState().overlayIds).toEqual([runs[0]!.id]);
    expect(useTrainStore.getState().overlayVersion).toBe(before + 1);
  });

  it('starts from a fresh session when one is handed in (the engine and storage it was given)', async () => {
    let opened = 0;
    const { RunsDb } = await import('./runs-db');
    installTrainSession(createTrainSession({ engineFactory: async () => engine, openRunsDb: () => { opened++; return RunsDb.open(); } }));
    expect(currentSeries().records).toEqual([]);
    expect(currentBoundary()).toBeNull();
    await initRuns();
    expect(opened).toBe(1);
    const before = started.length;
    await startTraining('train');
    expect(started.length).toBe(before + 1);
    expect(opened).toBe(1);
    stopTraining();
    await vi.waitFor(() => expect(useTrainStore.getState().status).toBe('done'));
  });
});

/** `text` as UTF-16 little-endian with its byte-order mark: Excel's "Unicode text". */
function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(2 + 2 * text.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

describe('train store: uploaded files (issue 17: the same decoding as the Data and Metrics pages)', () => {
  const csv = 'x1,x2,café\n1,2,a\n3,4,b\n5,6,a\n7,8,b\n';

  it('reads a UTF-16 file with a byte-order mark and trains on its decoded text', async () => {
    installTrainSession(createTrainSession({ engineFactory: async () => engine }));
    await initRuns();
    await uploadCsv(new File([utf16le(csv)], 'excel-unicode.csv'));
    const s = useTrainStore.getState();
    expect(s.error).toBeNull();
    expect(s.upload).toEqual({ fileName: 'excel-unicode.csv', header: ['x1', 'x2', 'café'], rows: 4, warnings: ['excel-unicode.csv: read as UTF-16LE (it starts with a UTF-16 byte-order mark).'] });
    expect(s.settings.dataset).toEqual({ source: 'upload', fileName: 'excel-unicode.csv', target: 'café' });
    const before = started.length;
    await startTraining('train');
    expect(started.length).toBe(before + 1);
    expect(started.at(-1)!.source).toEqual({ kind: 'csv', fileName: 'excel-unicode.csv', text: csv, target: 'café' });
    stopTraining();
    await vi.waitFor(() => expect(useTrainStore.getState().status).toBe('done'));
  });

  it('strips a UTF-8 byte-order mark and refuses a binary file with one message', async () => {
    await uploadCsv(new File([new Uint8Array([0xef, 0xbb, 0xbf]), csv], 'bom.csv'));
    expect(useTrainStore.getState().upload?.header).toEqual(['x1', 'x2', 'café']);
    expect(useTrainStore.getState().upload?.warnings).toEqual([]);
    await uploadCsv(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'picture.csv'));
    expect(useTrainStore.getState().error).toMatch(/^picture\.csv: .*a PNG image, not CSV/);
    // The file that was open stays open.
    expect(useTrainStore.getState().upload?.fileName).toBe('bom.csv');
  });
});
