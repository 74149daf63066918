// People in the console: a person created through the form (errors beside
// their fields first, then saved), the same person entered again (the
// namesake warning, then "a different person" ticked), both found by their
// reading typed in hiragana, and the two merged into one. The people pages
// at phone width (390 px) in four languages with axe-core. Clicks are
// counted for the report: creating a person, merging two duplicates.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const FAMILY = 'Phommachanh';
const GIVEN = 'Souksavanh';
const KANA = 'スクサワン・ポンマチャン';
const KANA_TYPED = 'すくさわん'; // in hiragana: finds the katakana reading

/** The text of the elements a field's aria-describedby points at. */
async function description(field) {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent.trim() ?? `(no element #${id})`)
      .join(' | '),
  );
}

async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/** Click, counting it. */
function counter() {
  const c = { n: 0 };
  c.click = async (locator) => {
    c.n += 1;
    await locator.click();
  };
  c.select = async (locator, value) => {
    c.n += 1;
    await locator.selectOption(value);
  };
  return c;
}

describe('people', () => {
  const k = useKizuna('11 people');
  const ids = {};

  test('create a person, warned of a namesake, found by kana, merged', async () => {
    const page = await k.page({ bypassCSP: true });
    await k.signIn(page, '/console/trainees');

    const create = counter();
    await k.step(page, 'the form, from the trainee list', async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/console/people/new'),
        create.click(page.getByRole('link', { name: 'New person' })),
      ]);
      await page.getByRole('heading', { level: 1, name: 'New person' }).waitFor();
    });

    await k.step(page, 'a mistake is shown beside its field', async () => {
      await page.getByLabel('Given names (Latin letters)').fill(GIVEN);
      await page.getByLabel('Katakana reading').fill(KANA);
      await create.select(page.getByLabel('Nationality'), 'LA');
      await create.select(page.getByLabel('Gender'), 'female');
      await page.getByLabel('Date of birth').fill('2199-04-02');
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        create.click(page.getByRole('button', { name: 'Save' })),
      ]);
      await page.getByRole('alert').filter({ hasText: 'Some values need fixing' }).waitFor();
      const family = page.getByLabel('Family name (Latin letters)');
      assert.equal(await family.getAttribute('aria-invalid'), 'true');
      assert.match(await description(family), /Fill this in/);
      const birth = page.getByLabel('Date of birth');
      assert.match(await description(birth), /in the future/);
      assert.equal(await page.getByLabel('Katakana reading').inputValue(), KANA, 'what was typed stays');
    });

    await k.step(page, 'put right and saved', async () => {
      await page.getByLabel('Family name (Latin letters)').fill(FAMILY);
      await page.getByLabel('Date of birth').fill('1981-04-02');
      await Promise.all([
        page.waitForURL(/\/console\/people\/\d+\?created=1$/),
        create.click(page.getByRole('button', { name: 'Save' })),
      ]);
      await page.getByRole('status').filter({ hasText: 'The person was created.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: `${FAMILY}, ${GIVEN}` }).waitFor();
      ids.first = new URL(page.url()).pathname.split('/').pop();
      assert.match(await page.locator('main').innerText(), /Laos/);
    });
    // Typing aside: the link, the two lists, Save (the first Save only showed the mistakes).
    const createClicks = create.n - 1;

    await k.step(page, 'entered again: the namesake is shown, nothing saved', async () => {
      await page.goto('/console/people/new');
      await page.getByLabel('Family name (Latin letters)').fill(FAMILY.toUpperCase());
      await page.getByLabel('Given names (Latin letters)').fill(GIVEN.toLowerCase());
      await page.getByLabel('Nationality').selectOption('LA');
      await page.getByRole('button', { name: 'Save' }).click();
      const warning = page.getByRole('alert').filter({ hasText: 'Is this someone already recorded?' });
      await warning.waitFor();
      const row = warning.locator('tbody tr');
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /1981/, 'the birth year tells them apart');
      assert.equal(await warning.getByRole('link', { name: `${FAMILY}, ${GIVEN}` }).getAttribute('href'), `/console/people/${ids.first}`);
    });

    await k.step(page, 'a different person: created anyway', async () => {
      await page.getByLabel('This is a different person: create anyway.').check();
      await Promise.all([
        page.waitForURL(/\/console\/people\/\d+\?created=1$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      ids.second = new URL(page.url()).pathname.split('/').pop();
      assert.notEqual(ids.second, ids.first);
    });

    await k.step(page, 'both found by their reading typed in hiragana', async () => {
      await page.goto('/console/people');
      await page.getByRole('searchbox', { name: 'Name' }).fill(KANA_TYPED);
      await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Find' }).click()]);
      const found = page.locator('table#people tbody tr');
      assert.equal(await found.count(), 1, 'only the one with the reading');
      assert.match(await found.innerText(), new RegExp(KANA));
      // In Latin letters without accents or case: both namesakes, told apart by birth year.
      await page.getByRole('searchbox', { name: 'Name' }).fill('souksavanh phommachanh');
      await Promise.all([page.waitForURL(/q=souksavanh/), page.getByRole('button', { name: 'Find' }).click()]);
      assert.equal(await found.count(), 2);
    });

    const merge = counter();
    await k.step(page, 'from the first person: the duplicate is offered', async () => {
      await page.goto(`/console/people/${ids.first}`);
      await Promise.all([
        page.waitForURL(/\/merge$/),
        merge.click(page.getByRole('link', { name: 'Merge a duplicate into this person' })),
      ]);
      const likely = page.locator('table#merge-likely tbody tr');
      assert.equal(await likely.count(), 1);
      await Promise.all([
        page.waitForURL(new RegExp(`/merge\\?other=${ids.second}$`)),
        merge.click(likely.getByRole('link', { name: 'Choose' })),
      ]);
      await page.getByRole('heading', { name: /into this person\?/ }).waitFor();
    });

    await k.step(page, 'merged', async () => {
      await Promise.all([
        page.waitForURL(new RegExp(`/console/people/${ids.first}\\?merged=${ids.second}$`)),
        merge.click(page.getByRole('button', { name: 'Merge and delete the other record' })),
      ]);
      await page.getByRole('status').filter({ hasText: `Person ${ids.second} was merged into this person` }).waitFor();
      const gone = await page.request.get(`/console/people/${ids.second}`);
      assert.equal(gone.status(), 404, 'the other record is gone');
      assert.deepEqual(k.errorsOf(page), []);
    });

    await k.step(page, 'the audit log names both', async () => {
      await page.goto('/console/audit?action=merge');
      const text = await page.locator('main table').innerText();
      assert.match(text, new RegExp(`from person ${ids.second}`));
      assert.match(text, new RegExp(`into person ${ids.first}`));
    });
    console.log(`# clicks: create a person ${createClicks}, merge two duplicates ${merge.n}`);
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`people pages at phone width in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      await k.signIn(page);
      const paths = [
        '/console/people?q=nguyen',
        '/console/people/new',
        `/console/people/${ids.first}`,
        `/console/people/${ids.first}/edit`,
        `/console/people/${ids.first}/merge?q=nguyen`,
        `/console/people/${ids.first}/delete`,
        '/console/trainees?q=nguyen',
      ];
      for (const path of paths) {
        await k.step(page, `${lang} ${path} at phone width`, async () => {
          const sep = path.includes('?') ? '&' : '?';
          const r = await page.goto(`${path}${sep}lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.ok(await fitsTheScreen(page), `${path} in ${lang} is wider than a phone`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
    });
  }
});
