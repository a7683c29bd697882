import { useEffect, useRef } from 'react';
import { tileColour, type TileScale } from './tile-colours';

export interface TileCanvasProps {
  /** Each tile row-major, tileSide x tileSide. */
  tiles: readonly ArrayLike<number>[];
  tileSide: number;
  /** Tiles per canvas row. */
  perRow: number;
  /** Pixels per cell. */
  cell: number;
  gap?: number;
  scale: TileScale;
  /** The accessible name (the canvas is one image). */
  label: string;
  testId?: string;
}

/** Square tiles of values drawn as one canvas mosaic (a heatmap per tile, one colour scale). */
export function TileCanvas({ tiles, tileSide, perRow, cell, gap = 3, scale, label, testId }: TileCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cols = Math.min(perRow, Math.max(1, tiles.length));
  const rows = Math.ceil(tiles.length / cols);
  const tilePx = tileSide * cell;
  const width = cols * (tilePx + gap) - gap;
  const height = rows * (tilePx + gap) - gap;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    tiles.forEach((tile, t) => {
      const x0 = (t % cols) * (tilePx + gap);
      const y0 = Math.floor(t / cols) * (tilePx + gap);
      for (let i = 0; i < tileSide * tileSide; i++) {
        ctx.fillStyle = tileColour(tile[i]!, scale);
        ctx.fillRect(x0 + (i % tileSide) * cell, y0 + Math.floor(i / tileSide) * cell, cell, cell);
      }
      ctx.strokeStyle = '#c5ccd6';
      ctx.strokeRect(x0 + 0.5, y0 + 0.5, tilePx - 1, tilePx - 1);
    });
  }, [tiles, tileSide, cols, cell, gap, scale, tilePx, width, height]);
  return <canvas ref={ref} width={width} height={height} role="img" aria-label={label} data-testid={testId} data-tiles={tiles.length} className="tile-canvas" />;
}
