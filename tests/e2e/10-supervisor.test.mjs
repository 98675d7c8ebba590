// A supervisor at the office, in the real app against the real server. The supervisor's profile
// enrols, enters the team key and issues an enrolment code for a counsellor's laptop from the
// Devices section; the counsellor's profile (same machine, second profile) enrols with it and
// gets the team key after the fingerprint check. The counsellor records two clients: one whose
// PIP is overdue (koppeling twelve weeks ago, no PIP) and one whose PIP draft goes to review.
// Both sync. The supervisor syncs, sees the overdue PIP on the dashboard, approves the other
// plan with a signature that verifies, and revokes the counsellor's laptop.
import { test } from 'node:test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { withSession, Key } from './webdriver.mjs';
import { accessibilityLog } from './axe.mjs';
import { choose } from './journey.mjs';
import { enrolOnSyncScreen, municipality, setValue } from './server.mjs';

const tid = (id) => `[data-testid="${id}"]`;
const SUPERVISOR = 'Marieke Jansen';
const COUNSELLOR = 'Sanne Bakker';
const PASSPHRASE = 'zeef molen duinpan lantaarn';
const OVERDUE_CLIENT = 'Zzoverduehaile';
const REVIEW_CLIENT = 'Zzreviewnour';

const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function typeInto(s, testId, text) {
  const el = await s.find(tid(testId));
  await el.clear();
  await el.sendKeys(text);
}

