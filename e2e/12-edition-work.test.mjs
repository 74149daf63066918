// Running a course edition in the console, at desktop width and at phone
// width (390 px): an existing demo person found by name and added to the
// FY2007 general edition, moved accepted → arrived → completed with the
// buttons in their row (a step out of order refused first, beside the row),
// a session added to the timetable, and attendance marked for it (one late,
// one excused, everyone else present), kept after a reload. Then the work
// pages at phone width in four languages with axe-core. Clicks are counted
// for the report.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const EDITION = 'gmrdp/fy2007';

/** Click, counting it. */
function counter() {
  const c = { n: 0 };
  c.click = async (locator) => {
    c.n += 1;
    await locator.click();
  };
  c.check = async (locator) => {
    c.n += 1;
    await locator.check();
  };
  c.select = async (locator, value) => {
    c.n += 1;
    await locator.selectOption(value);
  };
  return c;
}

/**
 * Whether the page is no wider than the phone (390 px). Compared with the
 * width itself: an emulated phone widens its layout viewport (innerWidth)
 * to a page that overflows.
 */
async function fitsTheScreen(page, width = 390) {
  return page.evaluate((w) => document.documentElement.scrollWidth <= w + 1, width);
}

/** The edition's id, from the API (with the page's session). */
async function editionId(k, page, key) {
  const list = await k.api(page, `/api/v1/editions?key=${encodeURIComponent(key)}`);
  assert.equal(list.items.length, 1, key);
  return list.items[0].id;
}

/** Every item of an API list, a page of 1000 at a time. */
async function all(k, page, path) {
  const out = [];
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const got = await k.api(page, `${path}${sep}limit=1000&offset=${out.length}`);
    out.push(...got.items);
    if (out.length >= got.total || got.items.length === 0) return out;
  }
}

/**
 * Demo people to add: FY2008 trainees with no part in FY2007, each with a
 * family name no one else in the demo has (so that a search finds one).
 */
async function newcomers(k, page) {
  const fy2007 = await editionId(k, page, EDITION);
  const fy2008 = await editionId(k, page, 'gmrdp/fy2008');
  const here = new Set((await all(k, page, `/api/v1/participations?edition_id=${fy2007}`)).map((p) => p.person_id));
  const there = await all(k, page, `/api/v1/participations?edition_id=${fy2008}&role=trainee`);
  const people = await all(k, page, '/api/v1/people');
  const families = new Map();
  for (const p of people) families.set(p.family_name, (families.get(p.family_name) ?? 0) + 1);
  return there
    .filter((p) => !here.has(p.person_id))
    .map((p) => people.find((x) => x.id === p.person_id))
    .filter((p) => p && families.get(p.family_name) === 1);
}

