import { expect, test, TrainPageObject } from './train-fixtures';

// The runs store against the browser's real IndexedDB, including the two failures a user can meet:
// a full quota in the middle of a run, and a browser that refuses IndexedDB altogether.

test('when storage fills up mid-run, the run continues in memory and earlier runs stay saved', async ({ train, page }) => {
  // From the moment the test sets window.__quotaFull, every IndexedDB write fails as a full disk does.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { __quotaFull?: boolean }).__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    } as IDBObjectStore['put'];
  });
  await train.open('epochs=2');
  await train.train();
  await train.waitUntilFinished();
  await expect(train.runRows()).toHaveCount(1);

  await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
  await train.open('epochs=4');
  await train.train();
  await expect(page.getByTestId('storage-problem')).toHaveAttribute('data-kind', 'quota');
  await expect(page.getByTestId('storage-problem')).toContainText('continues in memory');
  expect(await train.waitUntilFinished()).toBe('done');
  expect(await train.step()).toBe(4 * 9);
  // Both runs are listed (the second from memory), the second with every step.
  await expect(train.runRows()).toHaveCount(2);
  await expect(train.runRows().first()).toHaveAttribute('data-steps', String(4 * 9));

  // After a reload only what reached IndexedDB is left: the first run, whole.
  await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = false));
  await page.reload();
  await expect(train.runRows()).toHaveCount(1);
  await expect(train.runRows().first()).toHaveAttribute('data-steps', String(2 * 9));
  await expect(train.runRows().first()).toHaveAttribute('data-status', 'done');
});

test('a browser that refuses IndexedDB still trains, in memory, and says so', async ({ train, page }) => {
  await page.addInitScript(() => {
    // As some private modes do: opening a database fails.
    IDBFactory.prototype.open = function () {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    };
  });
  await train.open('epochs=2');
  await train.train();
  expect(await train.waitUntilFinished()).toBe('done');
  await expect(page.getByTestId('storage-problem')).toHaveAttribute('data-kind', 'unavailable');
  await expect(page.getByTestId('storage-problem')).toContainText('kept in memory');
  await expect(train.runRows()).toHaveCount(1);
  await expect(train.runRows().first()).toHaveAttribute('data-steps', String(2 * 9));
});

/** What the page under test logs: when each write of a run's metadata committed (and the steps it saved), and when the step readout changed. */
interface SaveLog {
  now: number;
  commits: [at: number, steps: number][];
  shown: [at: number, step: number][];
}

test('a crashed tab keeps the run, marked interrupted, with at most a second of training lost', async ({ train, page, context }) => {
  await page.addInitScript(() => {
    const log = { commits: [], shown: [] } as Omit<SaveLog, 'now'>;
    (window as unknown as { __saveLog: typeof log }).__saveLog = log;
    // Every chunk write also puts the run's metadata: its step count is what a crash would leave.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const value = args[0] as { stepCount?: unknown };
      if (this.name === 'runs' && typeof value.stepCount === 'number') {
        const steps = value.stepCount;
        this.transaction.addEventListener('complete', () => log.commits.push([performance.now(), steps]));
      }
      return put.apply(this, args);
    } as IDBObjectStore['put'];
    const watch = () => {
      const step = Number(document.querySelector('[data-testid="train-step"]')?.getAttribute('data-value') ?? 0);
      if (log.shown.at(-1)?.[1] !== step) log.shown.push([performance.now(), step]);
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  // The watch pace spreads these 999 steps over 20 s: about 50 a second, steady, and too few to fill a
  // chunk (CHUNK_STEPS) within a second, so the time-based writes alone keep the losses small.
  await train.open('epochs=111&backend=cpu&pace=watch');
  await train.train();
  await expect.poll(() => train.step(), { timeout: 60_000 }).toBeGreaterThan(300);
  const log = await page.evaluate(() => ({ ...(window as unknown as { __saveLog: SaveLog }).__saveLog, now: performance.now() }));
  // When the readout first showed step n (the first step for n = 0): a crash loses the training since then.
  const unsavedSince = (n: number) => log.shown.find(([, step]) => step >= Math.max(n, 1))?.[0] ?? Infinity;
  // Just before each write, a crash would have lost the training since the step the write before it saved.
  const lags = log.commits.slice(1).map(([at], i) => Math.max(0, at - unsavedSince(log.commits[i]![1])) / 1000);
  const lastCommitted = log.commits.at(-1)![1];

  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;

  const reopened = await context.newPage();
  const after = new TrainPageObject(reopened);
  await after.open();
  const row = after.runRows().first();
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  const saved = Number(await row.getAttribute('data-steps'));
  const [firstAt, firstStep] = log.shown.find(([, step]) => step > 0)!;
  const [lastAt, lastStep] = log.shown.at(-1)!;
  const rate = (lastStep - firstStep) / ((lastAt - firstAt) / 1000);
  const lostSeconds = Math.max(0, log.now - unsavedSince(saved)) / 1000;
  test.info().annotations.push({
    type: 'measured',
    description: `shown ${lastStep}, saved ${saved} (${lastStep - saved} steps, ${lostSeconds.toFixed(2)} s at ${rate.toFixed(0)} steps/s); at most ${Math.max(...lags).toFixed(2)} s unsaved over ${lags.length} writes`,
  });
  console.log(test.info().annotations.at(-1)!.description);
  expect(rate).toBeGreaterThan(20);
  // Everything that had been written survived the crash, and at no moment was more than a second unsaved.
  expect(saved).toBeGreaterThanOrEqual(lastCommitted);
  expect(lostSeconds).toBeLessThanOrEqual(1);
  expect(Math.max(...lags)).toBeLessThanOrEqual(1);
  // The records match the count: viewing the run shows it up to the last saved step.
  await row.getByTestId('run-view').click();
  await expect.poll(() => after.step()).toBe(saved);
});
