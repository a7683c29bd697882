import { useEffect, useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  integer?: boolean;
  hint?: string;
  testId?: string;
  disabled?: boolean;
}

/**
 * A labelled number input that keeps the user's text while typing, marks it invalid until it parses
 * within [min, max] (an integer if `integer`), and reports only valid numbers. `revertOnBlur` puts the
 * last valid value back when the field loses focus.
 */
export function NumberField(props: NumberFieldProps & { className?: string; revertOnBlur?: boolean }) {
  const { label, value, onChange, min, max, step = 'any', integer = false, hint, testId, disabled, className = 'field', revertOnBlur = true } = props;
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const parse = (t: string): number | null => {
    const n = Number(t);
    if (t.trim() === '' || !Number.isFinite(n)) return null;
    if (integer && !Number.isInteger(n)) return null;
    if (min !== undefined && n < min) return null;
    if (max !== undefined && n > max) return null;
    return n;
  };
  return (
    <label className={className} htmlFor={id} title={hint}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={parse(text) === null}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const n = parse(e.target.value);
          if (n !== null && n !== value) onChange(n);
        }}
        onBlur={revertOnBlur ? () => setText(String(value)) : undefined}
      />
    </label>
  );
}
