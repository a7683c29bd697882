import type { ReactNode } from 'react';

/**
 * A scrolling box around a wide or long table. It is a focusable, named region so that a keyboard can
 * scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollBox({ label, className, style, children }: { label: string; className?: string; style?: React.CSSProperties; children: ReactNode }) {
  return (
    <div className={className ? `table-scroll ${className}` : 'table-scroll'} style={style} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
