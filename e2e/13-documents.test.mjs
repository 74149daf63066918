// What people take away and print, and the partner's page: the statistics
// downloaded as XLSX and opened in LibreOffice (680 trainees, 57
// countries as of 2008-03-31) and as CSV; an edition's printable timetable
// (printed to an A4 PDF without the navigation), its iCalendar file and a
// session's attendance sheet; then a partner account, made by the
// administrator, at phone width (390 px): its page, its contact details
// (an error beside the field first), a nomination file sent and reviewed by
// staff, in four languages with axe-core.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, describeViolations, submitSignIn, useKizuna } from './harness.mjs';

const EDITION = 'gmrdp/fy2007';
const PARTNER = 'partner.e2e@example.org';
const PARTNER_PASSWORD = 'Chao Phraya river cruise, Obihiro 2007!';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Whether the page is no wider than the phone. */
async function fitsTheScreen(page, width = 390) {
  return page.evaluate((w) => document.documentElement.scrollWidth <= w + 1, width);
}

/** LibreOffice (headless) turns a workbook's first sheet into CSV rows. */
function libreOfficeRows(dir, xlsx) {
  const which = spawnSync('soffice', ['--version']);
  if (which.status !== 0) {
    assert.notEqual(process.env.CI, 'true', 'LibreOffice is needed (apt-get install libreoffice-calc-nogui)');
    return null;
  }
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76',
      '--outdir',
      dir,
      xlsx,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
  const csv = readFileSync(xlsx.replace(/\.xlsx$/, '.csv'), 'utf8').replace(/^\uFEFF/, '');
  return csv.split(/\r?\n/).map((line) => line.split(','));
}

