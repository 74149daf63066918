// Importing trainees from a CSV file: a file with a bad value is refused
// whole, with the row, column and reason shown; the fixed file is previewed,
// confirmed, and its trainees are listed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { useKizuna } from './harness.mjs';

const HEADER = 'family_name,given_name,gender,nationality,birth_date,edition_key,status';
// Iceland: few trainees in the demo, so the filtered list fits on one page.
const GOOD = 'Thorvaldsdottir,Sigrun,female,IS,1975-04-12,gmrdp/fy2007,accepted';
const BAD = 'Eriksson,Gunnar,male,ZZ,1972-08-30,gmrdp/fy2007,accepted';
const FIXED = 'Eriksson,Gunnar,male,IS,1972-08-30,gmrdp/fy2007,accepted';

describe('import trainees', () => {
  const k = useKizuna('03 import');
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-e2e-import-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const badFile = join(dir, 'trainees-bad.csv');
  const fixedFile = join(dir, 'trainees-fixed.csv');
  writeFileSync(badFile, `${HEADER}\n${GOOD}\n${BAD}\n`);
  writeFileSync(fixedFile, `${HEADER}\n${GOOD}\n${FIXED}\n`);

  /** The trainee list for Iceland in FY2007, through the filter form. */
  async function icelandFy2007(page) {
    await page.goto('/console/trainees');
    await page.getByRole('heading', { level: 1, name: 'Trainees' }).waitFor();
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Fiscal year').selectOption({ label: 'FY2007' });
    await filters.getByLabel('Nationality').selectOption('IS');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('country') === 'IS' && u.searchParams.get('fiscal_year') === '2007'),
      filters.getByRole('button', { name: 'Show' }).click(),
    ]);
    return (await page.locator('main').innerText());
  }

  test('a bad value refuses the whole file; the fixed file imports', async () => {
    const page = await k.page();
    await k.signIn(page, '/console/import');

    await k.step(page, 'the bad file is checked', async () => {
      assert.equal(new URL(page.url()).pathname, '/console/import');
      await page.getByRole('heading', { level: 1, name: 'Import trainees' }).waitFor();
      await page.getByLabel('Trainee file (CSV or XLSX)').setInputFiles(badFile);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/import') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Check the file' }).click(),
      ]);
      await page.getByRole('heading', { name: 'Values that cannot be accepted' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Nothing was written' }).first().waitFor();
      const rows = page.locator('#rejected tbody tr');
      assert.equal(await rows.count(), 1, 'one value is refused');
      const cells = (await rows.first().locator('th, td').allInnerTexts()).map((s) => s.trim());
      const [row, column, value, reason] = cells;
      assert.equal(row, '3', 'the third row of the file (the header is row 1)');
      assert.equal(column, 'nationality');
      assert.equal(value, 'ZZ');
      assert.match(reason, /ZZ/, 'the reason names the value');
      assert.match(reason, /country/i, 'the reason says it is not a country');
      // No way to import it.
      assert.equal(await page.getByRole('button', { name: 'Import these trainees' }).count(), 0);
      assert.equal(await page.locator('#preview').count(), 0);
    });

    await k.step(page, 'nothing was imported', async () => {
      const text = await icelandFy2007(page);
      assert.ok(!text.includes('Thorvaldsdottir'), 'the good row was not imported');
      assert.ok(!text.includes('Eriksson'), 'nor the bad one');
    });

    await k.step(page, 'the fixed file is previewed', async () => {
      await page.goto('/console/import');
      await page.getByLabel('Trainee file (CSV or XLSX)').setInputFiles(fixedFile);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/import') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Check the file' }).click(),
      ]);
      await page.getByRole('heading', { name: 'Trainees the file would add' }).waitFor();
      await page.getByText('The file is clean: 2 trainees would be added. Nothing has been written yet.').waitFor();
      const preview = await page.locator('#preview tbody').innerText();
      assert.match(preview, /Thorvaldsdottir, Sigrun/);
      assert.match(preview, /Eriksson, Gunnar/);
      assert.match(preview, /Iceland/);
      assert.match(preview, /gmrdp\/fy2007/);
      assert.equal(await page.locator('#rejected').count(), 0);
    });

    await k.step(page, 'confirmed', async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/console/import' && u.searchParams.get('imported') === '2'),
        page.getByRole('button', { name: 'Import these trainees' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: '2 trainees were imported.' }).waitFor();
    });

    await k.step(page, 'the trainees are listed', async () => {
      const text = await icelandFy2007(page);
      assert.match(text, /Thorvaldsdottir, Sigrun/);
      assert.match(text, /Eriksson, Gunnar/);
    });

    await k.step(page, "a trainee's page", async () => {
      await Promise.all([
        page.waitForURL(/\/console\/people\/\d+$/),
        page.locator('#trainees').getByRole('link', { name: 'Thorvaldsdottir, Sigrun' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: /Thorvaldsdottir, Sigrun/ }).waitFor();
      const roles = await page.locator('#roles').innerText();
      assert.match(roles, /gmrdp\/fy2007/);
      assert.match(roles, /FY2007/);
      assert.match(roles, /Accepted/);
      assert.match(await page.locator('main dl').innerText(), /12 Apr 1975/, 'the birth date');
    });
    await page.context().close();
  });
});