/** The whole run of an edition for one person, at the page's width. */
async function runEdition(k, page, person, label) {
  const counts = {};
  const name = `${person.family_name}${person.given_name ? `, ${person.given_name}` : ''}`;
  let edition;

  await k.step(page, `${label}: the edition`, async () => {
    await page.goto('/console/courses');
    await Promise.all([
      page.waitForURL(/\/console\/editions\/\d+$/),
      page.getByRole('link', { name: EDITION, exact: true }).click(),
    ]);
    edition = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('heading', { name: 'Participants' }).waitFor();
  });

  // Add a trainee: type the name, Find, Add (the role is trainee by default).
  const add = counter();
  let participation;
  await k.step(page, `${label}: found by name and added`, async () => {
    await page.getByLabel(/Find a person to add/).fill(person.family_name);
    await Promise.all([
      page.waitForURL(/\/participants\/new\?q=/),
      add.click(page.getByRole('button', { name: 'Find', exact: true })),
    ]);
    const row = page.locator(`tr#c-${person.id}`);
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(person.family_name));
    assert.equal(await row.getByLabel(/^Role of/).inputValue(), 'trainee');
    await Promise.all([
      page.waitForURL(new RegExp(`/console/editions/${edition}\\?done=participant-added#p-\\d+$`)),
      add.click(row.getByRole('button', { name: /^Add/ })),
    ]);
    participation = new URL(page.url()).hash.replace('#p-', '');
    await page.getByRole('status').filter({ hasText: 'was added to this edition' }).waitFor();
    const mine = page.locator(`tr#p-${participation}`);
    assert.match(await mine.innerText(), /Nominated/);
  });
  counts.add = add.n;

  // Accept → arrived → completed: one click each, dated today.
  const steps = counter();
  const row = () => page.locator(`tr#p-${participation}`);
  await k.step(page, `${label}: accepted; completion before arrival refused`, async () => {
    await Promise.all([page.waitForURL(/done=moved/), steps.click(row().getByRole('button', { name: /^Accept/ }))]);
    await page.getByRole('status').filter({ hasText: 'The step was recorded' }).waitFor();
    // Not a button it offers now: sent as a browser would, refused beside the row.
    const offered = await row().locator('button[name=to]').evaluateAll((bs) => bs.map((b) => b.value));
    assert.deepEqual(offered, ['arrived', 'withdrawn']);
    await row()
      .locator('button[name=to][value=arrived]')
      .evaluate((b) => {
        b.value = 'completed';
      });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 422),
      row().getByRole('button', { name: /^Arrived/ }).click(),
    ]);
    assert.match(await row().locator('.field-error').innerText(), /Completion needs an arrival first/);
    await page.getByRole('alert').filter({ hasText: 'That step was not recorded' }).waitFor();
  });
  await k.step(page, `${label}: arrived, then completed`, async () => {
    for (const [button, badge] of [
      [/^Arrived/, 'Arrived'],
      [/^Completed/, 'Completed'],
    ]) {
      await Promise.all([
        page.waitForURL(/done=moved/),
        steps.click(row().getByRole('button', { name: button })),
      ]);
      await page.getByRole('status').filter({ hasText: 'The step was recorded' }).waitFor();
      assert.equal((await row().locator('.badge').innerText()).trim(), badge);
    }
    const text = await row().innerText();
    assert.match(text, /Accepted .*Arrived .*Completed /s, 'each step with its date');
    assert.equal(await row().locator('button[name=to]').count(), 0, 'completed: nothing further');
    const api = await k.api(page, `/api/v1/participations/${participation}`);
    assert.equal(api.status, 'completed');
    assert.ok(api.accepted_on && api.arrived_on && api.completed_on, JSON.stringify(api));
  });
  counts.steps = steps.n;

  // A session: New session, the kind, the title, the times, an instructor, Save.
  const session = counter();
  const title = `Action plan clinic (${label})`;
  let sessionId;
  await k.step(page, `${label}: a session added`, async () => {
    await Promise.all([
      page.waitForURL(/\/sessions\/new$/),
      session.click(page.getByRole('link', { name: 'New session' })),
    ]);
    await session.select(page.getByLabel('Kind'), 'presentation_meeting');
    await page.getByLabel('English').fill(title);
    await page.getByLabel('日本語').fill('アクションプラン相談会');
    await page.getByLabel('Starts').fill('2007-10-09T13:00');
    await page.getByLabel('Ends').fill('2007-10-09T16:30');
    await page.getByLabel('Place', { exact: true }).fill('Sapporo');
    await session.check(page.locator('input[type=checkbox][name=instructor_ids]').first());
    await Promise.all([
      page.waitForURL(/done=session-saved#s-\d+$/),
      session.click(page.getByRole('button', { name: 'Save' })),
    ]);
    sessionId = new URL(page.url()).hash.replace('#s-', '');
    const srow = page.locator(`tr#s-${sessionId}`);
    assert.match(await srow.innerText(), /13:00–16:30/);
    assert.match(await srow.innerText(), /Presentation meeting/);
  });
  counts.session = session.n;

  // Attendance: Mark attendance, one late, one excused, "the rest present".
  const mark = counter();
  let late;
  let excused;
  await k.step(page, `${label}: attendance marked`, async () => {
    await Promise.all([
      page.waitForURL(/\/attendance$/),
      mark.click(page.locator(`tr#s-${sessionId}`).getByRole('link', { name: 'Mark attendance' })),
    ]);
    const groups = page.getByRole('radiogroup');
    assert.ok((await groups.count()) > 2);
    late = (await page.locator('table.attendance tbody tr th').nth(0).innerText()).trim();
    excused = (await page.locator('table.attendance tbody tr th').nth(1).innerText()).trim();
    await mark.check(page.getByRole('radiogroup', { name: late, exact: true }).getByRole('radio', { name: 'Late' }));
    await mark.check(page.getByRole('radiogroup', { name: excused, exact: true }).getByRole('radio', { name: 'Excused' }));
    await page.getByLabel(`Note about ${excused}`).fill('At the embassy, agreed beforehand');
    await Promise.all([
      page.waitForURL(/\?saved=1$/),
      mark.click(page.getByRole('button', { name: 'Save, and everyone not marked was present' })),
    ]);
    await page.getByRole('status').filter({ hasText: 'The attendance was saved.' }).waitFor();
  });
  counts.attendance = mark.n;

  await k.step(page, `${label}: late and excused kept after a reload`, async () => {
    await page.goto(page.url().replace(/\?saved=1$/, ''));
    assert.equal(
      await page.getByRole('radiogroup', { name: late, exact: true }).getByRole('radio', { name: 'Late' }).isChecked(),
      true,
    );
    assert.equal(
      await page
        .getByRole('radiogroup', { name: excused, exact: true })
        .getByRole('radio', { name: 'Excused' })
        .isChecked(),
      true,
    );
    assert.equal(await page.getByLabel(`Note about ${excused}`).inputValue(), 'At the embassy, agreed beforehand');
    const total = await page.getByRole('radiogroup').count();
    assert.match(
      await page.locator('#summary').innerText(),
      new RegExp(`Of ${total} participants: ${total - 2} present, 1 late, 0 absent, 1 excused, 0 not marked yet`),
    );
    const api = await k.api(page, `/api/v1/sessions/${sessionId}/attendance`);
    assert.equal(api.length, total);
    assert.deepEqual(
      api.map((a) => a.status).filter((s) => s !== 'present').sort(),
      ['excused', 'late'],
    );
    assert.deepEqual(k.errorsOf(page), []);
  });
  return { counts, edition, participation, sessionId, name };
}