describe('documents and the partner page', () => {
  const k = useKizuna('13 documents');

  test('the statistics as XLSX open in LibreOffice with 680 and 57; as CSV too', async () => {
    const page = await k.page({ acceptDownloads: true });
    mkdirSync(k.dir, { recursive: true });
    await k.step(page, 'statistics with their downloads', async () => {
      await page.goto('/statistics?as_of=2008-03-31');
      assert.equal((await page.locator('#stats-trainees').innerText()).trim(), '680');
      await page.locator('#stats-downloads').getByRole('link', { name: 'Excel (XLSX)' }).waitFor();
    });
    const xlsx = await k.step(page, 'XLSX downloaded', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#stats-downloads').getByRole('link', { name: 'Excel (XLSX)' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'kizuna-statistics-2008-03-31.xlsx');
      const path = join(k.dir, download.suggestedFilename());
      await download.saveAs(path);
      return path;
    });
    await k.step(page, 'opened in LibreOffice', async () => {
      const rows = libreOfficeRows(k.dir, xlsx);
      if (!rows) return;
      const line = (label) => rows.find((r) => r[0] === label);
      assert.deepEqual(line('As of'), ['As of', '2008-03-31']);
      assert.deepEqual(line('Trainees'), ['Trainees', '680']);
      assert.deepEqual(line('Countries and regions'), ['Countries and regions', '57']);
    });
    await k.step(page, 'CSV downloaded', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#stats-downloads').getByRole('link', { name: 'CSV' }).click(),
      ]);
      const path = join(k.dir, download.suggestedFilename());
      await download.saveAs(path);
      const text = readFileSync(path, 'utf8');
      assert.match(text, /^\uFEFFStatistics\r?\n/);
      assert.match(text, /\nTrainees,680\r?\n/);
      assert.match(text, /\nCountries and regions,57\r?\n/);
      assert.deepEqual(k.errorsOf(page), []);
    });
    await page.context().close();
  });

  test('staff print an edition timetable and a session sheet, and download its calendar', async () => {
    const page = await k.page({ acceptDownloads: true });
    await k.signIn(page, '/console');
    const id = (await k.api(page, `/api/v1/editions?key=${encodeURIComponent(EDITION)}`)).items[0].id;
    await k.step(page, 'the edition page links to its timetable', async () => {
      await page.goto(`/console/editions/${id}`);
      await page.locator('#edition-documents').getByRole('link', { name: 'Timetable' }).click();
      await page.getByRole('heading', { level: 1, name: /^Timetable: / }).waitFor();
      const rows = await page.locator('section.day tbody tr').count();
      const sessions = (await k.api(page, `/api/v1/sessions?edition_id=${id}&limit=1000`)).total;
      assert.equal(rows, sessions, 'every session once');
      assert.ok(await page.locator('header.site').isVisible(), 'the navigation on the screen');
    });
    await k.step(page, 'printed on A4 without the navigation', async () => {
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.site').isVisible(), false, 'no navigation in print');
      assert.equal(await page.locator('.no-print').first().isVisible(), false);
      const pdf = await page.pdf({ path: join(k.dir, 'timetable.pdf'), format: 'A4', preferCSSPageSize: true });
      assert.ok(pdf.length > 5_000, `a PDF of ${pdf.length} bytes`);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pages >= 1, `${pages} A4 pages`);
      await page.emulateMedia({ media: 'screen' });
    });
    await k.step(page, 'the iCalendar file', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#timetable-ics').click()]);
      assert.equal(download.suggestedFilename(), 'timetable-gmrdp-fy2007.ics');
      const path = join(k.dir, download.suggestedFilename());
      await download.saveAs(path);
      const text = readFileSync(path, 'utf8');
      assert.match(text, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
      assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines of at most 75 octets');
      assert.match(text, /\r\nUID:session-\d+@kizuna\r\n/);
    });
    await k.step(page, 'a session attendance sheet', async () => {
      await page.locator('section.day tbody tr').first().getByRole('link', { name: 'Attendance sheet' }).click();
      await page.getByRole('heading', { level: 1, name: /^Attendance sheet: / }).waitFor();
      assert.ok((await page.locator('table#trainees tbody tr').count()) > 3);
      assert.deepEqual(await page.locator('table#trainees thead th').allInnerTexts(), [
        'No.',
        'Name',
        'Name in own script',
        'Nationality',
        'Organisation',
        'Present',
        'Signature',
        'Note',
      ]);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(k.dir, 'attendance-sheet.pdf'), preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
      assert.deepEqual(k.errorsOf(page), []);
    });
    await page.context().close();
  });

  test('a partner at phone width: its page, its contact details and a nomination file reviewed by staff', async () => {
    const admin = await k.page();
    await k.signIn(admin, '/admin/accounts');
    const link = await k.step(admin, 'a partner account added', async () => {
      await admin.goto('/admin/accounts');
      await admin.getByLabel('E-mail address').fill(PARTNER);
      await admin.getByLabel('Role').selectOption('partner');
      await admin.getByLabel('Organisation (partners only)').selectOption('demo/rda-th');
      await admin.getByRole('button', { name: 'Add the account' }).click();
      return (await admin.locator('#secret').textContent()).trim();
    });
    const partner = await k.page({ ...PHONE, bypassCSP: true });
    await k.step(partner, 'the partner sets a password and signs in', async () => {
      await partner.goto(new URL(link, k.url).pathname);
      await partner.getByLabel('New password', { exact: true }).fill(PARTNER_PASSWORD);
      await partner.getByLabel('New password again').fill(PARTNER_PASSWORD);
      await partner.locator('main form').getByRole('button').click();
      await partner.waitForLoadState();
      await partner.goto('/sign-in');
      await partner.getByLabel('E-mail address').fill(PARTNER);
      await partner.getByLabel('Password').fill(PARTNER_PASSWORD);
      assert.equal(await submitSignIn(partner), 303);
      await partner.waitForURL((u) => u.pathname === '/partner');
    });
    await k.step(partner, 'its page fits the phone', async () => {
      await partner.getByRole('heading', { level: 1, name: /Regional Development Agency of Thailand/ }).waitFor();
      assert.ok((await partner.locator('#partner-sending li').count()) > 0, 'the editions its people train in');
      assert.ok(await fitsTheScreen(partner), 'no sideways scrolling at 390 px');
    });
    await k.step(partner, 'contact details: an error beside the field, then saved', async () => {
      await partner.getByRole('link', { name: 'Update contact details' }).click();
      await partner.getByLabel('Telephone').fill('call us');
      await partner.getByLabel('E-mail').fill('international@rda.example.org');
      await partner.getByRole('button', { name: 'Save the contact details' }).click();
      await partner.locator('#e-phone').waitFor();
      assert.match(await partner.locator('#e-phone').innerText(), /not a telephone number/);
      assert.equal(await partner.getByLabel('E-mail').inputValue(), 'international@rda.example.org', 'what was typed is kept');
      await partner.getByLabel('Telephone').fill('+66 2 123 4567');
      await partner.getByRole('button', { name: 'Save the contact details' }).click();
      await partner.locator('#contact-saved').waitFor();
      assert.ok(await fitsTheScreen(partner));
    });
    await k.step(partner, 'a nomination file sent', async () => {
      await partner.goto('/partner/nominations');
      await partner.getByLabel('File (PDF, XLSX or CSV)').setInputFiles({ name: 'Part A.pdf', mimeType: 'application/pdf', buffer: PDF });
      await partner.getByLabel('A note for the office (optional)').fill('Two nominees.');
      await partner.getByRole('button', { name: 'Send the file' }).click();
      await partner.locator('#nomination-sent').waitFor();
      assert.match(await partner.locator('#partner-nominations tbody').innerText(), /Part A\.pdf[\s\S]*Sent, not yet reviewed/);
      assert.ok(await fitsTheScreen(partner));
    });
    await k.step(admin, 'staff accept it with a note', async () => {
      await admin.goto('/console/nominations');
      const row = admin.locator('#nominations tbody tr', { hasText: 'Part A.pdf' });
      await row.getByLabel('Mark as').selectOption('accepted');
      await row.getByLabel('Note to the partner').fill('Welcome; forms complete.');
      await row.getByRole('button', { name: 'Save the review' }).click();
      await admin.locator('#review-saved').waitFor();
    });
    await k.step(partner, 'the partner sees the decision', async () => {
      await partner.goto('/partner');
      const row = await partner.locator('#partner-nominations tbody tr').first().innerText();
      assert.match(row, /Accepted/);
      assert.match(row, /Welcome; forms complete\./);
      assert.ok(await fitsTheScreen(partner));
    });
    for (const lang of ['en', 'ja', 'th', 'ms']) {
      for (const path of ['/partner', '/partner/contact', '/partner/nominations']) {
        await k.step(partner, `${path} in ${lang}: fits, axe-core`, async () => {
          await partner.goto(`${path}?lang=${lang}`);
          assert.equal(await partner.locator('html').getAttribute('lang'), lang);
          assert.ok(await fitsTheScreen(partner), `${path} ${lang} fits 390 px`);
          const v = await axeViolations(partner);
          assert.equal(v.length, 0, `axe-core on ${path} (${lang}):\n${describeViolations(v)}`);
        });
      }
    }
    await k.step(partner, 'a staff page refused with a styled page', async () => {
      const r = await partner.goto('/console/nominations?lang=en');
      assert.equal(r.status(), 403);
      await partner.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
    });
    assert.deepEqual(k.errorsOf(partner), []);
    await partner.context().close();
    await admin.context().close();
  });
});

