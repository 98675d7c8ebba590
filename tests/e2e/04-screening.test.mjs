// Screening in the real app: a counsellor reads the PHQ-9 aloud with the interpreter and the
// safety protocol opens the moment item 9 is answered above 0; the client fills in the K10 on
// the client-facing view and the counsellor then sees "completed, sealed for the GGD" and
// nothing else; a licensed municipality's pack is imported (a malformed one is refused with
// its reason) and its Arabic translation shows right to left on the client's screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withSession, Key } from './webdriver.mjs';
import { containsMarker, filesBelow } from './files.mjs';
import {
  JOURNEY_PASSPHRASE as PASSPHRASE,
  giveConsent,
  openJourneyClient,
} from './journey.mjs';
import { accessibilityLog } from './axe.mjs';
import { pinKeysOnSyncScreen } from './server.mjs';

// The municipality 11-sync.test.mjs later enrols this profile with (the same ceremony).
const TOWN = 'gemeente-amersfoort';

const PHQ9_ITEM9 = '44260-8';
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const SAFETY_NOTE = 'ZZMARK-SAFETY-huisarts-gebeld';
const tid = (id) => `[data-testid="${id}"]`;

async function choose(s, testId, value) {
  const option = await s.find(`${tid(testId)} option[value="${value}"]`);
  await option.click();
  await s.waitFor(async () => (await s.property(tid(testId), 'value')) === value, 5_000, {
    message: `${testId} = ${value}`,
  });
}

async function unlockAndOpenConversation(s) {
  await openJourneyClient(s);
  // The client consents to sharing questionnaire results with the GGD (not the GP): the
  // export below is a share and checks it.
  await giveConsent(s, 'screening-results-ggd', { language: 'ar', interpreter: 'ZZ Tolk Idris', answer: 1 });
  await s.click(await s.find(`${tid('timeline-entry')} a[href*="conversation"]`, 15_000));
  await s.find(tid('conversation-editor'), 15_000);
  await s.find(tid('screening-section'), 15_000);
}

async function startQuestionnaire(s, definition, mode, language) {
  await s.click(tid('screening-start'));
  await s.find(tid('screening-start-form'));
  await choose(s, 'screening-instrument', definition);
  await s.click(tid(`screening-mode-${mode}`));
  if (language) await choose(s, 'screening-language', language);
  await s.click(tid('screening-start-submit'));
}

async function answerOnClientView(s, value) {
  const question = await s.find(tid('client-question'), 10_000);
  const link = await question.attribute('data-link-id');
  await s.click(`${tid('client-option')}[data-value="${value}"]`);
  // The next question (or the review) replaces this one. Checked in the page, without the
  // driver's implicit wait for an element that may never come (the review has no question).
  await s.waitFor(
    async () =>
      s.executeScript(
        `if (document.querySelector('[data-testid="client-review"]')) return true;
         const q = document.querySelector('[data-testid="client-question"]');
         return !!q && q.getAttribute('data-link-id') !== arguments[0];`,
        link,
      ),
    10_000,
    { message: 'next question shown' },
  );
  return link;
}

async function takeScreenBack(s) {
  await s.click(tid('client-counsellor'));
  const input = await s.find(tid('client-leave-passphrase'));
  await input.sendKeys('niet de juiste zin');
  await s.click(tid('client-leave-submit'));
  await s.find(tid('client-leave-error'), 15_000);
  await input.clear();
  await input.sendKeys(PASSPHRASE);
  await s.click(tid('client-leave-submit'));
  await s.find(tid('administration'), 20_000);
}

