import { memo, useEffect, useState } from 'react';
import { findBundledEntry, findSyntheticEntry } from '../../core/data/catalog';
import { ACTIVATION_NAMES } from '../../core/train/activations';
import type { TrainConfig } from '../../core/train/config';
import { INIT_NAMES, MODEL_KINDS } from '../../core/train/model';
import { estimateModelSize, modelSizeProblem } from '../../core/train/model-limits';
import { OPTIMIZER_NAMES } from '../../core/train/optimizers';
import { SCHEDULE_NAMES } from '../../core/train/schedules';
import { FileDrop } from '../components/FileDrop';
import type { BackendStatus, UploadSummary } from '../../store/train-types';
import { CheckField, FieldGroup, NumberField, SelectField, SliderField } from './fields';
import { ScalingFields } from './ScalingFields';
import { BACKEND_CHOICES, datasetChoiceFor, TRAINABLE_BUNDLED, TRAINABLE_SYNTHETIC, type BackendChoice, type TrainSettings } from '../../core/train/settings';

const MODEL_LABELS: Record<(typeof MODEL_KINDS)[number], string> = {
  linear: 'linear regression',
  logistic: 'logistic regression',
  softmax: 'softmax regression',
  mlp: 'MLP (dense layers)',
  cnn: 'small CNN (8x8 images)',
};

const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'auto (fastest available)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript (cpu)',
};

function parseHidden(text: string): number[] | null {
  if (text.trim() === '') return [];
  const parts = text.split(/[,\s]+/).filter(Boolean).map(Number);
  return parts.every((n) => Number.isInteger(n) && n >= 1 && n <= 4096) ? parts : null;
}

function HiddenField({ value, onChange, disabled }: { value: number[]; onChange: (v: number[]) => void; disabled: boolean }) {
  const [text, setText] = useState(value.join(', '));
  useEffect(() => setText(value.join(', ')), [value]);
  const parsed = parseHidden(text);
  return (
    <label className="field wide" title="Units of each hidden layer, comma-separated; empty for none.">
      <span>Hidden layers (units)</span>
      <input
        type="text"
        value={text}
        disabled={disabled}
        aria-invalid={parsed === null}
        data-testid="hidden-layers"
        onChange={(e) => {
          setText(e.target.value);
          const p = parseHidden(e.target.value);
          if (p) onChange(p);
        }}
        onBlur={() => setText(value.join(', '))}
      />
    </label>
  );
}

/**
 * The model-size limit as the layers are typed, before anything is allocated: counted with one input and
 * one output (the data's widths come with it), so what is refused here is refused with the data too.
 */
function ModelSizeNote({ config }: { config: TrainConfig }) {
  const problem = modelSizeProblem(estimateModelSize(config.model, config.hidden, 1, 1, config.batchSize));
  if (!problem) return null;
  return (
    <p className="warning wide" role="alert" data-testid="model-size-problem">
      {problem.charAt(0).toUpperCase() + problem.slice(1)}
    </p>
  );
}

/**
 * Everything a run needs, as plain settings: data, preprocessing, model, optimiser, schedule, budget,
 * seed, backend. Every control edits `settings` through `onChange`; nothing here trains.
 */
