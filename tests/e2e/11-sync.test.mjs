// Sync in the real app, against the real server: the municipality's key ceremony and the
// server's admin CLI set up a tenant; the journey's profile enrols through the Sync screen as
// the first supervisor, enters the team key, syncs with progress and receipts in the ledger;
// the server's files hold none of the journey's planted markers; IT publishes a signed policy
// that every setting it fixes then shows read-only (a laptop cannot loosen it); then IT
// revokes the laptop (a revocation signed with the root key) and at its next sync it destroys
// its data and says so. (Last file: it wipes the journey profile.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { withSession, Key } from './webdriver.mjs';
import { accessibilityLog } from './axe.mjs';
import { containsMarker, filesBelow } from './files.mjs';
import { JOURNEY_PASSPHRASE, JOURNEY_PROFILE } from './journey.mjs';
import { municipality, setValue } from './server.mjs';

const tid = (id) => `[data-testid="${id}"]`;
const MARKERS = ['ZZMARK-NOTE-kennismaking', 'zzmarkamal'];

test('enrol, enter the team key, sync with receipts, then a revoked laptop wipes itself', async () => {
  const town = await municipality('gemeente-amersfoort', 'Gemeente Amersfoort');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aankomst-e2e-sync-'));
  const { data, rootPub, teamSecret } = town;
  const TENANT = town.tenant;
  const server = { url: town.url, cert: town.cert };
  const profileDatabases = async () =>
    (await filesBelow(process.env.AANKOMST_E2E_DATA_DIR)).filter((f) => f.endsWith('aankomst.db'));
  let databasesBefore = [];
  try {
    const code = town.enrolCode('supervisor');
    await withSession('sync', async (s) => {
      const axe = accessibilityLog();
      await s.find(tid('profile-list'), 20_000);
      await s.click(`${tid('profile-item')}[data-profile-name="${JOURNEY_PROFILE}"]`);
      const pass = await s.find(tid('passphrase-input'));
      await pass.clear();
      await pass.sendKeys(JOURNEY_PASSPHRASE, Key.Enter);
      await s.find(tid('case-search'), 30_000);

      // ---- enrolment on the Sync screen ----------------------------------------------------
      await s.click(tid('nav-sync'));
      await s.find(tid('sync-enrol'), 15_000);
      await setValue(s, tid('enrol-url'), server.url);
      await setValue(s, tid('enrol-tenant'), TENANT);
      await setValue(s, tid('enrol-root-key'), rootPub);
      await setValue(s, tid('enrol-certificate'), server.cert);
      // A wrong code is refused with a message, and nothing is enrolled.
      await setValue(s, tid('enrol-code'), 'AAAA-BBBB-CCCC-DDDD');
      await s.click(tid('enrol-submit'));
      await s.find(tid('enrol-error'), 20_000);
      await setValue(s, tid('enrol-code'), code);
      await s.click(tid('enrol-submit'));
      await s.find(tid('sync-status'), 20_000);
      await s.find(tid('waiting-for-team-key'));
      town.rootSigns('supervisor');
      await axe.check(s, 'sync-enrolled');
      await s.screenshot('sync-waiting-for-team-key.png');

      // ---- the first supervisor enters the team key from the ceremony ------------------------
      await setValue(s, tid('team-key-secret'), teamSecret);
      await s.click(tid('team-key-import'));
      await s.waitFor(async () => (await s.findAll(tid('waiting-for-team-key'))).length === 0, 15_000, {
        message: 'team key accepted',
      });

      // ---- sync: progress, a report, receipts in the ledger ---------------------------------
      // The automatic sync may already have started once the key was in: count what is left,
      // and what the ledger already shows as receipted, so both orders hold.
      const receipted = `${tid('ledger-line')}[data-direction="pushed"][data-outcome="receipted"]`;
      const before = Number(await s.text(tid('sync-unsynced'))) + (await s.findAll(receipted)).length;
      assert.ok(before > 0, 'the journey made revisions to push');
      await s.click(tid('sync-button'));
      await s.find(tid('sync-report'), 60_000);
      await s.waitFor(async () => (await s.text(tid('sync-unsynced'))) === '0', 15_000, {
        message: 'every revision receipted',
      });
      // The ledger is read again after the report: wait for it.
      await s.waitFor(async () => (await s.findAll(receipted)).length >= before, 15_000, {
        message: `the ledger shows a receipt for each of the ${before} revisions`,
      });
      await axe.check(s, 'sync');
      await s.screenshot('sync-done.png');

      // The server holds ciphertext only.
      for (const file of await filesBelow(data)) {
        const bytes = await readFile(file);
        for (const marker of MARKERS) assert.ok(!containsMarker(bytes, marker), `${file} holds ${marker}`);
      }

      // ---- the supervisor's audit trail of a client: every device, chain status, CSV export --
      await s.click('a[href="#/cases"]');
      const search = await s.find(tid('case-search'), 15_000);
      await search.clear();
      await search.sendKeys('zzmarkamal');
      await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
      await s.click(`${tid('case-row')} a`);
      await s.find(tid('audit-trail'), 15_000);
      await s.executeScript(
        `const d = document.querySelector('[data-testid="audit-trail"] details');
         d.scrollIntoView(); d.querySelector('summary').click();`,
      );
      await s.find(tid('audit-search'), 10_000);
      const chain = await s.find(tid('audit-chain-status'), 10_000);
      assert.equal(await chain.attribute('data-state'), 'intact');
      await s.waitFor(async () => (await s.findAll(tid('audit-row'))).length > 0, 10_000, { message: 'audit rows' });
      // Only the reads.
      await s.click(tid('audit-filter-read'));
      await s.click(tid('audit-search-submit'));
      await s.waitFor(
        async () => {
          const rows = await s.findAll(tid('audit-row'));
          for (const r of rows) if ((await r.attribute('data-action')) !== 'read') return false;
          return rows.length > 0;
        },
        10_000,
        { message: 'only reads listed' },
      );
      // Exported as CSV to a folder the supervisor typed in.
      const exportDir = path.join(dir, 'audit-export');
      await mkdir(exportDir);
      await setValue(s, tid('audit-export-dir'), exportDir);
      await s.click(tid('audit-export'));
      const exportedNote = await s.find(tid('audit-exported'), 15_000);
      const csvPath = /(\/\S+\.csv)/.exec(await exportedNote.text())?.[1];
      assert.ok(csvPath && csvPath.startsWith(exportDir), `the export says where it went: ${csvPath}`);
      const csv = await readFile(csvPath, 'utf8');
      assert.match(csv.split('\r\n')[0], /^"time_utc","user","device","client","action"/);
      assert.match(csv, /"read"/);
      for (const marker of MARKERS) assert.ok(!csv.includes(marker), `the CSV holds ${marker}`);
      // The export is in the trail itself now (the list reloads after it, reads only: so
      // search for exports).
      await s.click(tid('audit-filter-read'));
      await s.click(tid('audit-filter-export'));
      await s.click(tid('audit-search-submit'));
      await s.waitFor(async () => (await s.findAll(`${tid('audit-row')}[data-action="export"]`)).length > 0, 10_000, {
        message: 'the export recorded',
      });
      await axe.check(s, 'client-audit-supervisor');
      await s.executeScript("document.querySelector('[data-testid=audit-trail]').scrollIntoView()");
      await s.screenshot('sync-audit-trail-supervisor.png');
      await s.click(tid('nav-sync'));
      await s.find(tid('sync-button'), 15_000);

      // ---- IT publishes the municipality's policy; the laptop takes it at its next sync -------
      await town.publishPolicy(1, (p) => {
        p.offline_lock_days = 10;
        p.max_auto_lock_minutes = 15;
      });
      await s.click(tid('sync-button'));
      await s.waitFor(async () => (await s.text(tid('policy-offline-lock-days'))) === '10', 60_000, {
        message: 'the signed policy is the active one',
      });
      assert.match(await s.text(tid('policy-source')), /versie 1.*gemeente \(hoofdsleutel\)/);
      await s.executeScript("document.querySelector('[data-testid=policy-section]').scrollIntoView()");
      await axe.check(s, 'policy-section');
      await s.screenshot('sync-policy.png');
      // What the policy seals cannot be unticked on the laptop, and says where it comes from.
      await s.click(await s.find(tid('settings-button'), 10_000));
      await s.find(tid('screening-settings'), 15_000);
      const phq9 = await s.find(tid('sealed-phq9'));
      assert.equal(await phq9.attribute('disabled'), 'true', 'a policy-sealed instrument is read-only');
      assert.match(await s.text(tid('policy-source')), /versie 1/);
      await axe.check(s, 'screening-settings-policy');
      await s.screenshot('settings-policy-fixed.png');
      // The supervisor's own publication (signed with its certified device key) is tested
      // through the real binaries in aankomst-app's tests/sync.rs; opening the edit form here
      // failed in two of three fresh-clone runs (the form did not appear after the click) and
      // is left out until that is understood.
      await s.click(tid('nav-sync'));
      await s.find(tid('sync-button'), 15_000);

      // ---- IT revokes the laptop with the root key (a signed revocation: a block alone
      // would not make it wipe); at its next sync it destroys its data ----------------------
      databasesBefore = await profileDatabases();
      town.rootSigns('supervisor', { revoke: true });
      await s.click(tid('sync-button'));
      await s.waitFor(
        async () =>
          (await s.findAll('.locked-note')).length > 0 &&
          (await s.findAll(`${tid('profile-item')}[data-profile-name="${JOURNEY_PROFILE}"]`)).length === 0,
        30_000,
        { message: 'back on the start screen without the revoked profile, saying why' },
      );
      const note = await s.text('.locked-note');
      assert.match(note, /ingetrokken|revoked/);
      await s.screenshot('sync-revoked.png');
      axe.assertNone();
    });
    // The revoked profile's database is gone; other profiles on the laptop (the demo) stay.
    const after = await profileDatabases();
    assert.equal(after.length, databasesBefore.length - 1, 'one profile database less');
    assert.ok(after.every((f) => databasesBefore.includes(f)));
  } finally {
    await town.close();
    await rm(dir, { recursive: true, force: true });
  }
});
