import { expect, test } from './train-fixtures';

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