describe('running an edition', () => {
  const k = useKizuna('12 edition work');
  const found = {};

  test('at desktop width: add, accept → arrived → completed, a session, attendance', async () => {
    const page = await k.page();
    await k.signIn(page, '/console');
    const people = await newcomers(k, page);
    assert.ok(people.length >= 2, 'two demo people to add');
    found.people = people;
    const r = await runEdition(k, page, people[0], 'desktop');
    Object.assign(found, r);
    console.log(
      `# clicks (from the edition page): add a trainee to an edition ${r.counts.add}, ` +
        `accept → arrived → completed ${r.counts.steps}, add a session ${r.counts.session}, ` +
        `mark attendance for a session ${r.counts.attendance}`,
    );
    await page.context().close();
  });

  test('at phone width (390 px): the same run', async () => {
    const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await k.signIn(page, '/console');
    const r = await runEdition(k, page, found.people[1], 'phone');
    assert.ok(await fitsTheScreen(page), 'the attendance page fits a phone');
    console.log(
      `# clicks at 390 px: add ${r.counts.add}, accept → arrived → completed ${r.counts.steps}, ` +
        `session ${r.counts.session}, attendance ${r.counts.attendance}`,
    );
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`work pages at phone width in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      await k.signIn(page);
      const e = found.edition;
      const paths = [
        `/console/editions/${e}`,
        `/console/editions/${e}/participants/new?q=${encodeURIComponent(found.people[0].family_name)}`,
        `/console/participations/${found.participation}/edit`,
        `/console/participations/${found.participation}/delete`,
        `/console/editions/${e}/sessions/new`,
        `/console/sessions/${found.sessionId}/edit`,
        `/console/sessions/${found.sessionId}/attendance`,
        `/console/sessions/${found.sessionId}/delete`,
        `/console/editions/${e}/delete`,
        '/console/awards',
        '/console/awards/new',
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
      await page.context().close();
    });
  }
});
