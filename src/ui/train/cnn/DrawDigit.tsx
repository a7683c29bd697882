import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { tileColour } from './tile-colours';

const CELL = 28;

export interface DrawDigitProps {
  /** Raw intensities, row-major side x side. */
  raw: Float64Array;
  side: number;
  /** The intensity of a drawn cell (16 for the digits). */
  ink: number;
  onChange: (raw: Float64Array) => void;
}

/**
 * A side x side canvas to draw a digit on, scaled up. Mouse or touch: press on a cell to ink it (or
 * erase it, when it already has ink) and drag to go on doing the same. Keyboard: the arrow keys move a
 * cursor, Space or Enter toggles the cell under it; the cursor's cell is announced.
 */
export function DrawDigit({ raw, side, ink, onChange }: DrawDigitProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState(0);
  const [focused, setFocused] = useState(false);
  const stroke = useRef<{ value: number } | null>(null);
  const size = side * CELL;

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    for (let i = 0; i < side * side; i++) {
      ctx.fillStyle = tileColour(raw[i]!, { kind: 'ink', max: ink });
      ctx.fillRect((i % side) * CELL, Math.floor(i / side) * CELL, CELL, CELL);
    }
    ctx.strokeStyle = '#d5dae1';
    ctx.lineWidth = 1;
    for (let k = 0; k <= side; k++) {
      ctx.beginPath();
      ctx.moveTo(k * CELL + 0.5, 0);
      ctx.lineTo(k * CELL + 0.5, size);
      ctx.moveTo(0, k * CELL + 0.5);
      ctx.lineTo(size, k * CELL + 0.5);
      ctx.stroke();
    }
    if (focused) {
      ctx.strokeStyle = '#e07b00';
      ctx.lineWidth = 3;
      ctx.strokeRect((cursor % side) * CELL + 2, Math.floor(cursor / side) * CELL + 2, CELL - 4, CELL - 4);
    }
  }, [raw, side, ink, cursor, focused, size]);

  const set = (cell: number, value: number) => {
    if (raw[cell] === value) return;
    const next = raw.slice();
    next[cell] = value;
    onChange(next);
  };
  const cellAt = (e: PointerEvent<HTMLCanvasElement>): number | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - box.left) / box.width) * side);
    const y = Math.floor(((e.clientY - box.top) / box.height) * side);
    return x >= 0 && x < side && y >= 0 && y < side ? y * side + x : null;
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const cell = cellAt(e);
    if (cell === null) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    stroke.current = { value: raw[cell]! >= ink / 2 ? 0 : ink };
    setCursor(cell);
    set(cell, stroke.current.value);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const cell = stroke.current ? cellAt(e) : null;
    if (cell !== null && stroke.current) set(cell, stroke.current.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const x = cursor % side;
    const y = Math.floor(cursor / side);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const nx = Math.min(side - 1, Math.max(0, x + move[0]));
      const ny = Math.min(side - 1, Math.max(0, y + move[1]));
      setCursor(ny * side + nx);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      set(cursor, raw[cursor]! >= ink / 2 ? 0 : ink);
    }
  };
  const inked = raw.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  return (
    <div className="draw-digit-canvas">
      <canvas
        ref={ref}
        width={size}
        height={size}
        tabIndex={0}
        role="application"
        aria-label={`Digit drawing, ${side} by ${side} cells`}
        aria-describedby="draw-digit-help"
        data-testid="draw-digit-canvas"
        data-inked={inked}
        data-cursor={cursor}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (stroke.current = null)}
        onPointerCancel={() => (stroke.current = null)}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      <p id="draw-digit-help" className="hint">
        Press and drag to draw (on a drawn cell: to erase). Keyboard: arrow keys move, Space toggles the cell.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {focused ? `Row ${Math.floor(cursor / side) + 1}, column ${(cursor % side) + 1}: ${raw[cursor]! > 0 ? `ink ${raw[cursor]}` : 'blank'}.` : ''}
      </p>
    </div>
  );
}
