import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannel, type ChannelSpec, type PageWorker, type Reading } from './channel';

/** A toy protocol: `echo` answers its text, `slow` answers a number after progress, `note` is a notice. */
type ToWorker =
  | { type: 'echo'; id: number; text: string }
  | { type: 'slow'; id: number; steps: number }
  | { type: 'stop'; id: number }
  | { type: 'note'; text: string };
type FromWorker =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'echoed'; id: number; text: string; more?: boolean }
  | { type: 'counted'; id: number; n: number }
  | { type: 'extra'; id: number; extra: string }
  | { type: 'crashed'; id: number | null; message: string }
  | { type: 'news'; text: string };
interface Toy {
  toWorker: ToWorker;
  fromWorker: FromWorker;
  answers: { echo: string; slow: number };
  progress: number;
  event: string;
}

function read(m: FromWorker): Reading<Toy> {
  switch (m.type) {
    case 'progress': return { kind: 'progress', id: m.id, progress: m.fraction };
    case 'echoed': return { kind: 'answer', id: m.id, answer: m.text, more: m.more === true };
    case 'counted': return { kind: 'answer', id: m.id, answer: m.n };
    case 'extra': return { kind: 'event', id: m.id, event: m.extra };
    case 'crashed': return { kind: 'failed', id: m.id, error: new Error(`toy: ${m.message}`) };
    case 'news': return { kind: 'notice', message: m };
  }
}

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  received: ToWorker[] = [];
  terminate = vi.fn();
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ToWorker) {
    this.received.push(message);
  }
  answer(data: FromWorker) {
    this.onmessage?.({ data } as MessageEvent<FromWorker>);
  }
  fail(message: string) {
    this.onerror?.({ message } as ErrorEvent);
  }
}

/** The page side of the toy: echoes at once, counts `steps` with progress; `seen` lists what it got. */
function toyPage(seen: ToWorker[]): ChannelSpec<Toy>['onPage'] {
  return (post): PageWorker<Toy> => ({
    handle(m) {
      seen.push(m);
      if (m.type === 'echo') {
        if (m.text === 'throw') throw new Error('no echo today');
        post({ type: 'echoed', id: m.id, text: m.text });
      }
      if (m.type === 'slow') {
        for (let i = 1; i <= m.steps; i++) post({ type: 'progress', id: m.id, fraction: i / m.steps });
        post({ type: 'counted', id: m.id, n: m.steps });
      }
    },
  });
}

function toyChannel(extra: Partial<ChannelSpec<Toy>> = {}, seen: ToWorker[] = []) {
  return createChannel<Toy>({
    name: 'toy worker',
    create: () => new FakeWorker(),
    read,
    onPage: toyPage(seen),
    cancel: (id) => ({ type: 'stop', id }),
    ...extra,
  });
}

const last = (): FakeWorker => FakeWorker.made.at(-1)!;