async function setDate(s, css, value) {
  await s.executeScript(
    `const el = document.querySelector(arguments[0]);
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    css,
    value,
  );
}

async function createProfile(s, name) {
  await s.find(`${tid('profile-list')}, ${tid('new-profile-form')}`, 20_000);
  if ((await s.findAll(tid('new-profile-form'))).length === 0) await s.click(tid('new-profile-button'));
  await typeInto(s, 'profile-name-input', name);
  await typeInto(s, 'passphrase-new-input', PASSPHRASE);
  await typeInto(s, 'passphrase-repeat-input', PASSPHRASE);
  await s.waitFor(async () => (await s.property(tid('create-profile-button'), 'disabled')) === false, 10_000, {
    message: 'create button enabled',
  });
  await s.click(tid('create-profile-button'));
  await s.find(tid('case-search'), 30_000);
}

async function unlock(s, name) {
  await s.find(tid('profile-list'), 20_000);
  await s.click(`${tid('profile-item')}[data-profile-name="${name}"]`);
  const pass = await s.find(tid('passphrase-input'));
  await pass.clear();
  await pass.sendKeys(PASSPHRASE, Key.Enter);
  await s.find(tid('case-search'), 30_000);
}

async function lock(s) {
  await s.click(tid('lock-button'));
  await s.find(tid('profile-list'), 20_000);
}

async function syncNow(s) {
  await s.click(tid('nav-sync'));
  await s.find(tid('sync-button'), 15_000);
  await s.click(tid('sync-button'));
  await s.find(tid('sync-report'), 60_000);
  await s.waitFor(async () => (await s.text(tid('sync-unsynced'))) === '0', 30_000, {
    message: 'every revision receipted',
  });
}

/** Registers a client whose case was linked (koppeling) `days` ago; stays on the client screen. */
async function newClient(s, given, days) {
  await s.click(tid('nav-clients'));
  await s.click(await s.find(tid('new-client-button'), 15_000));
  await s.find(tid('new-client-form'));
  await typeInto(s, 'new-client-given', given);
  await typeInto(s, 'new-client-family', 'Zztestfamilie');
  await typeInto(s, 'new-client-dob', '1990');
  await choose(s, 'new-client-sex', 'female');
  await choose(s, 'new-client-country', 'ER');
  await s.click(tid('new-client-submit'));
  await s.find(tid('client-header'), 15_000);
  await setDate(s, tid('field-koppeling_date'), daysAgo(days));
  await s.waitFor(
    async () => {
      for (const st of await s.findAll(tid('save-status'))) {
        const state = await st.attribute('data-state');
        if (state !== 'saved' && state !== 'idle') return false;
      }
      return true;
    },
    10_000,
    { message: 'koppeling date saved' },
  );
}

test('a supervisor issues a code, grants the key, sees an overdue PIP, approves a plan and revokes a laptop', async () => {
  const town = await municipality('gemeente-utrecht', 'Gemeente Utrecht');
  try {
    await withSession('supervisor', async (s) => {
      const axe = accessibilityLog();

      // ---- the supervisor's laptop: enrol, team key, a code for the counsellor ---------------
      await createProfile(s, SUPERVISOR);
      await enrolOnSyncScreen(s, town, town.enrolCode('supervisor'));
      town.rootSigns('supervisor');
      await setValue(s, tid('team-key-secret'), town.teamSecret);
      await s.click(tid('team-key-import'));
      await s.waitForGone(tid('waiting-for-team-key'), 15_000);

      await s.click(await s.find(tid('enrol-code-new'), 15_000));
      await choose(s, 'enrol-code-role', 'counsellor');
      await typeInto(s, 'enrol-code-label', 'Laptop azc Amersfoort');
      await s.click(tid('enrol-code-issue'));
      const code = (await s.text(await s.find(tid('enrol-code-value'), 15_000))).trim();
      assert.match(code, /\w{4}/, 'a readable enrolment code');
      await axe.check(s, 'devices-code-issued');
      await s.screenshot('100-devices-code.png');
      await s.click(tid('enrol-code-done'));
      await lock(s);

      // ---- the counsellor's laptop enrols with that code and waits for the key --------------
      await s.click(tid('new-profile-button'));
      await createProfile(s, COUNSELLOR);
      await enrolOnSyncScreen(s, town, code);
      await s.find(tid('waiting-for-team-key'), 15_000);
      // What the new laptop shows, for the supervisor to type on theirs.
      const shownFingerprint = (await s.text(await s.find(tid('sync-fingerprint'), 15_000))).trim();
      assert.match(shownFingerprint, /^\S+-\S+$/, 'the new laptop shows its fingerprint');
      await lock(s);

      // ---- the supervisor grants the key after typing the fingerprint ------------------------
      await unlock(s, SUPERVISOR);
      await s.click(tid('nav-sync'));
      await s.find(tid('pending-device'), 20_000);
      // A wrong fingerprint is refused (checked in Rust), with a plain message; nothing granted.
      const wrong = shownFingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      await typeInto(s, 'grant-fingerprint', wrong);
      await s.click(tid('grant-team-key'));
      const refusal = await s.text(await s.find(tid('grant-error'), 15_000));
      assert.match(refusal, /vingerafdruk klopt niet/i, 'the refusal says the fingerprint is wrong');
      await s.find(tid('pending-device'), 5_000);
      // The right one, typed as a person might (upper case, spaces for the dash), grants.
      await setValue(s, tid('grant-fingerprint'), shownFingerprint.toUpperCase().replace('-', ' '));
      await s.click(tid('grant-team-key'));
      await s.waitForGone(tid('pending-device'), 15_000);
      await lock(s);

      // ---- the counsellor: an overdue case and a plan for review, then sync -----------------
      await unlock(s, COUNSELLOR);
      await s.click(tid('nav-sync'));
      await s.click(await s.find(tid('sync-button'), 15_000));
      await s.waitForGone(tid('waiting-for-team-key'), 30_000);

      await newClient(s, OVERDUE_CLIENT, 84);
      await newClient(s, REVIEW_CLIENT, 21);
      await s.click(await s.find(tid('plan-open-draft'), 10_000));
      await s.find(tid('plan-screen'), 15_000);
      await choose(s, 'plan-route', 'b1');
      await typeInto(s, 'plan-main-goal', 'Zelfstandig werken als kok');
      await typeInto(s, 'plan-motivering', 'De leerbaarheidstoets en het gesprek laten zien dat B1 haalbaar is.');
      await s.click(tid('plan-add-review'));
      await setDate(s, tid('plan-review-date'), new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
      await s.waitFor(async () => (await s.findAll(tid('plan-missing'))).length === 0, 15_000, {
        message: 'draft complete',
      });
      await s.waitFor(async () => (await s.findAll(`${tid('save-status')}[data-state="saving"]`)).length === 0, 10_000, {
        message: 'draft saved',
      });
      await s.click(await s.find(tid('plan-submit-review'), 10_000));
      await s.waitFor(async () => (await s.attribute(tid('plan-status'), 'data-status')) === 'in_review', 10_000, {
        message: 'plan in review',
      });
      await syncNow(s);
      await lock(s);

      // ---- the supervisor syncs: the dashboard shows the overdue PIP ------------------------
      await unlock(s, SUPERVISOR);
      await syncNow(s);
      await s.click(tid('nav-dashboard'));
      await s.find(tid('dashboard'), 30_000);
      const overdue = await s.find(tid('dashboard-overdue'), 15_000);
      assert.match(await overdue.text(), new RegExp(OVERDUE_CLIENT));
      assert.doesNotMatch(await overdue.text(), new RegExp(REVIEW_CLIENT), 'a case three weeks in is not overdue');
      assert.match(await s.text(tid('dashboard-caseload')), new RegExp(COUNSELLOR));
      await axe.check(s, 'dashboard');
      await s.screenshot('101-dashboard.png');

      // ---- the monitoring CSV for the municipality: two clients, so every count is hidden --
      const exportDir = await mkdtemp(path.join(os.tmpdir(), 'aankomst-e2e-monitoring-'));
      try {
        await setValue(s, tid('monitoring-export-folder'), exportDir);
        await s.click(`${tid('monitoring-export')} button[type="submit"]`);
        await s.find(tid('monitoring-export-done'), 15_000);
        const files = (await readdir(exportDir)).filter((f) => f.endsWith('.csv'));
        assert.equal(files.length, 1, 'one CSV in the folder the supervisor typed');
        const rows = (await readFile(path.join(exportDir, files[0]), 'utf8')).trim().split(/\r?\n/);
        assert.equal(rows[0], 'table,period,group,measure,value');
        assert.ok(rows.length > 1, 'the CSV has figures');
        for (const row of rows.slice(1)) assert.match(row, /,$/, `a team of two publishes no figure: ${row}`);
        for (const marker of [OVERDUE_CLIENT, REVIEW_CLIENT, COUNSELLOR, 'Zztestfamilie']) {
          assert.ok(!rows.join('\n').includes(marker), `the CSV names ${marker}`);
        }
      } finally {
        await rm(exportDir, { recursive: true, force: true });
      }

      // ---- handover: the overdue case goes to another counsellor, with a note -------------
      await s.click(`${tid('dashboard-overdue')} ${tid('dashboard-pip-row')} a`);
      await s.waitForText(tid('client-header'), OVERDUE_CLIENT);
      await s.click(await s.find(tid('handover-open'), 15_000));
      await typeInto(s, 'handover-to', 'Bram Visser');
      await typeInto(s, 'handover-note', 'Tolk Tigrinya via de telefoon; PIP-gesprek deze week plannen.');
      await axe.check(s, 'handover-dialog');
      await s.click(tid('handover-save'));
      const entry = await s.find(tid('handover-entry'), 15_000);
      assert.match(await entry.text(), new RegExp(`${COUNSELLOR}.*Bram Visser`, 's'));
      assert.match(await entry.text(), /PIP-gesprek deze week plannen/);
      assert.match(await s.text(tid('case-counsellor')), /Bram Visser/);
      await s.executeScript(`document.querySelector('${tid('handover-history')}').scrollIntoView()`);
      await s.screenshot('101b-handover-history.png');

      // ---- review: approve the plan; the approval's signature verifies ---------------------
      await s.click(tid('nav-review'));
      const list = await s.find(tid('review-list'), 15_000);
      assert.match(await list.text(), new RegExp(REVIEW_CLIENT));
      await axe.check(s, 'review-list');
      await s.click(tid('review-open'));
      await s.find(tid('plan-screen'), 15_000);
      await s.click(await s.find(tid('review-approve'), 10_000));
      await s.waitFor(async () => (await s.attribute(tid('plan-status'), 'data-status')) === 'approved', 15_000, {
        message: 'plan approved',
      });
      assert.equal(await s.attribute(tid('plan-approval'), 'data-state'), 'valid');
      assert.equal(await s.property(tid('plan-main-goal'), 'disabled'), true, 'an approved plan is read-only');
      await axe.check(s, 'plan-approved');
      await s.screenshot('102-plan-approved.png');

      // ---- the counsellor's laptop is lost: revoke it ----------------------------------------
      await s.click(tid('nav-sync'));
      await s.find(tid('devices-list'), 15_000);
      // The counsellor's laptop: the one active row that can be revoked (not this device).
      const revoke = await s.find(`${tid('devices-list')} tr[data-status="active"] ${tid('device-revoke')}`, 15_000);
      const row = await s.find(`${tid('devices-list')} tr[data-status="active"]:has(${tid('device-revoke')})`);
      const rowId = await row.attribute('data-testid');
      await revoke.click();
      await s.click(await s.find(tid('device-revoke-confirm'), 10_000));
      await s.waitFor(async () => (await s.attribute(tid(rowId), 'data-status')) === 'revoked', 15_000, {
        message: 'device revoked',
      });
      await s.find(tid('devices-rotate-reminder'), 10_000);
      await axe.check(s, 'devices-revoked');
      await s.screenshot('103-device-revoked.png');
      const listed = town.admin('devices', 'list', '--tenant', town.tenant);
      const device = rowId.slice('device-row-'.length);
      assert.match(listed.split('\n').find((l) => l.includes(device)) ?? '', /revoked/);
      axe.assertNone();
    });
  } finally {
    await town.close();
  }
});
