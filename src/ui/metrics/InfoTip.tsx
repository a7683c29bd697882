import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A tooltip for a metric name: opens on hover and on keyboard focus, closes on Escape. Rendered in a
 * portal with fixed position so that a scrolling table never clips it.
 */
export function InfoTip({ label, children, className }: { label: ReactNode; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ left: number; top: number; above: boolean } | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    if (!open || !anchor.current) return;
    const r = anchor.current.getBoundingClientRect();
    const width = 340;
    const left = Math.max(8, Math.min(window.innerWidth - width - 8, r.left + r.width / 2 - width / 2));
    const above = r.bottom + 220 > window.innerHeight;
    setPos({ left, top: above ? r.top - 8 : r.bottom + 8, above });
  }, [open]);

  return (
    <span
      ref={anchor}
      className={`mp-tip-anchor ${className ?? ''}`}
      tabIndex={0}
      aria-describedby={open ? id : undefined}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      {label}
      {open && pos &&
        createPortal(
          <div
            role="tooltip"
            id={id}
            className={`mp-tooltip${pos.above ? ' above' : ''}`}
            style={{ left: pos.left, top: pos.top }}
          >
            {children}
          </div>,
          document.body,
        )}
    </span>
  );
}
