// The foundation's end-to-end journey in the real app window (tauri-driver +
// WebKitWebDriver under Xvfb, real Secret Service): create a profile, register a client
// and a household member, record a conversation with an interpreter, quit, start again,
// refuse a wrong passphrase, unlock, find everything again. Then search the raw bytes of
// every file the app wrote for the planted markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { withSession, Key } from './webdriver.mjs';
import { containsMarker, filesBelow } from './files.mjs';

const PASSPHRASE = 'tulp fiets regen lantaarn';
const MARK_GIVEN = 'Zzmarkamal';
const MARK_FAMILY = 'Zzmarkhaddad';
const MARK_PARTNER = 'Zzmarkrami';
const MARK_NOTE = 'ZZMARK-NOTE-kennismaking';
const MARK_TOLK = 'Zzmarktolk';
const BSN = '111222333';
const VNUMBER = '2612345678';
const DATA_DIR = process.env.AANKOMST_E2E_DATA_DIR;

const tid = (id) => `[data-testid="${id}"]`;

async function waitReady(s) {
  await s.waitFor(async () => (await s.executeScript('return document.readyState')) === 'complete', 20_000, {
    message: 'page loaded',
  });
  await s.find(tid('app-root'), 20_000);
}

/** Chooses an option of a <select> the way a user does: focus it and pick by value. */
async function choose(s, testId, value) {
  const option = await s.find(`${tid(testId)} option[value="${value}"]`);
  await option.click();
  await s.waitFor(async () => (await s.property(tid(testId), 'value')) === value, 5_000, {
    message: `${testId} = ${value}`,
  });
}

async function typeInto(s, testId, text) {
  const el = await s.find(tid(testId));
  await el.clear();
  await el.sendKeys(text);
}

async function waitSaved(s) {
  await s.waitFor(
    async () => {
      const statuses = await s.findAll(tid('save-status'));
      if (statuses.length === 0) return false;
      for (const st of statuses) {
        const state = await st.attribute('data-state');
        if (state !== 'saved' && state !== 'idle') return false;
      }
      return true;
    },
    10_000,
    { message: 'all fields saved' },
  );
}

