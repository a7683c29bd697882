import { LOSS_SCALINGS, type TrainConfig } from '../../core/train/config';
import { PRECISIONS } from '../../core/train/low-precision';
import { FieldGroup, NumberField, SelectField } from './fields';

const PRECISION_LABELS: Record<(typeof PRECISIONS)[number], string> = {
  float32: 'float32 (32 bits)',
  float16: 'float16 (IEEE half: 5 exponent, 10 mantissa bits)',
  bfloat16: 'bfloat16 (8 exponent, 7 mantissa bits)',
};

/**
 * The set-up fields for how a run scales: number precision (16-bit training, simulated by rounding) and
 * loss scaling. Edits the config through `set`, like every other set-up field.
 */
export function ScalingFields({ config: c, set, disabled }: { config: TrainConfig; set: (patch: Partial<TrainConfig>) => void; disabled: boolean }) {
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
