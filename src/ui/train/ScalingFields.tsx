import { LOSS_SCALINGS, MAX_WORKERS, PARALLEL_MODES, type TrainConfig } from '../../core/train/config';
import { PRECISIONS } from '../../core/train/low-precision';
import { FieldGroup, NumberField, SelectField } from './fields';

const PRECISION_LABELS: Record<(typeof PRECISIONS)[number], string> = {
  float32: 'float32 (32 bits)',
  float16: 'float16 (IEEE half: 5 exponent, 10 mantissa bits)',
  bfloat16: 'bfloat16 (8 exponent, 7 mantissa bits)',
};

/**
 * The set-up fields for how a run scales: number precision (16-bit training, simulated by rounding) with
 * loss scaling, and data-parallel workers. Edits the config through `set`, like every other set-up field.
 * Data-parallel runs are float32, so choosing one turns the other off.
 */
export function ScalingFields({ config: c, set, disabled }: { config: TrainConfig; set: (patch: Partial<TrainConfig>) => void; disabled: boolean }) {
  const workers = c.workers ?? 1;
  const mode = c.mode ?? 'sync';
  return (
    <>
      <PrecisionFields config={c} set={(patch) => set(patch.precision && patch.precision !== 'float32' ? { ...patch, workers: 1 } : patch)} disabled={disabled} />
      <FieldGroup title="Workers (data parallel)" open={workers > 1}>
        <NumberField
          label="Workers" integer
          value={workers} min={1} max={MAX_WORKERS}
          testId="workers"
          disabled={disabled}
          onChange={(v) => set(v > 1 ? { workers: v, precision: 'float32' } : { workers: v })}
          hint="Each batch is split across this many Web Workers; each computes its shard's gradient, the gradients are summed, one update."
        />
        {workers > 1 && (
          <>
            <SelectField label="Mode" value={mode} testId="parallel-mode" disabled={disabled} options={PARALLEL_MODES} onChange={(v) => set({ mode: v })} />
            {mode === 'async' && (
              <NumberField label="Staleness (updates)" integer value={c.staleness ?? 1} min={0} testId="staleness" disabled={disabled} onChange={(v) => set({ staleness: v })} />
            )}
            <p className="hint wide">
              {mode === 'sync'
                ? 'Synchronous: every worker waits for the others, so the weights are those of one worker (up to float32 summation order); the cost is the all-reduce.'
                : 'Asynchronous: each gradient is computed on weights that are that many updates old and applied to the current ones. No waiting, but stale gradients can slow training or make it unstable.'}
            </p>
          </>
        )}
      </FieldGroup>
    </>
  );
}

function PrecisionFields({ config: c, set, disabled }: { config: TrainConfig; set: (patch: Partial<TrainConfig>) => void; disabled: boolean }) {
  const precision = c.precision ?? 'float32';
  const scaling = c.lossScaling ?? 'none';
  return (
    <FieldGroup title="Precision" open={precision !== 'float32'}>
      <SelectField
        label="Number format" wide
        value={precision}
        testId="precision"
        disabled={disabled}
        options={PRECISIONS.map((p) => ({ value: p, label: PRECISION_LABELS[p] }))}
        onChange={(v) => set({ precision: v })}
        hint="Weights, activations and gradients are rounded to this format at every step; the arithmetic itself stays float32 (simulated, not hardware half precision)."
      />
      {precision !== 'float32' && (
        <>
          <SelectField label="Loss scaling" value={scaling} testId="loss-scaling" disabled={disabled} options={LOSS_SCALINGS} onChange={(v) => set({ lossScaling: v })} />
          {scaling !== 'none' && (
            <NumberField
              label={scaling === 'dynamic' ? 'Starting scale' : 'Scale'}
              value={c.lossScale ?? 1024}
              min={Number.MIN_VALUE}
              testId="loss-scale"
              disabled={disabled}
              onChange={(v) => v > 0 && set({ lossScale: v })}
            />
          )}
          <p className="hint wide">
            The loss of the float32 run of the same seed is computed next to it, on the same batches. Loss scaling multiplies the loss before the backward
            pass so small gradients are not flushed to zero; dynamic scaling halves the scale when a gradient overflows (that step is skipped) and doubles it
            after 100 good steps.
          </p>
        </>
      )}
    </FieldGroup>
  );
}
