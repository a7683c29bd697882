import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DATASETS, SYNTHETIC_DATASETS } from '../src/core/data/catalog';

async function openDataPage(page: Page) {
  await page.goto('/#/data');
  await expect(page.getByTestId('nav-data')).toHaveAttribute('aria-current', 'page');
}

async function upload(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
}

test.describe('Data page', () => {
  test('a bundled dataset opens with its preview and inferred column types', async ({ page }) => {
    await openDataPage(page);
    await page.getByTestId('dataset-iris').click();
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '150');
    await expect(page.getByTestId('preview-columns')).toHaveAttribute('data-value', '5');
    await expect(page.getByTestId('column-target')).toHaveAttribute('data-kind', 'label');
    await expect(page.getByTestId('column-sepal_length_cm')).toHaveAttribute('data-kind', 'numeric');
    await expect(page.getByTestId('preview-table').locator('tbody tr')).toHaveCount(50);
  });

  test('at 1280x720 a picked dataset brings its summary and next step into view, and it stays chosen', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openDataPage(page);
    await page.getByTestId('dataset-wine').click();
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '178');
    await expect(page.getByTestId('preview-rows')).toBeInViewport();
    await expect(page.getByTestId('next-train')).toBeInViewport();
    await expect(page.getByTestId('dataset-wine')).toHaveAttribute('aria-pressed', 'true');
    // Coming back to the page shows the same preview where it is, from the top.
    await page.getByTestId('nav-train').click();
    await page.getByTestId('nav-data').click();
    await expect(page.getByTestId('welcome')).toBeInViewport();
  });

  for (const entry of [...BUNDLED_DATASETS, ...SYNTHETIC_DATASETS]) {
    test(`bundled ${entry.id} opens`, async ({ page }) => {
      await openDataPage(page);
      await page.getByTestId(`dataset-${entry.id}`).click();
      const rows = entry.kind === 'synthetic' ? entry.defaults.n : entry.rows;
      await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', String(rows));
      await expect(page.getByTestId('error')).toHaveCount(0);
    });
  }

  test('an uploaded file with missing values shows them per column', async ({ page }) => {
    await openDataPage(page);
    await upload(page, 'gaps.csv', 'a,b,c\n1,x,0\n,y,1\n3,,0\n4,x,NA\n');
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '4');
    await expect(page.getByTestId('column-a')).toHaveAttribute('data-missing', '1');
    await expect(page.getByTestId('column-b')).toHaveAttribute('data-missing', '1');
    await expect(page.getByTestId('column-c')).toHaveAttribute('data-missing', '1');
    await expect(page.getByTestId('preview-missing')).toHaveAttribute('data-value', '3');
  });

  test('a malformed CSV names its row, keeps the last good table, and the app survives a reload', async ({ page }) => {
    await openDataPage(page);
    await page.getByTestId('dataset-wine').click();
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '178');

    await upload(page, 'ragged.csv', 'x,y,label\n1,2,0\n3,4,1\n5,6\n7,8,1\n');
    const error = page.getByTestId('error');
    await expect(error).toContainText('ragged.csv');
    await expect(error).toContainText('row 4');
    await expect(error).toHaveAttribute('data-row', '4');
    // Nothing lost: the previous table is still on screen.
    await expect(page.getByTestId('preview')).toHaveAttribute('data-file', 'wine.csv');

    await page.reload();
    await page.getByTestId('dataset-iris').click();
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '150');
  });

  const badFiles: { name: string; content: string | Buffer; expect: RegExp }[] = [
    { name: 'empty.csv', content: '', expect: /empty/i },
    { name: 'quote.csv', content: 'a,b\n1,2\n3,"unterminated\n5,6\n', expect: /quot/i },
    { name: 'photo.csv', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]), expect: /not (a )?(CSV|text)|binary/i },
  ];
  test('a 5 MB cell is cut to an excerpt in the preview, the whole value on demand (issue 17)', async ({ page }) => {
    // Once rendered whole: 49 s and ~100 MB of page text for a 50 MB cell.
    await openDataPage(page);
    await upload(page, 'long-cell.csv', `id,note,label\n1,${'x'.repeat(5_000_000)},0\n2,short,1\n`);
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '2');
    const cut = page.getByTestId('preview-cell-cut');
    await expect(cut).toHaveCount(1);
    await expect(cut).toContainText('show all 5,000,000 characters');
    expect(await page.locator('main').evaluate((m) => m.textContent!.length)).toBeLessThan(50_000);
    await cut.getByRole('button').click();
    await expect(cut).toHaveCount(0);
    expect(await page.locator('main').evaluate((m) => m.textContent!.length)).toBeGreaterThan(5_000_000);
  });

  for (const bad of badFiles) {
    test(`bad input ${bad.name} gets one clear message`, async ({ page }) => {
      await openDataPage(page);
      await upload(page, bad.name, bad.content);
      const error = page.getByTestId('error');
      await expect(error).toHaveCount(1);
      await expect(error).toContainText(bad.name);
      await expect(error).toContainText(bad.expect);
      // The page keeps working after the error.
      await page.getByTestId('dataset-breast-cancer').click();
      await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '569');
      await expect(error).toHaveCount(0);
    });
  }
});
