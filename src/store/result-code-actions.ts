/**
 * Result codes on the Train page: the code of the shown run, and verifying a pasted code by re-running
 * its settings (and hidden fault) on its backend in this browser, then comparing the hash of the new
 * run's numbers with the code's (core/train/result-code.ts).
 */
import { create } from 'zustand';
import { revealFault } from '../core/train/challenge';
import type { MetricValues } from '../core/train/evaluation';
import { dataHash, parseResultCode, resultCode, type ResultClaim } from '../core/train/result-code';
import { BACKEND_CHOICES, type BackendChoice, type TrainSettings } from '../core/train/settings';
import { startTraining, updateSettings, uploadedText, useTrainStore } from './train-store';

type Final = ResultClaim['final'];

/** The data fingerprint of a run's settings; null when an uploaded file is not open in this page. */
export async function dataHashFor(settings: TrainSettings): Promise<string | null> {
  const d = settings.dataset;
  if (d.source === 'synthetic') return dataHash({ kind: 'synthetic', id: d.id, params: d.params });
  if (d.source === 'upload') {
    const text = uploadedText(d.fileName);
    return text === null ? null : dataHash({ kind: 'text', text });
  }
  const [{ fetchBundledFile }, { findBundledEntry }] = await Promise.all([import('../core/data/bundled-files'), import('../core/data/catalog')]);
  const entry = findBundledEntry(d.id);
  return entry ? dataHash({ kind: 'text', text: await fetchBundledFile(entry.file) }) : null;
}

/** The code of a finished run, or why there is none. */
export async function codeForRun(settings: TrainSettings, backend: string, faultToken: string | null, final: Final): Promise<{ code: string } | { problem: string }> {
  const data = await dataHashFor(settings);
  if (data === null) return { problem: `Open ${settings.dataset.source === 'upload' ? settings.dataset.fileName : 'the data'} to get this run's code (the file is part of what it vouches for).` };
  return { code: resultCode({ settings, backend, faultToken, dataHash: data, final }) };
}

export interface Verification {
  status: 'running' | 'match' | 'mismatch' | 'error';
  message: string;
  /** The code being verified and the code of the re-run (when it finished). */
  claimed: string;
  got: string | null;
}

export const useVerificationStore = create<{ verification: Verification | null }>()(() => ({ verification: null }));
const setVerification = (verification: Verification | null) => useVerificationStore.setState({ verification });

/** Re-runs a pasted code in this browser and says whether the numbers are the same. */
export async function verifyResultCode(code: string): Promise<void> {
  const parsed = parseResultCode(code);
  if (!parsed.ok) return setVerification({ status: 'error', message: parsed.message, claimed: code, got: null });
  const { payload, hash } = parsed;
  if (!(BACKEND_CHOICES as readonly string[]).includes(payload.backend)) {
    return setVerification({ status: 'error', message: `The code names a backend this page does not know (${payload.backend}).`, claimed: code, got: null });
  }
  const settings: TrainSettings = { ...parsed.settings, backend: payload.backend as BackendChoice };
  const fault = payload.faultToken ? revealFault(payload.faultToken, settings.config.seed) : null;
  if (payload.faultToken && !fault) return setVerification({ status: 'error', message: 'The code carries a mystery fault that does not decode: was it edited?', claimed: code, got: null });
  const state = useTrainStore.getState();
  if (state.status === 'running' || state.status === 'paused') return setVerification({ status: 'error', message: 'A run is training; stop it first.', claimed: code, got: null });
  setVerification({ status: 'running', message: `Re-running on ${payload.backend}…`, claimed: code, got: null });
  updateSettings(settings);
  const started = startTraining('train', {
    settings,
    name: `verify ${hash}`,
    fault,
    origin: { faultToken: payload.faultToken, branchOf: null, mystery: payload.faultToken !== null },
  });
  // startTraining marks its run as the active one before its first await.
  const runId = useTrainStore.getState().activeRunId;
  await started;
  const s = await finished(runId);
  if (s.status !== 'done' || !s.summary?.final) {
    return setVerification({ status: 'error', message: `The re-run did not finish: ${s.error ?? s.summary?.stopReason ?? s.status}.`, claimed: code, got: null });
  }
  const used = s.backend?.name ?? payload.backend;
  const mine = await codeForRun(settings, used, payload.faultToken, s.summary.final as Final);
  if ('problem' in mine) return setVerification({ status: 'error', message: mine.problem, claimed: code, got: null });
  const same = mine.code.split('.')[1] === hash;
  const shown = testSummary(s.summary.final.test);
  setVerification({
    status: same ? 'match' : 'mismatch',
    message: same
      ? `Verified: re-running the code on ${used} gave the same numbers${shown ? ` (${shown})` : ''}.`
      : `Not the same: the re-run on ${used} gave other numbers${shown ? ` (${shown})` : ''}, or other data.${used !== payload.backend ? ` It ran on ${used}, the code on ${payload.backend}.` : ''}`,
    claimed: code,
    got: mine.code,
  });
}

function testSummary(test: MetricValues): string {
  return Object.entries(test)
    .filter(([k, v]) => typeof v === 'number' && ['loss', 'accuracy', 'roc_auc', 'r2', 'mae'].includes(k))
    .map(([k, v]) => `test ${k} ${(v as number).toPrecision(4)}`)
    .join(', ');
}

/** Resolves with the train store's state once `runId` is no longer training. */
function finished(runId: string | null): Promise<ReturnType<typeof useTrainStore.getState>> {
  return new Promise((resolve) => {
    const check = (s: ReturnType<typeof useTrainStore.getState>) => (runId === null || s.activeRunId !== runId) && (s.status === 'done' || s.status === 'failed' || s.status === 'idle');
    if (check(useTrainStore.getState())) return resolve(useTrainStore.getState());
    const off = useTrainStore.subscribe((s) => {
      if (!check(s)) return;
      off();
      resolve(s);
    });
  });
}
