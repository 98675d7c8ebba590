// Kill the real app with SIGKILL while the counsellor is typing notes, several times:
// after each kill the app starts (no "already running", no damaged database), unlocks,
// and shows every word whose save had been confirmed before the kill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { withSession, Key } from './webdriver.mjs';
import { JOURNEY_PASSPHRASE as PASSPHRASE, openJourneyConversation } from './journey.mjs';

const ROUNDS = 5;
const tid = (id) => `[data-testid="${id}"]`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function killApp() {
  const pids = execFileSync('pgrep', ['-f', process.env.AANKOMST_APP], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  assert.ok(pids.length > 0, 'the app process is running');
  for (const pid of pids) process.kill(pid, 'SIGKILL');
}

async function openConversation(s) {
  await openJourneyConversation(s);
  return s.find(tid('field-notes'), 15_000);
}

async function savedNotes(s) {
  await s.waitFor(async () => (await s.attribute(tid('save-status'), 'data-state')) === 'saved', 10_000, {
    message: 'notes saved',
  });
  return s.property(tid('field-notes'), 'value');
}

test('every confirmed save survives SIGKILL of the app mid-typing', async () => {
  let confirmed = null;
  for (let round = 1; round <= ROUNDS; round++) {
    await withSession(`kill-${round}`, async (s) => {
      const notes = await openConversation(s);
      const before = await s.property(tid('field-notes'), 'value');
      if (confirmed !== null) {
        assert.ok(before.startsWith(confirmed), `round ${round}: confirmed text lost after SIGKILL`);
      }
      await notes.click();
      await notes.sendKeys(Key.End, ` ronde-${round}`);
      confirmed = await savedNotes(s);
      assert.ok(confirmed.endsWith(`ronde-${round}`));
      // Keep typing, then kill at a random moment: before, during or after the next save.
      await notes.sendKeys(` nog-bezig-${round}`);
      await sleep(Math.floor(Math.random() * 700));
      killApp();
    });
  }
  // One last start: the database opens and holds the last confirmed text.
  await withSession('kill-final', async (s) => {
    await openConversation(s);
    assert.ok((await s.property(tid('field-notes'), 'value')).startsWith(confirmed));
    await s.screenshot('30-after-kills.png');
  });
});