// eslint-disable-next-line max-lines-per-function -- one form of plain controls, each a line or two editing `settings`; splitting it would only pass `settings` and `onChange` around
export const SetupPanel = memo(function SetupPanel(props: {
  settings: TrainSettings;
  onChange: (s: TrainSettings) => void;
  disabled: boolean;
  upload: UploadSummary | null;
  onUpload: (file: File) => void;
  backend: BackendStatus | null;
}) {
  const { settings, onChange, disabled, upload, backend } = props;
  const c = settings.config;
  const set = (patch: Partial<TrainConfig>) => onChange({ ...settings, config: { ...c, ...patch } });
  const setOpt = (patch: Partial<TrainConfig['optimizer']>) => set({ optimizer: { ...c.optimizer, ...patch } });
  const setSched = (patch: Partial<TrainConfig['schedule']>) => set({ schedule: { ...c.schedule, ...patch } });
  const d = settings.dataset;
  const source = d.source;
  const synthetic = d.source === 'synthetic' ? findSyntheticEntry(d.id) : undefined;
  const bundled = d.source === 'bundled' ? findBundledEntry(d.id) : undefined;
  const opt = c.optimizer.name;

  return (
    <section className="panel setup" aria-label="Set-up">
      <h2>Set-up</h2>
      <fieldset className="source-tabs" disabled={disabled}>
        <legend className="visually-hidden">Data source</legend>
        {(['synthetic', 'bundled', 'upload'] as const).map((s) => (
          <label key={s} className={source === s ? 'active' : ''}>
            <input
              type="radio"
              name="data-source"
              value={s}
              checked={source === s}
              data-testid={`source-${s}`}
              onChange={() => {
                if (s === 'synthetic') onChange({ ...settings, dataset: datasetChoiceFor('two-moons')! });
                else if (s === 'bundled') onChange({ ...settings, dataset: datasetChoiceFor(TRAINABLE_BUNDLED[0]!.id)! });
                else onChange({ ...settings, dataset: { source: 'upload', fileName: upload?.fileName ?? '', target: upload?.header[upload.header.length - 1] ?? '' } });
              }}
            />
            {s === 'synthetic' ? '2-D synthetic' : s === 'bundled' ? 'Bundled dataset' : 'Your CSV'}
          </label>
        ))}
      </fieldset>

      <FieldGroup title="Data">
        {d.source === 'synthetic' && (
          <>
            <SelectField
              label="Generator" wide
              value={d.id}
              testId="dataset"
              disabled={disabled}
              options={TRAINABLE_SYNTHETIC.map((e) => ({ value: e.id, label: e.title }))}
              onChange={(id) => onChange({ ...settings, dataset: datasetChoiceFor(id)! })}
            />
            {synthetic?.params
              .filter((p) => p.key !== 'seed')
              .map((p) => (
                <SliderField
                  key={p.key}
                  label={p.label}
                  min={p.min}
                  max={p.key === 'n' ? 2000 : p.max}
                  step={p.step}
                  value={d.params[p.key] as number}
                  disabled={disabled}
                  testId={`data-${p.key}`}
                  onChange={(v) => onChange({ ...settings, dataset: { ...d, params: { ...d.params, [p.key]: v } } })}
                />
              ))}
            <NumberField
              label="Data seed"
              integer
              value={d.params.seed}
              disabled={disabled}
              onChange={(v) => onChange({ ...settings, dataset: { ...d, params: { ...d.params, seed: v } } })}
            />
            <p className="hint wide">{synthetic?.description}</p>
          </>
        )}
        {d.source === 'bundled' && (
          <>
            <SelectField
              label="Dataset" wide
              value={d.id}
              testId="dataset"
              disabled={disabled}
              options={TRAINABLE_BUNDLED.map((e) => ({ value: e.id, label: `${e.title} (${e.rows} rows)` }))}
              onChange={(id) => onChange({ ...settings, dataset: datasetChoiceFor(id)! })}
            />
            <p className="hint wide">{bundled?.description}</p>
          </>
        )}
        {d.source === 'upload' && (
          <>
            <div className="wide">
              <FileDrop what="a CSV file" testId="train-csv-input" disabled={disabled} loaded={upload?.fileName} onFiles={(files) => files[0] && props.onUpload(files[0])} />
            </div>
            {upload ? (
              <>
                <p className="hint wide" data-testid="upload-summary">
                  {upload.fileName}: {upload.rows} rows, {upload.header.length} columns.
                </p>
                {upload.warnings.map((w) => (
                  <p key={w} className="hint wide" data-testid="upload-warning">{w}</p>
                ))}
                <SelectField
                  label="Target column" wide
                  value={d.target}
                  testId="target-column"
                  disabled={disabled}
                  options={upload.header}
                  onChange={(target) => onChange({ ...settings, dataset: { ...d, fileName: upload.fileName, target } })}
                />
              </>
            ) : (
              <p className="hint wide">{d.fileName ? `This link trained on ${d.fileName} (target ${d.target}); open that file again.` : 'Every other column is a feature.'}</p>
            )}
          </>
        )}
      </FieldGroup>

      <FieldGroup title="Preprocessing" open={false}>
        <CheckField label="Standardise features" checked={c.standardize} disabled={disabled} onChange={(v) => set({ standardize: v })} hint="Subtract the training mean, divide by the training std." />
        <CheckField label="Standardise target (regression)" checked={c.standardizeTarget} disabled={disabled} onChange={(v) => set({ standardizeTarget: v })} />
        <SelectField label="Fill missing with" value={c.impute} disabled={disabled} options={['mean', 'median', 'most_frequent'] as const} onChange={(v) => set({ impute: v })} />
        <CheckField label="Missing-value indicators" checked={c.missingIndicators} disabled={disabled} onChange={(v) => set({ missingIndicators: v })} />
        <CheckField label="Balanced class weights" checked={c.classWeights} disabled={disabled} onChange={(v) => set({ classWeights: v })} />
        <NumberField label="Validation fraction" value={c.validationFraction} min={0} max={0.9} step={0.05} disabled={disabled} onChange={(v) => set({ validationFraction: v })} />
        <NumberField label="Test fraction" value={c.testFraction} min={0} max={0.9} step={0.05} disabled={disabled} onChange={(v) => set({ testFraction: v })} />
      </FieldGroup>

      <FieldGroup title="Model">
        <SelectField label="Type" wide value={c.model} testId="model-kind" disabled={disabled} options={MODEL_KINDS.map((k) => ({ value: k, label: MODEL_LABELS[k] }))} onChange={(v) => set({ model: v })} />
        {(c.model === 'mlp' || c.model === 'cnn') && (
          <>
            <HiddenField value={c.hidden} disabled={disabled} onChange={(v) => set({ hidden: v })} />
            <ModelSizeNote config={c} />
            <SelectField label="Activation" value={c.activation} testId="activation" disabled={disabled} options={ACTIVATION_NAMES} onChange={(v) => set({ activation: v })} />
            <NumberField label="Dropout" value={c.dropout} min={0} max={0.95} step={0.05} disabled={disabled} onChange={(v) => set({ dropout: v })} />
          </>
        )}
        <SelectField label="Initialisation" value={c.init} disabled={disabled} options={INIT_NAMES} onChange={(v) => set({ init: v })} />
        <NumberField label="L1" value={c.l1} min={0} step={1e-4} disabled={disabled} onChange={(v) => set({ l1: v })} />
        <NumberField label="L2" value={c.l2} min={0} step={1e-4} disabled={disabled} onChange={(v) => set({ l2: v })} />
      </FieldGroup>

      <FieldGroup title="Optimiser">
        <SelectField label="Optimiser" value={opt} testId="optimizer" disabled={disabled} options={OPTIMIZER_NAMES} onChange={(v) => setOpt({ name: v })} />
        <NumberField label="Learning rate" value={c.lr} min={0} testId="learning-rate" disabled={disabled} onChange={(v) => set({ lr: v })} />
        {(opt === 'momentum' || opt === 'nesterov') && <NumberField label="Momentum" value={c.optimizer.momentum} min={0} max={0.999} step={0.01} disabled={disabled} onChange={(v) => setOpt({ momentum: v })} />}
        {(opt === 'adam' || opt === 'adamw') && (
          <>
            <NumberField label="β1" value={c.optimizer.beta1} min={0} max={0.9999} step={0.01} disabled={disabled} onChange={(v) => setOpt({ beta1: v })} />
            <NumberField label="β2" value={c.optimizer.beta2} min={0} max={0.99999} step={0.001} disabled={disabled} onChange={(v) => setOpt({ beta2: v })} />
          </>
        )}
        {opt === 'rmsprop' && <NumberField label="ρ" value={c.optimizer.rho} min={0} max={0.9999} step={0.01} disabled={disabled} onChange={(v) => setOpt({ rho: v })} />}
        {(opt === 'adam' || opt === 'adamw' || opt === 'rmsprop' || opt === 'adagrad') && (
          <NumberField label="ε" value={c.optimizer.epsilon} min={0} disabled={disabled} onChange={(v) => v > 0 && setOpt({ epsilon: v })} />
        )}
        {opt === 'adamw' && <NumberField label="Weight decay" value={c.optimizer.weightDecay} min={0} step={0.001} disabled={disabled} onChange={(v) => setOpt({ weightDecay: v })} />}
        <CheckField label="Clip gradient norm" checked={c.clipNorm !== null} disabled={disabled} onChange={(v) => set({ clipNorm: v ? 1 : null })} />
        {c.clipNorm !== null && <NumberField label="Max norm" value={c.clipNorm} min={1e-6} disabled={disabled} onChange={(v) => v > 0 && set({ clipNorm: v })} />}
        <SelectField label="Schedule" value={c.schedule.name} disabled={disabled} options={SCHEDULE_NAMES} onChange={(v) => setSched({ name: v })} />
        {c.schedule.name === 'step' && (
          <>
            <NumberField label="Every (steps, 0 = a third)" integer value={c.schedule.stepSize} min={0} disabled={disabled} onChange={(v) => setSched({ stepSize: v })} />
            <NumberField label="Factor γ" value={c.schedule.gamma} min={0} max={1} step={0.05} disabled={disabled} onChange={(v) => setSched({ gamma: v })} />
          </>
        )}
        {c.schedule.name === 'cosine' && <NumberField label="Floor (fraction of lr)" value={c.schedule.minLrFraction} min={0} max={1} step={0.05} disabled={disabled} onChange={(v) => setSched({ minLrFraction: v })} />}
        {c.schedule.name === 'warmup' && <NumberField label="Warm-up steps (0 = a tenth)" integer value={c.schedule.warmupSteps} min={0} disabled={disabled} onChange={(v) => setSched({ warmupSteps: v })} />}
      </FieldGroup>

      <FieldGroup title="Training">
        <SelectField
          label="Budget in"
          value={c.steps !== null ? 'steps' : 'epochs'}
          disabled={disabled}
          options={['epochs', 'steps'] as const}
          onChange={(v) => set(v === 'steps' ? { steps: 500, epochs: null } : { epochs: 20, steps: null })}
        />
        {c.steps !== null ? (
          <NumberField label="Steps" integer value={c.steps} min={1} testId="steps" disabled={disabled} onChange={(v) => set({ steps: v })} />
        ) : (
          <NumberField label="Epochs" integer value={c.epochs ?? 1} min={1} testId="epochs" disabled={disabled} onChange={(v) => set({ epochs: v })} />
        )}
        <NumberField label="Batch size" integer value={c.batchSize} min={1} testId="batch-size" disabled={disabled} onChange={(v) => set({ batchSize: v })} />
        <NumberField label="Seed" integer value={c.seed} testId="seed" disabled={disabled} onChange={(v) => set({ seed: v })} hint="Fixes initialisation, shuffling, dropout and the split." />
        <CheckField label="Early stopping" checked={c.patience !== null} disabled={disabled} onChange={(v) => set({ patience: v ? 5 : null })} />
        {c.patience !== null && <NumberField label="Patience (epochs)" integer value={c.patience} min={1} disabled={disabled} onChange={(v) => set({ patience: v })} />}
        <NumberField label="Details every (steps)" integer value={c.detailsEvery} min={1} disabled={disabled} onChange={(v) => set({ detailsEvery: v })} hint="Activation statistics and histograms are collected every K steps." />
        <CheckField label="Evaluate with dropout on (a classic mistake)" checked={c.evalTrainingMode} disabled={disabled} onChange={(v) => set({ evalTrainingMode: v })} />
      </FieldGroup>

      <ScalingFields config={c} set={set} disabled={disabled} />

      <FieldGroup title="Backend">
        <SelectField
          label="Run on" wide
          value={settings.backend}
          testId="backend-choice"
          disabled={disabled}
          options={BACKEND_CHOICES.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))}
          onChange={(v) => onChange({ ...settings, backend: v })}
        />
        {backend && (
          <div className="wide backend-note">
            <p>
              In use: <strong>{backend.name}</strong> — {backend.reason}
            </p>
            {backend.skipped.length > 0 && (
              <ul>
                {backend.skipped.map((s) => (
                  <li key={s.name}>
                    {s.name}: {s.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </FieldGroup>
    </section>
  );
});
