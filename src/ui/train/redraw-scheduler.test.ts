import { describe, expect, it } from 'vitest';
import { createRedrawScheduler, type SchedulerClock } from './redraw-scheduler';

/** A clock whose frames run only when the test says so. */
function fakeClock() {
  let t = 0;
  let pending: (() => void)[] = [];
  const clock: SchedulerClock = { now: () => t, requestFrame: (cb) => void pending.push(cb) };
  return {
    clock,
    async frame(advanceMs = 16) {
      t += advanceMs;
      const run = pending;
      pending = [];
      run.forEach((cb) => cb());
      await Promise.resolve();
      await Promise.resolve();
    },
    pending: () => pending.length,
  };
}

function chart(name: string, log: string[], visible = { on: true }) {
  return { draw: () => void log.push(name), visible: () => visible.on };
}

describe('createRedrawScheduler', () => {
  it('draws at most one chart per frame, round-robin', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(0, c.clock);
    const log: string[] = [];
    ['a', 'b', 'c'].forEach((n) => s.register(chart(n, log)));
    await c.frame();
    expect(log).toEqual(['a']);
    await c.frame();
    await c.frame();
    expect(log).toEqual(['a', 'b', 'c']);
    await c.frame();
    expect(log).toEqual(['a', 'b', 'c']); // nothing dirty
    s.invalidate();
    await c.frame();
    await c.frame();
    await c.frame();
    expect(log).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('coalesces many invalidations into one redraw per chart and respects the minimum interval', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(200, c.clock);
    const log: string[] = [];
    s.register(chart('a', log));
    await c.frame();
    for (let i = 0; i < 50; i++) s.invalidate();
    await c.frame(16);
    expect(log).toEqual(['a']); // 16 ms after the last draw: too soon
    await c.frame(200);
    expect(log).toEqual(['a', 'a']);
  });

  it('lets a costly chart redraw less often than the others', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(100, c.clock);
    const log: string[] = [];
    s.register(chart('cheap', log));
    s.register({ ...chart('costly', log), minIntervalMs: 500 });
    await c.frame();
    await c.frame();
    log.length = 0;
    for (let i = 0; i < 6; i++) {
      s.invalidate();
      await c.frame(50);
      await c.frame(50);
      await c.frame(50);
    }
    // 900 ms of frames: the cheap chart about every 100-150 ms, the costly one once after 500 ms.
    expect(log.filter((n) => n === 'costly')).toHaveLength(1);
    expect(log.filter((n) => n === 'cheap').length).toBeGreaterThanOrEqual(5);
  });

  it('skips hidden charts until they are visible and poked', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(0, c.clock);
    const log: string[] = [];
    const vis = { on: false };
    s.register(chart('hidden', log, vis));
    await c.frame();
    expect(log).toEqual([]);
    expect(c.pending()).toBe(0); // no busy loop for hidden charts
    vis.on = true;
    s.poke();
    await c.frame();
    expect(log).toEqual(['hidden']);
  });

  it('redraws only the charts drawn from the invalidated source', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(0, c.clock);
    const log: string[] = [];
    s.register({ ...chart('loss', log), tags: ['series'] });
    s.register({ ...chart('boundary', log), tags: ['boundary'] });
    s.register(chart('untagged', log));
    for (let i = 0; i < 3; i++) await c.frame();
    log.length = 0;
    s.invalidate('boundary');
    for (let i = 0; i < 3; i++) await c.frame();
    expect(log.sort()).toEqual(['boundary', 'untagged']);
  });

  it('stops drawing a chart once unregistered', async () => {
    const c = fakeClock();
    const s = createRedrawScheduler(0, c.clock);
    const log: string[] = [];
    const off = s.register(chart('a', log));
    off();
    await c.frame();
    expect(log).toEqual([]);
    expect(s.size).toBe(0);
  });
});