describe('createChannel over a worker', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('starts the worker with the first message, gives each request its own id, and routes answers by id', async () => {
    const channel = toyChannel();
    expect(FakeWorker.made).toHaveLength(0);
    expect(channel.mode()).toBe('worker');
    const a = channel.request('echo', { text: 'a' });
    const b = channel.request('slow', { steps: 2 });
    const c = channel.request('echo', { text: 'c' });
    expect(FakeWorker.made).toHaveLength(1);
    expect(last().received).toEqual([{ type: 'echo', id: 1, text: 'a' }, { type: 'slow', id: 2, steps: 2 }, { type: 'echo', id: 3, text: 'c' }]);
    // Out of order, and an answer for nobody (ignored).
    last().answer({ type: 'echoed', id: 3, text: 'C' });
    last().answer({ type: 'echoed', id: 99, text: '?' });
    last().answer({ type: 'counted', id: 2, n: 2 });
    last().answer({ type: 'echoed', id: 1, text: 'A' });
    await expect(Promise.all([a, b, c])).resolves.toEqual(['A', 2, 'C']);
    // A second answer for a settled id changes nothing.
    last().answer({ type: 'echoed', id: 1, text: 'again' });
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('routes progress to its request, follow-up events while asked for, and notices to onNotice', async () => {
    const notices: FromWorker[] = [];
    const channel = toyChannel({ onNotice: (m) => notices.push(m) });
    const seen1: number[] = [];
    const seen2: number[] = [];
    const events: string[] = [];
    const one = channel.request('slow', { steps: 4 }, { onProgress: (f) => seen1.push(f) });
    const two = channel.request('echo', { text: 'x' }, { onProgress: (f) => seen2.push(f), onEvent: (e) => events.push(e) });
    const three = channel.request('echo', { text: 'y' });
    const w = last();
    w.answer({ type: 'progress', id: 1, fraction: 0.5 });
    w.answer({ type: 'progress', id: 2, fraction: 0.25 });
    w.answer({ type: 'news', text: 'hello' });
    w.answer({ type: 'progress', id: 1, fraction: 1 });
    w.answer({ type: 'counted', id: 1, n: 4 });
    w.answer({ type: 'echoed', id: 2, text: 'X', more: true });
    w.answer({ type: 'echoed', id: 3, text: 'Y', more: true });
    w.answer({ type: 'extra', id: 2, extra: 'details' });
    w.answer({ type: 'extra', id: 2, extra: 'too late' });
    w.answer({ type: 'extra', id: 3, extra: 'nobody listens' });
    await expect(Promise.all([one, two, three])).resolves.toEqual([4, 'X', 'Y']);
    expect(seen1).toEqual([0.5, 1]);
    expect(seen2).toEqual([0.25]);
    expect(events).toEqual(['details']);
    expect(notices).toEqual([{ type: 'news', text: 'hello' }]);
  });

  it('sends the cancel message when the signal aborts, only while the request is pending', async () => {
    const channel = toyChannel();
    const abort = new AbortController();
    const running = channel.request('slow', { steps: 1000 }, { signal: abort.signal });
    const w = last();
    abort.abort();
    expect(w.received.at(-1)).toEqual({ type: 'stop', id: 1 });
    // The worker decides how the cancelled request ends (here: a failure).
    w.answer({ type: 'crashed', id: 1, message: 'cancelled' });
    await expect(running).rejects.toThrow('toy: cancelled');

    const early = new AbortController();
    early.abort();
    const never = channel.request('slow', { steps: 5 }, { signal: early.signal });
    expect(w.received.slice(-2)).toEqual([{ type: 'slow', id: 2, steps: 5 }, { type: 'stop', id: 2 }]);
    w.answer({ type: 'counted', id: 2, n: 5 });
    await expect(never).resolves.toBe(5);

    const late = new AbortController();
    const done = channel.request('echo', { text: 'z' }, { signal: late.signal });
    w.answer({ type: 'echoed', id: 3, text: 'z' });
    await done;
    const count = w.received.length;
    late.abort();
    expect(w.received).toHaveLength(count);
  });

  it('a crash after the first answer rejects every pending call with a clear message; answered calls are only forgotten', async () => {
    const onCrash = vi.fn();
    const channel = toyChannel({ onCrash });
    const events: string[] = [];
    const answered = channel.request('echo', { text: 'a' }, { onEvent: (e) => events.push(e) });
    const a = channel.request('slow', { steps: 3 });
    const b = channel.request('echo', { text: 'b' });
    const w = last();
    w.answer({ type: 'echoed', id: 1, text: 'A', more: true });
    await expect(answered).resolves.toBe('A');
    w.fail('out of memory');
    await expect(a).rejects.toThrow('the toy worker failed: out of memory');
    await expect(b).rejects.toThrow('the toy worker failed: out of memory');
    expect(onCrash).toHaveBeenCalledWith('out of memory');
    expect(w.terminate).not.toHaveBeenCalled();
    w.answer({ type: 'extra', id: 1, extra: 'after the crash' });
    expect(events).toEqual([]);
    // The worker lives on: later requests still go to it.
    const c = channel.request('echo', { text: 'c' });
    w.answer({ type: 'echoed', id: 4, text: 'C' });
    await expect(c).resolves.toBe('C');
    // A message that cannot be read, and a failure outside any request, reject everything pending too.
    const d = channel.request('echo', { text: 'd' });
    w.onmessageerror?.({} as MessageEvent);
    await expect(d).rejects.toThrow('the toy worker failed: a message from the worker could not be read');
    const e = channel.request('echo', { text: 'e' });
    const f = channel.request('echo', { text: 'f' });
    w.answer({ type: 'crashed', id: null, message: 'no search' });
    await expect(e).rejects.toThrow('toy: no search');
    await expect(f).rejects.toThrow('toy: no search');
  });

  it('close terminates the worker and rejects what is pending; the next request starts a new worker', async () => {
    const channel = toyChannel();
    const a = channel.request('echo', { text: 'a' });
    const first = last();
    first.answer({ type: 'progress', id: 1, fraction: 0.1 });
    channel.close(() => new Error('closed by the test'));
    await expect(a).rejects.toThrow('closed by the test');
    expect(first.terminate).toHaveBeenCalled();
    const b = channel.request('echo', { text: 'b' });
    expect(FakeWorker.made).toHaveLength(2);
    expect(last().received).toEqual([{ type: 'echo', id: 2, text: 'b' }]);
    last().answer({ type: 'echoed', id: 2, text: 'B' });
    await expect(b).resolves.toBe('B');
  });

  it('redoes on the page, in order, everything sent to a worker that failed before saying anything', async () => {
    const seen: ToWorker[] = [];
    const channel = toyChannel({}, seen);
    channel.notify({ type: 'note', text: 'first' });
    const a = channel.request('echo', { text: 'a' });
    const b = channel.request('slow', { steps: 2 });
    const w = last();
    w.fail('module workers unsupported');
    expect(w.terminate).toHaveBeenCalled();
    expect(channel.mode()).toBe('main-thread');
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 2]);
    expect(seen).toEqual([{ type: 'note', text: 'first' }, { type: 'echo', id: 1, text: 'a' }, { type: 'slow', id: 2, steps: 2 }]);
    // From now on, everything runs on the page.
    await expect(channel.request('echo', { text: 'c' })).resolves.toBe('c');
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('uses an injected worker double even where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined);
    const double = new FakeWorker();
    const channel = toyChannel({ create: () => double, injected: true });
    expect(channel.mode()).toBe('worker');
    const a = channel.request('echo', { text: 'a' });
    double.answer({ type: 'echoed', id: 1, text: 'A' });
    await expect(a).resolves.toBe('A');
  });
});

