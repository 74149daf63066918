// Search (#16): staff type into the console header's search box and get
// results grouped by kind, each group with its count, the matched words
// marked; a kind's link narrows to that kind; a hit leads to its record's
// console page; a Japanese query finds the Halal Daifuku outcome with its
// Japanese title marked. An anonymous visitor at 390 px searches from the
// portal's home page in en, ja, th and ms: places and stories only (no
// console link, no person), the words marked, an honest "nothing found";
// nothing wider than the phone, axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// What a reader of each language would type, and the nothing-found words.
const ASKED = {
  en: { q: 'halal', none: 'Nothing was found' },
  ja: { q: 'ハラール', none: '見つかりませんでした' },
  th: { q: 'ฮาลาล', none: 'ไม่พบรายการ' },
  ms: { q: 'halal', none: 'Tiada apa-apa ditemui' },
};

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('search', () => {
  const k = useKizuna('28 search');

  test('staff search from the console header', async () => {
    const page = await k.page({ bypassCSP: true });
    await k.signIn(page, '/console');
    await k.step(page, 'typed into the header box', async () => {
      const box = page.locator('header form.site-search input[name=q]');
      await box.fill('halal');
      await Promise.all([page.waitForURL((u) => u.pathname === '/console/search' && u.searchParams.get('q') === 'halal'), box.press('Enter')]);
    });
    let placeCount = 0;
    await k.step(page, 'grouped by kind with counts and marks', async () => {
      const groups = page.locator('section.search-group');
      assert.ok((await groups.count()) >= 3, 'places, outcomes, organisations and more');
      for (const kind of ['place', 'outcome']) {
        const g = page.locator(`#kind-${kind}`);
        assert.equal(await g.count(), 1, `a ${kind} group`);
        const badge = Number(await g.locator('h3 .badge').getAttribute('data-count'));
        assert.ok(badge >= 1);
        assert.ok((await g.locator('.search-hits li').count()) <= Math.min(badge, 5));
        if (kind === 'place') placeCount = badge;
      }
      const marks = await page.locator('.search-hits mark').allInnerTexts();
      assert.ok(marks.length > 0, 'matches marked');
      assert.ok(marks.every((m) => m.toLowerCase().includes('halal')), marks.join(' | '));
      assert.match(await page.locator('#search-found').innerText(), /records? found/);
    });
    await k.step(page, 'one kind chosen', async () => {
      await Promise.all([page.waitForURL(/kind=place/), page.locator('nav.search-kinds a[data-kind=place]').click()]);
      assert.equal(await page.locator('section.search-group').count(), 1);
      assert.equal(await page.locator('#kind-place .search-hits li').count(), Math.min(placeCount, 50));
    });
    await k.step(page, 'a hit leads to its record', async () => {
      const first = page.locator('#kind-place .search-hits li a').first();
      const title = (await first.innerText()).trim();
      await Promise.all([page.waitForURL(/\/console\/places\/\d+\/edit$/), first.click()]);
      assert.ok((await page.locator('main').innerText()).includes(title.replace(' (demo)', '')), title);
    });
    await k.step(page, 'a Japanese query, Japanese titles', async () => {
      await page.goto('/console?lang=ja');
      const box = page.locator('header form.site-search input[name=q]');
      await box.fill('ハラール大福');
      await Promise.all([page.waitForURL(/\/console\/search\?q=/), box.press('Enter')]);
      const first = page.locator('#kind-outcome .search-hits li a').first();
      assert.equal((await first.innerText()).trim(), 'ハラール大福の共同開発');
      const marked = await first.locator('mark').allInnerTexts();
      assert.ok(marked.join('').includes('ハラール'), marked.join(' | '));
      assert.ok(marked.join('').includes('大福'), marked.join(' | '));
      const vs = await axeViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
    });
    await k.step(page, 'nothing found, said with a hint', async () => {
      await page.goto('/console/search?q=zzyzx-qwv&lang=en');
      const none = await page.locator('#search-none').innerText();
      assert.match(none, /Nothing was found for “zzyzx-qwv”/);
      assert.match(none, /another script/);
    });
    assert.deepEqual(k.errorsOf(page), []);
    await page.context().close();
  });

  for (const [lang, w] of Object.entries(ASKED)) {
    test(`an anonymous visitor searches the portal at 390 px in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.step(page, `${lang}: from the home page`, async () => {
        await page.goto(`/?lang=${lang}`);
        assert.equal(await overflow(page), 0, 'the home page with its box fits the phone');
        const box = page.locator('header form.site-search input[name=q]');
        await box.fill(w.q);
        await Promise.all([page.waitForURL((u) => u.pathname === '/search'), box.press('Enter')]);
      });
      await k.step(page, `${lang}: places and stories, never people`, async () => {
        const links = await page.locator('.search-hits a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(links.some((l) => l.startsWith('/map/places/')), links.join(' '));
        assert.ok(links.every((l) => l.startsWith('/map/places/') || /^\/programmes\/.+\/story$/.test(l)), links.join(' '));
        assert.equal(await page.locator('#kind-person').count(), 0);
        assert.ok((await page.locator('.search-hits mark').count()) > 0, 'matches marked');
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.equal(await overflow(page), 0, 'nothing wider than the phone');
        const vs = await axeViolations(page);
        assert.deepEqual(vs, [], describeViolations(vs));
      });
      await k.step(page, `${lang}: nothing found`, async () => {
        await page.goto(`/search?q=zzyzx-qwv&lang=${lang}`);
        assert.match(await page.locator('#search-none').innerText(), new RegExp(w.none));
        assert.equal(await overflow(page), 0);
      });
      if (lang === 'en') {
        await k.step(page, 'the map page has the box too', async () => {
          await page.goto('/map?lang=en');
          assert.equal(await page.locator('header form.site-search').getAttribute('action'), '/search');
          assert.equal(await overflow(page), 0);
        });
      }
      assert.deepEqual(k.errorsOf(page), []);
      await page.context().close();
    });
  }
});