test('a counsellor keeps a client file that survives a restart, behind the passphrase', async () => {
  let clientId;

  // ---- first start: create a profile ---------------------------------------------------
  await withSession('journey-first-start', async (s) => {
    await waitReady(s);
    await s.find(tid('profile-name-input'), 20_000);
    await s.screenshot('01-first-start.png');
    await typeInto(s, 'profile-name-input', 'Fatima de Vries');
    await typeInto(s, 'passphrase-new-input', 'welkom123');
    await s.find(tid('strength-meter'));
    assert.equal(await s.property(tid('create-profile-button'), 'disabled'), true, 'weak passphrase blocked');
    await typeInto(s, 'passphrase-new-input', PASSPHRASE);
    await typeInto(s, 'passphrase-repeat-input', PASSPHRASE);
    await s.waitFor(async () => (await s.property(tid('create-profile-button'), 'disabled')) === false, 10_000, {
      message: 'create button enabled',
    });
    await s.screenshot('02-new-profile.png');
    await s.click(tid('create-profile-button'));

    // ---- case list, register a client ----------------------------------------------------
    await s.find(tid('case-search'), 30_000);
    await s.screenshot('03-empty-case-list.png');
    await s.click(tid('new-client-button'));
    await s.find(tid('new-client-form'));
    await typeInto(s, 'new-client-given', MARK_GIVEN);
    await typeInto(s, 'new-client-family', MARK_FAMILY);
    await typeInto(s, 'new-client-dob', '1988');
    await choose(s, 'new-client-sex', 'female');
    await choose(s, 'new-client-country', 'SY');
    await s.screenshot('04-new-client.png');
    await s.click(tid('new-client-submit'));
    await s.find(tid('client-header'), 15_000);
    await s.waitForText(tid('client-header'), MARK_GIVEN);

    // A refused BSN shows a message and is not saved; a valid one is.
    await typeInto(s, 'field-bsn', '123456789');
    await s.find(tid('field-error-bsn'), 10_000);
    await s.screenshot('05-bsn-refused.png');
    await typeInto(s, 'field-bsn', BSN);
    await s.waitForGone(tid('field-error-bsn'), 10_000);
    await typeInto(s, 'field-v_number', VNUMBER);
    await typeInto(s, 'field-address', 'Zzmarkstraat 12');
    await waitSaved(s);
    clientId = await s.executeScript('return location.hash.split("/").pop()');
    await s.screenshot('06-client.png');

    // ---- a household member (partner who came later) ---------------------------------
    await s.click(tid('add-member-button'));
    await typeInto(s, 'member-given', MARK_PARTNER);
    await typeInto(s, 'member-family', MARK_FAMILY);
    await typeInto(s, 'member-dob', '1984-05');
    await choose(s, 'member-role', 'partner');
    const nareiziger = await s.find(tid('member-nareiziger'));
    if (!(await nareiziger.property('checked'))) await nareiziger.click();
    await s.click(tid('member-submit'));
    await s.waitFor(async () => (await s.findAll(tid('household-member'))).length >= 2, 15_000, {
      message: 'two household members',
    });
    await s.screenshot('07-household.png');

    // ---- a conversation with an informal interpreter who is a minor ---------------------
    await s.click(tid('new-conversation-button'));
    await s.find(tid('conversation-editor'), 15_000);
    await choose(s, 'field-interpreter_mode', 'informal_family');
    await typeInto(s, 'field-interpreter_name', MARK_TOLK);
    const minor = await s.find(tid('field-interpreter_is_minor'));
    await minor.click();
    await s.find(tid('warning-minor_interpreting'), 10_000);
    await choose(s, 'field-language_used', 'ar');
    await typeInto(s, 'field-notes', `${MARK_NOTE}: rechten en plichten uitgelegd.`);
    await waitSaved(s);
    await s.screenshot('08-conversation.png');
    await s.click(tid('back-to-client'));
    await s.find(tid('timeline'), 15_000);
    await s.waitFor(async () => (await s.findAll(tid('timeline-entry'))).length >= 2, 10_000, {
      message: 'timeline entries',
    });
    await s.screenshot('09-timeline.png');
  });
  assert.ok(clientId, 'client id from the route');

  // ---- the app is closed: no plaintext in any file it wrote ----------------------------
  // Its data directory (database, WAL, SHM, logs, settings) and everything else under the
  // throwaway HOME it ran in (WebKit caches and storage, the keyring file).
  const files = await filesBelow(DATA_DIR);
  assert.ok(files.some((f) => f.endsWith('aankomst.db')), 'database file present');
  assert.ok(files.some((f) => f.includes(`${path.sep}logs${path.sep}`)), 'log file present');
  const home = process.env.HOME;
  assert.ok(home && home.includes('aankomst-e2e'), 'runs in the throwaway HOME of run.sh');
  const elsewhere = (await filesBelow(home)).filter((f) => !f.startsWith(DATA_DIR));
  for (const f of [...files, ...elsewhere]) {
    // WebKit's storage process may still be tidying up after the window closed: a file listed
    // a moment ago can be gone now, and a file that is gone holds nothing to find.
    const bytes = await readFile(f).catch((e) => {
      if (e.code === 'ENOENT') return Buffer.alloc(0);
      throw e;
    });
    for (const m of [MARK_GIVEN, MARK_FAMILY, MARK_PARTNER, MARK_NOTE, MARK_TOLK, BSN, VNUMBER, 'Zzmarkstraat']) {
      assert.ok(!containsMarker(bytes, m), `${m} in plaintext in ${f} (${(await stat(f)).size} bytes)`);
    }
  }

  // ---- second start: wrong passphrase refused, right one unlocks, everything is there ---
  await withSession('journey-restart', async (s) => {
    await waitReady(s);
    await s.find(tid('passphrase-input'), 20_000);
    await s.screenshot('10-unlock.png');
    await typeInto(s, 'passphrase-input', 'niet de goede zin');
    await s.click(tid('unlock-button'));
    const error = await s.find(tid('unlock-error'), 20_000);
    assert.ok((await error.text()).length > 10, 'the refusal is explained');
    await s.screenshot('11-wrong-passphrase.png');
    await typeInto(s, 'passphrase-input', PASSPHRASE);
    await s.keys(Key.Enter);
    await s.find(tid('case-search'), 30_000);
    await typeInto(s, 'case-search', MARK_GIVEN.toLowerCase());
    await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
    await s.screenshot('12-search.png');
    await s.click(`${tid('case-row')} a`);
    await s.find(tid('client-header'), 15_000);
    assert.equal(await s.property(tid('field-bsn'), 'value'), BSN);
    assert.equal(await s.property(tid('field-v_number'), 'value'), VNUMBER);
    const members = await s.findAll(tid('household-member'));
    assert.equal(members.length, 2);
    const entries = await s.findAll(tid('timeline-entry'));
    assert.ok(entries.length >= 2);
    // Open the conversation from the timeline: notes, interpreter and warning are back.
    const link = await s.find(`${tid('timeline-entry')} a[href*="conversation"]`);
    await link.click();
    await s.find(tid('conversation-editor'), 15_000);
    await s.waitFor(async () => (await s.property(tid('field-notes'), 'value')).startsWith(MARK_NOTE), 10_000, {
      message: 'notes restored',
    });
    assert.equal(await s.property(tid('field-interpreter_mode'), 'value'), 'informal_family');
    await s.find(tid('warning-minor_interpreting'));

    // ---- locking: Ctrl+L leaves the file and shows the unlock screen -----------------------
    await s.click(tid('conversation-editor'));
    await s.keys(Key.Control, 'l');
    await s.find(tid('passphrase-input'), 10_000);
    assert.equal(await s.exists(tid('conversation-editor')), false);
    await s.screenshot('13-locked.png');
  });
});
