/** A labelled progress bar; `value` is a fraction in [0, 1], or null when the total is unknown. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  return (
    <div className="progress" data-testid="progress">
      <progress max={1} value={value ?? undefined} aria-label={label} />
      <span>
        {label}
        {value !== null ? ` ${Math.round(value * 100)}%` : ''}
      </span>
    </div>
  );
}