describe('createChannel on the page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs on the page where there is no Worker, answering on a later task, in order', async () => {
    vi.stubGlobal('Worker', undefined);
    const seen: ToWorker[] = [];
    const channel = toyChannel({}, seen);
    expect(channel.mode()).toBe('main-thread');
    const progress: number[] = [];
    let answered = false;
    const p = channel.request('slow', { steps: 3 }, { onProgress: (f) => progress.push(f) }).then((n) => {
      answered = true;
      return n;
    });
    await Promise.resolve();
    // Asynchronous, as from a worker: nothing arrives within the same task.
    expect(progress).toEqual([]);
    expect(answered).toBe(false);
    await expect(p).resolves.toBe(3);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('rejects a request whose page handler throws, and forceMainThread needs no Worker check', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const channel = toyChannel({ forceMainThread: true });
    expect(channel.mode()).toBe('main-thread');
    await expect(channel.request('echo', { text: 'throw' })).rejects.toThrow('the toy worker (on the page) failed: no echo today');
    await expect(channel.request('echo', { text: 'fine' })).resolves.toBe('fine');
  });

  it('close stops the page work and rejects what is pending', async () => {
    vi.stubGlobal('Worker', undefined);
    const close = vi.fn();
    const channel = toyChannel({ onPage: () => ({ handle: () => undefined, close }) });
    const a = channel.request('echo', { text: 'never answered' });
    channel.close(() => new Error('disposed'));
    await expect(a).rejects.toThrow('disposed');
    expect(close).toHaveBeenCalledTimes(1);
  });
});
