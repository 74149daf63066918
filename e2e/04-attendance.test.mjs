// Attendance: the FY2007 general edition's courtesy call to the Mayor of
// Hakodate; one participant marked present is marked absent, saved, and is
// still absent after a reload (everyone else as before).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useKizuna } from './harness.mjs';

const SESSION = 'Courtesy call to the Mayor of Hakodate';

describe('attendance', () => {
  const k = useKizuna('04 attendance');

  test('untick one participant, save, reload', async () => {
    const page = await k.page();
    await k.signIn(page, '/console/courses');

    await k.step(page, 'the FY2007 edition', async () => {
      assert.equal(new URL(page.url()).pathname, '/console/courses');
      await Promise.all([
        page.waitForURL(/\/console\/editions\/\d+$/),
        page.getByRole('link', { name: 'gmrdp/fy2007', exact: true }).click(),
      ]);
      const facts = await page.locator('main dl').innerText();
      assert.match(facts, /gmrdp\/fy2007/);
      assert.match(facts, /General/);
      await page.getByRole('heading', { name: 'Curriculum' }).waitFor();
    });

    await k.step(page, 'its courtesy call', async () => {
      const row = page.locator('tr').filter({ has: page.getByRole('rowheader', { name: SESSION }) });
      assert.equal(await row.count(), 1, `the timetable lists "${SESSION}" once`);
      assert.match(await row.innerText(), /Courtesy call/);
      assert.match(await row.innerText(), /Hakodate City Hall/);
      await Promise.all([
        page.waitForURL(/\/console\/sessions\/\d+\/attendance$/),
        row.getByRole('link', { name: 'Mark attendance' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
      await page.getByText(SESSION).first().waitFor();
    });

    // Each participant's marks are a radio group named by the person.
    const present = () =>
      page
        .locator('main form input[type=radio][value=present]')
        .evaluateAll((els) => els.filter((e) => e.checked).map((e) => e.name.replace('status-', '')).sort());
    const summary = () => page.locator('#summary').innerText();
    let before;
    let who;
    let whoId;
    await k.step(page, 'one participant marked absent', async () => {
      before = await present();
      const total = await page.getByRole('radiogroup').count();
      assert.ok(total > 1, `participants are listed (${total})`);
      assert.ok(before.length > 0, 'someone is marked present');
      assert.match(await summary(), new RegExp(`Of ${total} participants: ${before.length} present`));
      whoId = before[0];
      who = (await page.locator(`#name-${whoId}`).innerText()).trim();
      // Chosen by the name a person reads, then the mark.
      const group = page.getByRole('radiogroup', { name: who, exact: true });
      await group.getByRole('radio', { name: 'Absent' }).check();
      assert.equal(await group.getByRole('radio', { name: 'Present' }).isChecked(), false);
    });

    await k.step(page, 'saved', async () => {
      await Promise.all([
        page.waitForURL(/\/attendance\?saved=1$/),
        page.getByRole('button', { name: 'Save attendance' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: 'The attendance was saved.' }).waitFor();
    });

    await k.step(page, 'still absent after a reload', async () => {
      await page.goto(page.url().replace(/\?saved=1$/, ''));
      await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
      const group = page.getByRole('radiogroup', { name: who, exact: true });
      assert.equal(await group.getByRole('radio', { name: 'Absent' }).isChecked(), true, `${who} stays absent`);
      const after = await present();
      assert.deepEqual(after, before.filter((id) => id !== whoId), 'everyone else is as before');
      const total = await page.getByRole('radiogroup').count();
      assert.match(await summary(), new RegExp(`Of ${total} participants: ${before.length - 1} present`));
    });
    await page.context().close();
  });
});
