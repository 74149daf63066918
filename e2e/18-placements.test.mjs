// Staff and volunteer placements, at 390 px: the dashboard warns of the
// demo's JOCV visa that expires three weeks after the demo was loaded; the
// warning leads to the placement with its documents; a scan attached to the
// visa comes back byte for byte; a Glocal placement of seven months is
// refused beside the planned end and nothing is written, then saved once
// shortened. Then the placement pages in four languages: nothing wider than
// the screen, axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// Measured against the phone's 390 px, not innerWidth: a mobile browser
// widens its layout viewport to a page that overflows.
async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - 390));
}

async function optionValue(page, select, text) {
  const value = await page
    .locator(`${select} option`)
    .filter({ hasText: text })
    .first()
    .getAttribute('value');
  assert.ok(value, `an option "${text}" in ${select}`);
  return value;
}

describe('volunteer placements', () => {
  const k = useKizuna('18 placements');

  test('the dashboard warns of an expiring visa; a seven-month Glocal placement is refused, then saved', async () => {
    const page = await k.page(PHONE);
    await k.signIn(page, '/console');
    let placement;
    await k.step(page, 'the dashboard warning', async () => {
      await page.goto('/console');
      const panel = page.locator('#expiring-documents');
      await panel.waitFor();
      const text = await panel.innerText();
      assert.match(text, /Haruka Moriyama/);
      assert.match(text, /Visa/);
      assert.match(text, /expires in 21 days/);
      assert.equal(await overflow(page), 0, 'the dashboard fits a phone');
      await panel.getByRole('link', { name: 'Haruka Moriyama' }).click();
      await page.waitForURL(/\/console\/placements\/\d+/);
      placement = new URL(page.url()).pathname;
    });
    await k.step(page, 'the placement and its documents', async () => {
      await page.getByRole('heading', { level: 1, name: /Haruka Moriyama/ }).waitFor();
      const docs = await page.locator('#document-list').innerText();
      for (const kind of ['Passport', 'Visa', 'Insurance', 'Safety briefing']) {
        assert.ok(docs.includes(kind), `${kind} listed`);
      }
      assert.match(docs, /expires in 21 days/);
      assert.equal(await overflow(page), 0, 'the placement page fits a phone');
    });
    await k.step(page, 'a scan of the visa attached and read back', async () => {
      const visa = page.locator('#document-list > li').filter({ hasText: 'Visa' }).first();
      const pdf = Buffer.from('%PDF-1.4\n% a visa scan for the browser test\n%%EOF\n');
      await visa.locator('input[type=file]').setInputFiles({ name: 'visa.pdf', mimeType: 'application/pdf', buffer: pdf });
      await visa.getByRole('button', { name: 'Attach the scan' }).click();
      await page.waitForURL(/done=file-added/);
      const link = page.locator('#document-list a[href$="/file"]').first();
      const href = await link.getAttribute('href');
      const body = await page.evaluate(async (h) => {
        const r = await fetch(h);
        return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
      }, href);
      assert.equal(body.status, 200);
      assert.equal(body.type, 'application/pdf');
      assert.equal(body.text, pdf.toString());
    });
    let before;
    await k.step(page, 'a seven-month Glocal placement refused beside the planned end', async () => {
      await page.goto('/console/placements');
      before = await page.locator('#placements tbody tr').count();
      await page.getByRole('link', { name: 'New placement' }).click();
      await page.locator('#f-person_id').selectOption(await optionValue(page, '#f-person_id', 'Haruka Moriyama'));
      await page.getByLabel('Scheme').selectOption('glocal');
      await page.getByLabel('Direction').selectOption('local_pre_dispatch');
      await page.locator('#f-host_locality_id').selectOption(await optionValue(page, '#f-host_locality_id', 'Kushiro (JP)'));
      await page.getByLabel('Planned start').fill('2025-01-06');
      await page.getByLabel('Planned end').fill('2025-08-06');
      await page.locator('#f-area_en').fill('Tourism promotion in Kushiro');
      await page.getByRole('button', { name: 'Save' }).click();
      const error = page.locator('#e-planned_ends_on');
      await error.waitFor();
      assert.match(await error.innerText(), /at most six months/);
      assert.equal(await page.locator('#f-planned_ends_on').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#f-area_en').inputValue(), 'Tourism promotion in Kushiro', 'the typing is kept');
      assert.equal(await overflow(page), 0, 'the form fits a phone');
      await page.goto('/console/placements');
      assert.equal(await page.locator('#placements tbody tr').count(), before, 'nothing written');
    });
    await k.step(page, 'shortened to three months, saved', async () => {
      await page.goto('/console/placements/new');
      await page.locator('#f-person_id').selectOption(await optionValue(page, '#f-person_id', 'Haruka Moriyama'));
      await page.getByLabel('Scheme').selectOption('glocal');
      await page.getByLabel('Direction').selectOption('local_pre_dispatch');
      await page.locator('#f-host_locality_id').selectOption(await optionValue(page, '#f-host_locality_id', 'Kushiro (JP)'));
      await page.getByLabel('Planned start').fill('2025-01-06');
      await page.getByLabel('Planned end').fill('2025-04-04');
      await page.locator('#f-area_en').fill('Tourism promotion in Kushiro');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/console\/placements\/\d+\?done=saved/);
      await page.getByText('The placement was saved.').waitFor();
      await page.goto('/console/placements');
      assert.equal(await page.locator('#placements tbody tr').count(), before + 1);
    });
    assert.ok(placement);
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`placement pages fit a phone in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.signIn(page, '/console/placements');
      await page.goto('/console/placements');
      const first = await page.locator('#placements a[href^="/console/placements/"]').first().getAttribute('href');
      const paths = ['/console', '/console/placements', '/console/placements/new', first, `${first}/edit`];
      for (const path of paths) {
        await k.step(page, `${lang} ${path}`, async () => {
          const r = await page.goto(`${path}?lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await overflow(page), 0, `${path} in ${lang} is wider than a phone`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
      await page.context().close();
    });
  }
});
