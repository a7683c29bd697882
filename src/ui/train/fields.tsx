import { useId, type ReactNode } from 'react';

export { NumberField } from '../components/NumberField';

/** A labelled select over string options (plain values or value/label pairs). */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (T | { value: T; label: string })[];
  onChange: (v: T) => void;
  hint?: string;
  testId?: string;
  disabled?: boolean;
  /** Spans both columns of the set-up grid (long option labels). */
  wide?: boolean;
}) {
  const id = useId();
  return (
    <label className={`field${props.wide ? ' wide' : ''}`} htmlFor={id} title={props.hint}>
      <span>{props.label}</span>
      <select id={id} value={props.value} disabled={props.disabled} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => {
          const opt = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; testId?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <label className="field check" htmlFor={id} title={props.hint}>
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

/** A slider with its value shown, for synthetic-data parameters. */
export function SliderField(props: { label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; testId?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <label className="field slider" htmlFor={id}>
      <span>
        {props.label} <output htmlFor={id}>{props.value}</output>
      </span>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}

/** A collapsible group of fields. */
export function FieldGroup({ title, children, open = true }: { title: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="field-group" open={open}>
      <summary>{title}</summary>
      <div className="field-grid">{children}</div>
    </details>
  );
}
