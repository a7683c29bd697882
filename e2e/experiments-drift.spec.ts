import { expect, test } from '@playwright/test';

async function featureRow(page: import('@playwright/test').Page, name: string) {
  const row = page.getByTestId(`drift-feature-${name}`);
  return {
    psi: Number(await row.getAttribute('data-psi')),
    ksP: await row.getAttribute('data-ks-p'),
    chi2P: await row.getAttribute('data-chi2-p'),
    drifted: await row.getAttribute('data-drifted'),
    kind: await row.getAttribute('data-kind'),
  };
}

test.describe('Experiments: drift check', () => {
  test('the shifted example flags BMI and s5, and the model scores worse on the current half', async ({ page }) => {
    await page.goto('/#/experiments?tab=drift');
    await page.getByTestId('drift-example-diabetes-shifted').click();
    const verdict = page.getByTestId('drift-verdict');
    await expect(verdict).toHaveAttribute('data-drift', 'true', { timeout: 60_000 });
    await expect(verdict).toContainText('bmi');
    await expect(page.getByTestId('drift-rule')).toContainText('PSI > 0.25');

    const bmi = await featureRow(page, 'bmi');
    expect(bmi.psi).toBeGreaterThan(0.25);
    expect(Number(bmi.ksP)).toBeLessThan(1e-6);
    // A doubled spread: PSI sees it, the KS test barely does.
    const s5 = await featureRow(page, 's5_ltg');
    expect(s5.drifted).toBe('true');
    expect(s5.psi).toBeGreaterThan(0.25);
    expect(Number(s5.ksP)).toBeGreaterThan(0.001);
    const age = await featureRow(page, 'age');
    expect(age.drifted).toBe('false');
    // sex is coded 1/2: compared as a category.
    const sex = await featureRow(page, 'sex');
    expect(sex.kind).toBe('categorical');
    expect(Number(sex.chi2P)).toBeGreaterThan(0.01);
    await expect(page.getByTestId('drift-histogram-bmi')).toHaveAttribute('data-ready', 'true');

    await page.getByTestId('drift-model-train').click();
    const metric = page.getByTestId('drift-model-metric');
    await expect(metric).toHaveAttribute('data-metric', 'r2', { timeout: 60_000 });
    const reference = Number(await metric.getAttribute('data-reference'));
    const current = Number(await metric.getAttribute('data-current'));
    expect(current).toBeLessThan(reference - 0.1);
    await expect(metric).toContainText('consider retraining');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drift-export-json').click()]);
    const report = JSON.parse(Buffer.concat(await (await json.createReadStream()).toArray()).toString('utf8'));
    expect(report.report.driftedFeatures.sort()).toEqual(['bmi', 's5_ltg']);
    expect(report.model.current.metrics.r2).toBeCloseTo(current, 12);

    await page.reload();
    await page.getByTestId('saved-drift-item').first().locator('.xp-saved-open').click();
    await expect(page.getByTestId('drift-verdict')).toHaveAttribute('data-drift', 'true');
  });

  test('two random halves of the same data show no drift', async ({ page }) => {
    await page.goto('/#/experiments?tab=drift');
    await page.getByTestId('drift-example-diabetes-unshifted').click();
    await expect(page.getByTestId('drift-verdict')).toHaveAttribute('data-drift', 'false', { timeout: 60_000 });
    const drifted = await page.locator('[data-testid^="drift-feature-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-drifted')));
    expect(drifted).toHaveLength(10);
    expect(drifted.every((d) => d === 'false')).toBe(true);
  });

  test('two uploaded files: a shifted number and a changed category mix', async ({ page }) => {
    const reference = ['x,colour,y', ...Array.from({ length: 300 }, (_, i) => `${(i * 7919) % 300 / 30},${['red', 'green', 'blue'][i % 3]},${i % 2}`)].join('\n');
    const current = ['x,colour,y,z', ...Array.from({ length: 300 }, (_, i) => `${3 + ((i * 7919) % 300) / 30},${i % 5 === 0 ? 'green' : 'red'},${i % 2},1`)].join('\n');
    await page.goto('/#/experiments?tab=drift');
    await page.getByTestId('drift-reference-input').setInputFiles({ name: 'reference.csv', mimeType: 'text/csv', buffer: Buffer.from(reference) });
    await page.getByTestId('drift-current-input').setInputFiles({ name: 'current.csv', mimeType: 'text/csv', buffer: Buffer.from(current) });
    await expect(page.getByTestId('drift-verdict')).toHaveAttribute('data-drift', 'true', { timeout: 60_000 });
    // y is taken as the target and left out; z exists only in the current file.
    await expect(page.getByTestId('drift-target')).toHaveValue('y');
    await expect(page.getByText('Only in current.csv: z')).toBeVisible();
    const x = await featureRow(page, 'x');
    expect(x.kind).toBe('numeric');
    expect(x.psi).toBeGreaterThan(0.25);
    expect(Number(x.ksP)).toBeLessThan(1e-10);
    const colour = await featureRow(page, 'colour');
    expect(colour.kind).toBe('categorical');
    expect(Number(colour.chi2P)).toBeLessThan(1e-10);
    await expect(page.getByTestId('drift-feature-y')).toHaveCount(0);
    // Each zone names its loaded file; the browser's own "Choose File / No file chosen" control is not drawn.
    await expect(page.getByTestId('drift-reference-name')).toHaveText(/reference\.csv/);
    await expect(page.getByTestId('drift-current-name')).toHaveText(/current\.csv/);
    for (const id of ['drift-reference-input', 'drift-current-input']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box?.width ?? 0, id).toBeLessThanOrEqual(1);
    }
    // Still a real input for the keyboard: Tab reaches it and the zone shows the focus.
    await page.getByTestId('drift-reference-input').focus();
    await expect(page.locator('.dropzone:focus-within')).toHaveCount(1);
  });
});
