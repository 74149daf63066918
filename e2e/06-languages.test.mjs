// The language switcher: Japanese, then Thai; the choice is remembered; the
// Thai pages carry none of the English catalogue's sentences.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useKizuna, visibleText } from './harness.mjs';

const LOCALES = join(ROOT, 'crates', 'kizuna-i18n', 'locales');

/** A Fluent catalogue's messages: id → value (attributes left out). */
function catalogue(lang) {
  const out = new Map();
  for (const f of readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.ftl')).sort()) {
    let id = null;
    for (const line of readFileSync(join(LOCALES, lang, f), 'utf8').split('\n')) {
      const m = line.match(/^([a-zA-Z][\w-]*)\s*=\s?(.*)$/);
      if (m) {
        id = m[1];
        out.set(id, m[2]);
      } else if (id && /^\s+\S/.test(line) && !/^\s+\./.test(line)) {
        out.set(id, `${out.get(id)} ${line.trim()}`);
      } else if (!/^\s+\./.test(line)) {
        id = null;
      }
    }
  }
  return out;
}

/** The literal stretches of a Fluent value, placeables ({ … }) taken out. */
function literals(value) {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '{') {
      if (depth === 0) {
        parts.push(cur);
        cur = '';
      }
      depth++;
    } else if (ch === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim());
}

/**
 * English sentences a Thai page must not show: the literal stretches of the
 * en catalogue of two words or more and 12 characters or more, that the th
 * catalogue does not also use (names such as "Kizuna" are the same in both).
 */
function englishOnlyStrings() {
  const en = catalogue('en');
  const thText = [...catalogue('th').values()].join('\n');
  const out = new Set();
  for (const v of en.values()) {
    for (const l of literals(v)) {
      if (l.length >= 12 && /\s/.test(l) && /[A-Za-z]{3}/.test(l) && !thText.includes(l)) out.add(l);
    }
  }
  return [...out];
}

describe('languages', () => {
  const k = useKizuna('06 languages');

  test('switch to Japanese, then Thai; remembered; no English left', async () => {
    const page = await k.page({ locale: 'en-GB' });
    const switcher = page.locator('nav.langs');
    const english = englishOnlyStrings();
    assert.ok(english.length >= 20, `found English catalogue sentences to look for (${english.length})`);

    await k.step(page, 'english statistics', async () => {
      await page.goto('/statistics?as_of=2008-03-31');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      // The check below can see English: this page shows some of these sentences.
      const text = await visibleText(page);
      const seen = english.filter((s) => text.includes(s));
      assert.ok(seen.length >= 3, `the English page shows English catalogue sentences (saw: ${JSON.stringify(seen)})`);
    });

    await k.step(page, 'japanese', async () => {
      await Promise.all([page.waitForURL(/[?&]lang=ja\b/), switcher.getByRole('link', { name: '日本語' }).click()]);
      await page.waitForFunction(() => document.documentElement.lang === 'ja');
      const text = await visibleText(page);
      for (const word of ['統計', '年度']) assert.ok(text.includes(word), `the Japanese page shows ${word}`);
      await page.getByRole('heading', { level: 1, name: /統計/ }).waitFor();
      // The figures are the same whatever the language.
      assert.equal((await page.locator('#stats-trainees').innerText()).trim(), '680');
    });

    const noEnglish = async (where) => {
      const text = await visibleText(page);
      const leaked = english.filter((s) => text.includes(s));
      assert.deepEqual(leaked, [], `English catalogue sentences on the Thai ${where}`);
    };

    await k.step(page, 'thai', async () => {
      await Promise.all([page.waitForURL(/[?&]lang=th\b/), switcher.getByRole('link', { name: 'ไทย' }).click()]);
      await page.waitForFunction(() => document.documentElement.lang === 'th');
      const text = await visibleText(page);
      assert.ok(text.includes('สถิติ'), 'the Thai page shows สถิติ');
      assert.equal((await page.locator('#stats-trainees').innerText()).trim(), '680');
      await noEnglish('statistics page');
    });

    await k.step(page, 'thai remembered', async () => {
      // No lang= in the address: the cookie remembers the choice.
      await page.goto('/');
      assert.equal(new URL(page.url()).search, '');
      assert.equal(await page.getAttribute('html', 'lang'), 'th');
      await page.getByRole('link', { name: 'สถิติ', exact: true }).first().waitFor();
      await page.getByRole('heading', { level: 1, name: 'ความร่วมมือและการแลกเปลี่ยนระหว่างประเทศ' }).waitFor();
      await noEnglish('home page');
      await page.goto('/statistics?as_of=2008-03-31');
      assert.equal(await page.getAttribute('html', 'lang'), 'th');
      await noEnglish('statistics page, reloaded');
    });

    await k.step(page, 'thai sign-in page', async () => {
      await page.goto('/sign-in');
      assert.equal(await page.getAttribute('html', 'lang'), 'th');
      await page.getByLabel('อีเมล').waitFor();
      await noEnglish('sign-in page');
    });
    await page.context().close();
  });
});
