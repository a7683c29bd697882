import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWorker } from './start-worker';

class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminate = vi.fn();
  answer(data: unknown) { this.onmessage?.({ data } as MessageEvent); }
  fail(message: string) { this.onerror?.({ message } as ErrorEvent); }
}

describe('startWorker', () => {
  afterEach(() => vi.unstubAllGlobals());
  const handlers = () => ({ onMessage: vi.fn(), onNeverStarted: vi.fn(), onCrash: vi.fn() });

  it('is null where Workers do not exist, or cannot be created', () => {
    vi.stubGlobal('Worker', undefined);
    expect(startWorker(() => { throw new Error('unreachable'); }, handlers())).toBeNull();
    vi.stubGlobal('Worker', FakeWorker);
    expect(startWorker(() => { throw new Error('blocked'); }, handlers())).toBeNull();
  });

  it('a failure before the first answer means: never started, run on the page', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const h = handlers();
    const w = new FakeWorker();
    expect(startWorker(() => w as unknown as Worker, h)).toBe(w);
    w.fail('module workers unsupported');
    expect(w.terminate).toHaveBeenCalled();
    expect(h.onNeverStarted).toHaveBeenCalledTimes(1);
    expect(h.onCrash).not.toHaveBeenCalled();
  });

  it('a failure after an answer is a crash', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const h = handlers();
    const w = new FakeWorker();
    startWorker(() => w as unknown as Worker, h);
    w.answer({ id: 1 });
    expect(h.onMessage).toHaveBeenCalledWith({ id: 1 });
    w.fail('out of memory');
    expect(h.onCrash).toHaveBeenCalledWith('out of memory');
    expect(h.onNeverStarted).not.toHaveBeenCalled();
    expect(w.terminate).not.toHaveBeenCalled();
  });
});
