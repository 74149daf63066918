// Staff record part of the seed-002 story in the partnerships console: a
// programme with its partnership details (Obihiro with Selangor), a
// confectionery training, two outcomes (the Halal Daifuku and the factory's
// certification), the training → Daifuku → certification links; the link
// back from the certification to the Daifuku is refused beside the field,
// naming both outcomes; one outcome substantiated; the ripple graph's link
// on the programme page. Then the partnerships pages at 390 px in four
// languages: nothing wider than the screen, axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** The option of a select whose text contains `text`, as its value. */
async function optionValue(page, select, text) {
  const value = await page
    .locator(`${select} option`)
    .filter({ hasText: text })
    .first()
    .getAttribute('value');
  assert.ok(value, `an option "${text}" in ${select}`);
  return value;
}

describe('the partnerships console', () => {
  const k = useKizuna('15 partnerships staff');

  test('staff record a programme, its outcomes and links, and substantiate one', async () => {
    const page = await k.page();
    await k.signIn(page, '/console/partnerships');
    let programme;
    await k.step(page, 'a new programme', async () => {
      await page.goto('/console');
      await page.getByRole('link', { name: 'Partnerships', exact: true }).click();
      await page.getByRole('link', { name: 'New partnership programme' }).click();
      await page.getByLabel('Key').fill('tokachi-sweets-selangor');
      await page.locator('#f-title_en').fill('Tokachi sweets with Selangor');
      await page.locator('#f-funding_scheme_en').fill('JICA Partnership Program');
      await page.getByLabel('Locality in Japan').selectOption(await optionValue(page, '#f-japan_locality_id', 'Obihiro'));
      await page.getByLabel('Localities abroad').selectOption(await optionValue(page, '#f-abroad_locality_ids', 'Selangor'));
      await page.getByLabel('Confectionery', { exact: true }).check();
      await page.getByLabel('Halal certification', { exact: true }).check();
      await page.getByLabel('Starts on').fill('2015-07-01');
      await page.getByLabel('Status').selectOption('implementation');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/console\/partnerships\/\d+\?done=programme-saved/);
      programme = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: 'Tokachi sweets with Selangor' }).waitFor();
    });
    await k.step(page, 'an activity', async () => {
      await page.getByRole('link', { name: 'New activity' }).click();
      await page.getByLabel('Kind of activity').selectOption('training');
      await page.locator('#f-title_en').fill('Confectionery training in Obihiro');
      await page.getByLabel('Starts on').fill('2016-02-01');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/done=activity-saved/);
    });
    for (const [title, date, kind] of [
      ['Halal Daifuku made together', '2016-06-01', 'joint_product'],
      ['Factory certified halal', '2017-03-01', 'certification'],
    ]) {
      await k.step(page, `the outcome ${title}`, async () => {
        await page.getByRole('link', { name: 'New outcome' }).click();
        await page.locator('#f-title_en').fill(title);
        await page.locator('#f-description_en').fill(`${title}: a Tokachi confectioner and a Selangor company`);
        await page.getByLabel('Kind of outcome').selectOption(kind);
        await page.getByLabel('Where it landed').selectOption('both');
        await page.getByLabel('When it happened').fill(date);
        await page.locator('#f-actor_organisation_id').selectOption(await optionValue(page, '#f-actor_organisation_id', 'Tokachi Seika'));
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/done=outcome-saved/);
      });
    }
    await k.step(page, 'training → Daifuku → certification', async () => {
      const training = await optionValue(page, '#f-from', 'Confectionery training');
      const daifuku = await optionValue(page, '#f-to', 'Halal Daifuku');
      const cert = await optionValue(page, '#f-to', 'Factory certified');
      await page.locator('#f-from').selectOption(training);
      await page.locator('#f-to').selectOption(daifuku);
      await page.getByRole('button', { name: 'Add the link' }).click();
      await page.waitForURL(/done=link-added/);
      await page.locator('#f-from').selectOption(`o:${daifuku}`);
      await page.locator('#f-to').selectOption(cert);
      await page.getByRole('button', { name: 'Add the link' }).click();
      await page.waitForURL(/done=link-added/);
      assert.equal(await page.locator('#link-list li').count(), 2);
    });
    await k.step(page, 'the link back is refused, naming the cycle', async () => {
      const daifuku = await optionValue(page, '#f-to', 'Halal Daifuku');
      const cert = await optionValue(page, '#f-to', 'Factory certified');
      await page.locator('#f-from').selectOption(`o:${cert}`);
      await page.locator('#f-to').selectOption(daifuku);
      await page.getByRole('button', { name: 'Add the link' }).click();
      const msg = await page.locator('#e-from').textContent();
      assert.match(msg, /Factory certified halal.*→.*Halal Daifuku made together.*→.*Factory certified halal/s);
      assert.equal(await page.locator('#link-list li').count(), 2, 'nothing written');
      assert.equal(await page.locator('#f-from').getAttribute('aria-invalid'), 'true');
    });
    await k.step(page, 'one outcome substantiated', async () => {
      await page.goto(`${programme}`);
      await page.getByRole('link', { name: 'Outcomes to substantiate' }).first().click();
      const section = page.locator('section.waiting', { hasText: 'Halal Daifuku made together' });
      await section.getByLabel('Confirmed by').fill('Director of the Selangor company');
      await section.getByLabel('Confirmed on').fill('2019-05-10');
      await section.getByLabel('Agree', { exact: true }).check();
      await section.getByRole('button', { name: /Record the substantiation/ }).click();
      await page.waitForURL(/done=substantiated/);
      assert.equal(await page.locator('section.waiting', { hasText: 'Halal Daifuku made together' }).count(), 0);
      assert.equal(await page.locator('section.waiting', { hasText: 'Factory certified halal' }).count(), 1);
    });
    await k.step(page, 'the ripple graph is linked from the programme', async () => {
      await page.goto(programme);
      const href = await page.locator('#ripple-link').getAttribute('href');
      assert.equal(href, `${programme}/ripple`);
      const r = await page.goto(href);
      assert.notEqual(r.status(), 500, 'the ripple page answers');
      assert.deepEqual(k.errorsOf(page).filter((e) => !e.includes('/ripple')), []);
    });
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`partnerships pages fit a phone in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.signIn(page, '/console/partnerships');
      await page.goto('/console/partnerships');
      const programme = await page.locator('#programmes a[href^="/console/partnerships/"]').first().getAttribute('href');
      await page.goto(programme);
      const outcome = await page.locator('#outcomes a[href$="/edit"]').first().getAttribute('href');
      const activity = await page.locator('#activities a[href$="/edit"]').first().getAttribute('href');
      await page.goto('/console/profiles');
      const profile = await page.locator('#profiles a').first().getAttribute('href');
      const paths = [
        '/console/partnerships',
        '/console/partnerships/new',
        programme,
        `${programme}/edit`,
        activity,
        outcome,
        '/console/outcomes/unsubstantiated',
        '/console/local-links',
        '/console/local-links/new',
        '/console/profiles',
        profile,
      ];
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