test('PHQ-9 read aloud with the interpreter, K10 by the client, sealed, and a pack in Arabic', async () => {
  await withSession('screening', async (s) => {
    const axe = accessibilityLog();
    await unlockAndOpenConversation(s);

    // ---- sealed instruments need the GGD's key ------------------------------------------
    // Without it the PHQ-9 (sealed for the GGD by the default policy) is refused before its
    // first question, in plain words.
    await startQuestionnaire(s, 'phq9', 'read_aloud', null);
    const refusedStart = await s.find(tid('screening-start-error'), 15_000);
    assert.match(await refusedStart.text(), /sleutel van de GGD|GGD's key/);
    assert.equal((await s.findAll(tid('administration'))).length, 0);
    await s.screenshot('41c-sealed-refused-without-ggd-key.png');
    await s.keys(Key.Escape);
    await s.waitForGone(tid('screening-start-form'), 10_000);
    // The municipality's key list, loaded before enrolment, brings the GGD's key.
    await pinKeysOnSyncScreen(s, TOWN);
    await s.screenshot('41d-ggd-key-pinned.png');
    await s.executeScript('history.back()');
    await s.find(tid('screening-section'), 15_000);

    // ---- PHQ-9 read aloud: the safety protocol at item 9 --------------------------------
    // Read aloud, the counsellor hears the answers: the protocol shows while the PHQ-9 is
    // given, even though it is sealed for the GGD once complete.
    // The conversation's language is Arabic: the PHQ-9 ships an unreviewed Arabic draft,
    // which the dialog marks as such and each answer records (text_status).
    await startQuestionnaire(s, 'phq9', 'read_aloud', null);
    await s.find(tid('administration'), 15_000);
    const attribution = await s.text(tid('attribution'));
    assert.match(attribution, /Pfizer|Spitzer|Kroenke/i, 'attribution shown');
    const items = await s.findAll(tid('item'));
    const links = [];
    for (const item of items) links.push(await item.attribute('data-link-id'));
    for (const link of links.slice(0, 9)) {
      if (link === PHQ9_ITEM9) continue;
      await s.click(`${tid('item')}[data-link-id="${link}"] ${tid('option')}[data-value="1"]`);
      await s.waitFor(
        async () => (await s.attribute(`${tid('item')}[data-link-id="${link}"]`, 'data-answered')) === 'yes',
        10_000,
        { message: `${link} answered` },
      );
    }
    assert.equal((await s.findAll(tid('safety-protocol'))).length, 0, 'no protocol before item 9');
    await s.click(`${tid('item')}[data-link-id="${PHQ9_ITEM9}"] ${tid('option')}[data-value="1"]`);
    const protocol = await s.find(tid('safety-protocol'), 10_000);
    assert.equal(await protocol.attribute('data-flag'), 'phq9.item9');
    assert.match(await s.text(tid('safety-contacts')), /0800-0113/);
    await s.screenshot('40-safety-protocol.png');
    await axe.check(s, 'safety-protocol');
    // It cannot be dismissed: Escape leaves it, and confirming needs the checkbox.
    await s.keys(Key.Escape);
    assert.equal((await s.findAll(tid('safety-protocol'))).length, 1);
    assert.equal(await s.property(tid('safety-acknowledge'), 'disabled'), true);
    await (await s.find(tid('safety-note'))).sendKeys(SAFETY_NOTE);
    await s.click(tid('safety-done'));
    await s.click(tid('safety-acknowledge'));
    await s.waitFor(async () => (await s.findAll(tid('safety-protocol'))).length === 0, 10_000, {
      message: 'protocol acknowledged',
    });
    // The difficulty question opened by a non-zero answer, then complete.
    await s.click(`${tid('item')}[data-link-id="${links[9]}"] ${tid('option')}[data-value="1"]`);
    await s.waitFor(
      async () => (await s.attribute(`${tid('item')}[data-link-id="${links[9]}"]`, 'data-answered')) === 'yes',
      10_000,
      { message: 'item 10 answered' },
    );
    await s.click(tid('administration-complete'));
    // The municipality's default policy seals the PHQ-9 for the GGD: once complete the
    // counsellor sees that it was given, not its answers or score.
    await s.find(tid('administration-sealed'), 10_000);
    assert.equal((await s.findAll(tid('result'))).length, 0, 'no score shown');
    await s.screenshot('41-phq9-sealed.png');
    await axe.check(s, 'screening-phq9-sealed');
    // ---- K10 on the client-facing view, sealed for the GGD -------------------------------
    await s.click(tid('back-to-conversation'));
    await s.find(tid('screening-section'), 15_000);
    await startQuestionnaire(s, 'k10-nl', 'self_completed', 'nl');
    await s.find(tid('client-view'), 15_000);
    // Nothing of the file is on the client's screen.
    assert.equal((await s.findAll(tid('case-search'))).length, 0);
    assert.equal((await s.findAll(tid('settings-button'))).length, 0);
    await s.screenshot('42-client-view-k10.png');
    const answered = [];
    for (let i = 0; i < 10; i++) answered.push(await answerOnClientView(s, 3));
    assert.equal(new Set(answered).size, 10, 'ten different questions, one per screen');
    await s.find(tid('client-review'));
    await s.click(tid('client-finish'));
    await s.find(tid('client-done'), 10_000);
    await s.screenshot('43-client-view-done.png');
    await takeScreenBack(s);
    await s.find(tid('administration-sealed'), 10_000);
    assert.equal((await s.findAll(tid('item'))).length, 0, 'no questions shown');
    assert.equal((await s.findAll(tid('result'))).length, 0, 'no score shown');
    const page = await s.executeScript('return document.body.innerText');
    assert.doesNotMatch(page, /zenuwachtig|vermoeid|Totaal|hoog risico|matig risico/i);
    await s.screenshot('44-k10-sealed.png');
    await axe.check(s, 'screening-sealed');

    // ---- the client's questionnaires over time ----------------------------------------------
    await s.click(tid('back-to-conversation'));
    await s.click(await s.find(tid('back-to-client'), 15_000));
    await s.find(tid('screening-over-time'), 15_000);
    assert.match(await s.text(tid('screening-over-time')), /GGD/, 'sealed PHQ-9 and K10 counted, not shown');
    assert.equal((await s.findAll(`${tid('instrument-chart')}[data-definition="phq9"]`)).length, 0, 'no chart of a sealed instrument');
    await s.executeScript("document.querySelector('[data-testid=screening-over-time]').scrollIntoView()");
    await s.screenshot('45-over-time.png');
    await axe.check(s, 'screening-over-time');

    // ---- instrument packs ------------------------------------------------------------------
    await s.click(await s.find(tid('settings-button'), 10_000));
    await s.find(tid('screening-settings'), 15_000);
    await (await s.find(tid('pack-file'))).sendKeys(path.join(FIXTURES, 'malformed-pack.json'));
    const refused = await s.find(tid('pack-refused'), 15_000);
    assert.match(await refused.text(), /invalid/);
    await s.executeScript("document.querySelector('[data-testid=pack-refused]').scrollIntoView()");
    await s.screenshot('46-pack-refused.png');
    await axe.check(s, 'pack-refused');
    await (await s.find(tid('pack-file'))).sendKeys(path.join(FIXTURES, 'tampered-pack.json'));
    await s.waitFor(async () => /different content/.test(await s.text(tid('pack-refused'))), 15_000, {
      message: 'a changed shipped definition is refused',
    });
    await (await s.find(tid('pack-file'))).sendKeys(path.join(FIXTURES, 'synthetic-pack.json'));
    await s.find(tid('pack-imported'), 15_000);
    assert.match(await s.text(tid('pack-imported')), /Test Screener 3/);

    await s.click('a[href="#/cases"]');
    const search = await s.find(tid('case-search'), 15_000);
    await search.clear();
    await search.sendKeys('zzmarkamal');
    await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
    await s.click(`${tid('case-row')} a`);
    await s.click(await s.find(`${tid('timeline-entry')} a[href*="conversation"]`, 15_000));
    await s.find(tid('screening-section'), 15_000);
    await startQuestionnaire(s, 'ts3', 'self_completed', 'ar');
    const view = await s.find(tid('client-view'), 15_000);
    assert.equal(await view.attribute('dir'), 'rtl');
    assert.equal(await view.attribute('lang'), 'ar');
    assert.match(await s.text(tid('client-question')), /المصباح/);
    await s.screenshot('47-client-view-arabic.png');
    for (let i = 0; i < 3; i++) await answerOnClientView(s, 2);
    await s.click(tid('client-finish'));
    await s.find(tid('client-done'), 10_000);
    await takeScreenBack(s);
    assert.equal(await s.attribute(tid('administration'), 'data-status'), 'completed');
    // A team questionnaire's export is a share: to the GP, without the client's consent, it is refused with
    // a clear message; to the GGD, with consent, it is written.
    await choose(s, 'administration-export-recipient', 'huisarts');
    await s.click(tid('administration-export'));
    const refusedExport = await s.find(tid('administration-export-refused'), 10_000);
    // In the UI language the earlier tests left (02-demo switches to English).
    assert.match(await refusedExport.text(), /toestemming.*huisarts|consented.*GP/i);
    assert.equal((await s.findAll(tid('administration-exported'))).length, 0);
    await s.executeScript("document.querySelector('[data-testid=administration-export-refused]').scrollIntoView({block: 'center'})");
    await s.screenshot('41b-export-refused-without-consent.png');
    // Exported as FHIR R4 into the Downloads folder, on request only.
    await choose(s, 'administration-export-recipient', 'ggd');
    await s.click(tid('administration-export'));
    const saved = await s.find(tid('administration-exported'), 10_000);
    const file = /(\/\S+\.fhir\.json)/.exec(await saved.text())?.[1];
    assert.ok(file, 'the export says where it went');
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(bundle.resourceType, 'Bundle');
    assert.ok(bundle.entry.some((e) => e.resource.resourceType === 'QuestionnaireResponse'));

    axe.assertNone();
  });

  // The counsellor's note on the safety protocol is client data: not in plaintext anywhere
  // the app writes (database, WAL, logs, settings).
  const files = await filesBelow(process.env.AANKOMST_E2E_DATA_DIR);
  assert.ok(files.length > 0);
  for (const f of files) {
    assert.ok(!containsMarker(await readFile(f), SAFETY_NOTE), `safety note in plaintext in ${f}`);
  }
});

