import { describe, expect, it } from 'vitest';
import { statusLabel } from './status-label';

describe('the Train header status', () => {
  it('a run stopped by hand reads "stopped", as in the run list; other finished runs "done"', () => {
    expect(statusLabel('done', 'stopped')).toBe('stopped');
    expect(statusLabel('done', 'completed')).toBe('done');
    expect(statusLabel('done', 'early-stopped')).toBe('done');
    expect(statusLabel('done', undefined)).toBe('done');
    expect(statusLabel('running', 'stopped')).toBe('running');
    expect(statusLabel('failed', 'diverged')).toBe('failed');
  });
});
