import { useEffect, useState } from 'react';
import { plateauOrMinimum, type PlateauReport } from '../../../core/train/plateau';
import { branchRun, branchSteps } from '../../../store/branch-actions';
import { currentSeries, useTrainStore } from '../../../store/train-store';

/** How often the verdict is recomputed while records arrive (it reads the last 100 steps). */
const REFRESH_MS = 500;

/** The detector's report on the shown run, recomputed at most every REFRESH_MS while it trains. */
function usePlateauReport(): PlateauReport | null {
  const [report, setReport] = useState<PlateauReport | null>(null);
  useEffect(() => {
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const compute = () => {
      timer = null;
      last = performance.now();
      const records = currentSeries().records;
      setReport(records.length ? plateauOrMinimum(records) : null);
    };
    compute();
    const off = useTrainStore.subscribe((s, prev) => {
      if (s.seriesVersion === prev.seriesVersion) return;
      if (timer) return;
      timer = setTimeout(compute, Math.max(0, REFRESH_MS - (performance.now() - last)));
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return report;
}

const LABEL = { plateau: 'Plateau', minimum: 'Minimum', unclear: 'Unclear' } as const;

/**
 * "Plateau or minimum?" for the shown run, with its evidence; on a plateau of a saved run, one click
 * branches it from its last step with ten times the learning rate.
 */
export function PlateauPanel() {
  const report = usePlateauReport();
  const runId = useTrainStore((s) => s.viewedRunId);
  const saved = useTrainStore((s) => s.status === 'done' && s.activeRunId === null);
  const totalSteps = useTrainStore((s) => s.totalSteps);
  const oneBatch = useTrainStore((s) => s.kind === 'overfit-batch');
  const [problem, setProblem] = useState<string | null>(null);
  if (!report || oneBatch) return null;
  const lastStep = report.signals?.to ?? 0;
  const onBranch = () => {
    if (!runId) return;
    void branchRun({ runId, at: lastStep, lrFactor: 10, changes: { steps: branchSteps(lastStep, totalSteps) } }).then(setProblem);
  };
  return (
    <section className={`panel plateau-panel ${report.verdict}`} aria-label="Plateau or minimum" data-testid="plateau-verdict" data-verdict={report.verdict} aria-live="polite">
      <h2>
        Plateau or minimum? <span className={`status-pill small verdict-${report.verdict}`}>{LABEL[report.verdict]}</span>
      </h2>
      <p>{report.summary}</p>
      {report.evidence.length > 0 && (
        <ul className="plateau-evidence" data-testid="plateau-evidence">
          {report.evidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <p className="finding-try">
        <span>Try:</span> {report.suggestion}
      </p>
      {report.verdict === 'plateau' && saved && runId && (
        <button type="button" data-testid="plateau-branch" onClick={onBranch}>
          Branch from step {lastStep} with 10× the learning rate
        </button>
      )}
      {problem && <p role="alert" className="warning">{problem}</p>}
    </section>
  );
}
