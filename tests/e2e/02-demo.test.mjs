// The demo profile: created from the unlock screen next to an existing profile, marked
// DEMO on every screen, filled with fictional households; the screen in English and a
// client whose name is in Arabic script. Screenshots of each screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession, Key } from './webdriver.mjs';

const PASSPHRASE = 'boot molen zee wolk';
const tid = (id) => `[data-testid="${id}"]`;

async function typeInto(s, testId, text) {
  const el = await s.find(tid(testId));
  await el.clear();
  await el.sendKeys(text);
}

test('a demo profile is filled with fictional households and marked DEMO everywhere', async () => {
  await withSession('demo', async (s) => {
    await s.find(tid('app-root'), 20_000);
    // A profile exists already (the journey's), so this is the unlock screen.
    await s.find(tid('profile-list'), 20_000);
    await s.click(tid('demo-profile-button'));
    const name = await s.find(tid('profile-name-input'));
    assert.ok((await name.property('value')).length > 0, 'the demo form proposes a name');
    await typeInto(s, 'passphrase-new-input', PASSPHRASE);
    await typeInto(s, 'passphrase-repeat-input', PASSPHRASE);
    await s.waitFor(async () => (await s.property(tid('create-profile-button'), 'disabled')) === false, 10_000, {
      message: 'create enabled',
    });
    await s.click(tid('create-profile-button'));
    await s.find(tid('case-search'), 60_000);
    await s.find(tid('demo-banner'));
    await s.waitFor(async () => (await s.findAll(tid('case-row'))).length >= 20, 10_000, { message: 'demo rows' });
    await s.screenshot('20-demo-case-list.png');

    // A client in a household of several people.
    await s.click(`${tid('case-row')} a`);
    await s.find(tid('client-header'), 15_000);
    await s.find(tid('demo-banner'));
    await s.screenshot('21-demo-client.png');

    // English, from the header; the case list follows.
    await s.click(tid('language-switch'));
    await s.waitFor(async () => (await s.executeScript('return document.documentElement.lang')) === 'en', 5_000, {
      message: 'lang=en',
    });
    await s.screenshot('22-demo-client-english.png');

    // An Arabic-script name entered as "other spelling" shows right to left.
    await typeInto(s, 'field-other_spellings', 'محمد الحسن');
    const dir = await s.executeScript(
      `return getComputedStyle(document.querySelector('[data-testid="field-other_spellings"]')).direction`,
    );
    assert.equal(dir, 'rtl', 'Arabic text is laid out right to left');
    await s.screenshot('23-demo-arabic-spelling.png');

    // Deadlines across all cases: the demo has late PIPs, so the header counts them and the
    // Termijnen screen lists them with links to the clients.
    const badge = await s.find(tid('deadline-badge'), 15_000);
    assert.ok(Number(await badge.text()) > 0, 'reminder count in the header');
    await s.click(tid('nav-deadlines'));
    await s.waitFor(async () => (await s.findAll(tid('deadline-row'))).length > 0, 15_000, {
      message: 'deadline rows',
    });
    await s.screenshot('25-demo-deadlines.png');

    // Lock with the button; the unlock screen shows both profiles, the demo one marked.
    await s.click(tid('lock-button'));
    await s.find(tid('profile-list'), 10_000);
    const items = await s.findAll(tid('profile-item'));
    assert.equal(items.length, 2);
    await s.screenshot('24-two-profiles.png');
    await s.keys(Key.Escape);
  });
});
