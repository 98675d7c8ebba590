// Every client in their own language and script (issue 7), in the real app: a synthetic
// instrument pack in many languages is imported; the client answers on the client-facing
// view while the language is switched from Arabic to Tigrinya to Farsi, and the counsellor
// then sees which language each question was shown in. The Arabic and Farsi views must lay
// out right to left (checked in the computed style and in the mirrored position of the answer
// pictures), the bundled Noto fonts must be the ones loaded, and the interpreter's view shows
// the question in Dutch and nothing else of the file. Amharic (no client bundle yet) shows the
// view's buttons in English with a visible mark, and plays the pack's recordings (spoken by
// espeak-ng at test time) from memory. axe-core checks every counsellor screen on the way (no
// serious or critical WCAG 2.2 A/AA violation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSession, Key } from './webdriver.mjs';
import { JOURNEY_PASSPHRASE as PASSPHRASE, JOURNEY_PROFILE } from './journey.mjs';
import { accessibilityLog } from './axe.mjs';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const tid = (id) => `[data-testid="${id}"]`;

async function choose(s, testId, value) {
  await (await s.find(`${tid(testId)} option[value="${value}"]`)).click();
  await s.waitFor(async () => (await s.property(tid(testId), 'value')) === value, 5_000, {
    message: `${testId} = ${value}`,
  });
}

const TS3 = { url: 'https://example.org/fhir/Questionnaire/test-screener-3', version: '1.0.0' };
// Amharic: a language with no client bundle (the view's buttons fall back to English, marked)
// and with recordings of the questions and answers, spoken by espeak-ng at test time.
const AMHARIC = {
  items: {
    stem: 'ስለ ምናባዊው የሙከራ ሳምንት ያስቡ።',
    'ts3.1': 'ምናባዊው መብራት ምን ያህል ጊዜ ብልጭ አለ?',
    'ts3.2': 'የፈጠራ በጎችን ምን ያህል ጊዜ ቆጠሩ?',
    'ts3.3': 'የናሙናው ማንቆርቆሪያ ምን ያህል ጊዜ ጮኸ?',
  },
  answers: { 'ts.never': 'በጭራሽ', 'ts.sometimes': 'አንዳንድ ጊዜ', 'ts.often': 'ብዙ ጊዜ' },
};

/** A pack with the Amharic translation and a WAV recording of every text, made with espeak-ng. */
async function spokenAmharicPack(dir) {
  const speak = async (text, name) => {
    const file = path.join(dir, `${name}.wav`);
    execFileSync('espeak-ng', ['-v', 'am', '-w', file, text]);
    return { media_type: 'audio/wav', data: (await readFile(file)).toString('base64') };
  };
  const audio = { items: {}, answers: {} };
  for (const [key, text] of Object.entries(AMHARIC.items)) audio.items[key] = await speak(text, key);
  for (const [key, text] of Object.entries(AMHARIC.answers)) audio.answers[key] = await speak(text, key);
  const pack = {
    pack: { id: 'spoken-amharic', version: '1', publisher: 'Aankomst test suite', licence_note: 'Synthetic: invented wording, recordings by espeak-ng' },
    translations: [{ definition_url: TS3.url, definition_version: TS3.version, language: 'am', review_status: 'unreviewed', ...AMHARIC, audio }],
  };
  const file = path.join(dir, 'spoken-amharic-pack.json');
  await writeFile(file, JSON.stringify(pack));
  return file;
}

async function importPack(s, file, packId) {
  await (await s.find(tid('pack-file'))).sendKeys(path.isAbsolute(file) ? file : path.join(FIXTURES, file));
  await s.waitForText(tid('pack-imported'), packId, 15_000);
}

/** The families of the web fonts the page has loaded (bundled files, no system fonts). */
async function loadedFonts(s) {
  return s.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     document.fonts.ready.then(() => done([...document.fonts]
       .filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, ''))));`,
  );
}

/** The client view's computed direction, and whether the answer picture sits to the right of its words. */
async function layout(s) {
  return s.executeScript(
    `const view = document.querySelector('[data-testid="client-view"]');
     const option = document.querySelector('[data-testid="client-option"]');
     const picture = option.querySelector('.scale').getBoundingClientRect();
     const words = option.querySelector('.label').getBoundingClientRect();
     return { direction: getComputedStyle(view).direction, pictureRight: picture.left > words.left };`,
  );
}

async function switchLanguage(s, lang) {
  await s.click(tid('client-language'));
  await s.click(`${tid('client-language-option')}[data-language="${lang}"]`);
  await s.waitFor(async () => (await s.attribute(tid('client-view'), 'lang')) === lang, 10_000, {
    message: `client view in ${lang}`,
  });
}

async function answer(s, value) {
  const link = await s.attribute(tid('client-question'), 'data-link-id');
  await s.click(`${tid('client-option')}[data-value="${value}"]`);
  await s.waitFor(
    async () => {
      if ((await s.findAll(tid('client-review'))).length > 0) return true;
      const now = await s.findAll(tid('client-question'));
      return now.length > 0 && (await now[0].attribute('data-link-id')) !== link;
    },
    10_000,
    { message: 'next question shown' },
  );
  return link;
}

test('the client view in Arabic, Tigrinya and Farsi; each answer keeps its language; counsellor screens pass axe', async () => {
  const scratch = await mkdtemp(path.join(tmpdir(), 'aankomst-e2e-audio-'));
  const amharicPack = await spokenAmharicPack(scratch);
  try {
  await withSession('languages', async (s) => {
    const axe = accessibilityLog();
    // ---- counsellor screens before and after unlocking ---------------------------------
    await s.find(tid('profile-list'), 20_000);
    await axe.check(s, 'start');
    await s.click(`${tid('profile-item')}[data-profile-name="${JOURNEY_PROFILE}"]`);
    const pass = await s.find(tid('passphrase-input'));
    await axe.check(s, 'unlock');
    await pass.sendKeys(PASSPHRASE, Key.Enter);
    await s.find(tid('case-search'), 30_000);
    await axe.check(s, 'cases');

    await s.click(tid('new-client-button'));
    await s.find(tid('new-client-form'), 10_000);
    await axe.check(s, 'new-client');
    await s.keys(Key.Escape);

    await s.click(tid('nav-deadlines'));
    await s.find('[data-testid^="deadlines-overdue"]', 15_000);
    await axe.check(s, 'deadlines');

    await s.click(await s.find(tid('settings-button'), 10_000));
    await s.find(tid('screening-settings'), 15_000);
    await axe.check(s, 'settings');
    await importPack(s, 'synthetic-pack.json', 'synthetic-test-pack');
    await importPack(s, 'synthetic-languages-pack.json', 'synthetic-languages-pack');
    await importPack(s, amharicPack, 'spoken-amharic');

    await s.click('a[href="#/cases"]');
    const search = await s.find(tid('case-search'), 15_000);
    await search.clear();
    await search.sendKeys('zzmarkamal');
    await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
    await s.click(`${tid('case-row')} a`);
    await s.find(`${tid('timeline-entry')} a[href*="conversation"]`, 15_000);
    await axe.check(s, 'client');
    await s.click(`${tid('timeline-entry')} a[href*="conversation"]`);
    await s.find(tid('screening-section'), 15_000);
    await axe.check(s, 'conversation');

    await s.click(tid('screening-start'));
    await s.find(tid('screening-start-form'));
    await choose(s, 'screening-instrument', 'ts3');
    await s.click(tid('screening-mode-self_completed'));
    await choose(s, 'screening-language', 'ar');
    await axe.check(s, 'screening-start');
    await s.click(tid('screening-start-submit'));

    // ---- Arabic: right to left, the Arabic font, the counsellor told it is unreviewed --
    await s.find(tid('client-view'), 15_000);
    await s.waitForText(tid('client-question'), 'المصباح', 10_000);
    assert.deepEqual(await layout(s), { direction: 'rtl', pictureRight: true }, 'Arabic laid out right to left');
    assert.ok((await loadedFonts(s)).includes('Noto Sans Arabic'), 'bundled Noto Sans Arabic in use');
    assert.equal(await s.attribute(tid('client-review-status'), 'data-controls'), 'unreviewed');
    assert.equal(await s.attribute(tid('client-review-status'), 'data-questions'), 'unreviewed');
    assert.match(await s.text(tid('client-dont-know')), /لا أعرف/);
    // Nothing of the file is on the client's screen.
    assert.equal((await s.findAll(tid('case-search'))).length, 0);
    await s.screenshot('70-client-view-arabic.png');
    await axe.check(s, 'client-view-arabic');
    const shownIn = {};
    shownIn[await answer(s, 1)] = 'ar';

    // ---- Tigrinya, in Ge'ez script, left to right ---------------------------------------
    await switchLanguage(s, 'ti');
    await s.waitForText(tid('client-question'), 'ኣባጊዕ', 10_000);
    assert.equal((await layout(s)).direction, 'ltr');
    assert.ok((await loadedFonts(s)).includes('Noto Sans Ethiopic'), 'bundled Noto Sans Ethiopic in use');
    assert.match(await s.text(tid('client-dont-know')), /ኣይፈልጥን/);
    await s.screenshot('71-client-view-tigrinya.png');
    shownIn[await answer(s, 2)] = 'ti';

    // ---- Farsi, right to left, with the interpreter's Dutch beside it -------------------
    await switchLanguage(s, 'fa');
    await s.waitForText(tid('client-question'), 'قوری', 10_000);
    assert.deepEqual(await layout(s), { direction: 'rtl', pictureRight: true }, 'Farsi laid out right to left');
    await s.screenshot('72-client-view-farsi.png');
    await s.click(tid('client-interpreter-toggle'));
    const beside = await s.find(tid('interpreter-text'), 10_000);
    assert.match(await beside.text(), /Hoe vaak was de voorbeeldtheepot luid\?/);
    assert.equal(await beside.attribute('lang'), 'nl');
    assert.equal((await s.findAll(tid('interpreter-option'))).length, 3);
    // Only the question on screen: no other question's text, no name from the file.
    const page = await s.executeScript('return document.body.innerText');
    assert.doesNotMatch(page, /knipperde|schapen|Amal|zzmark/i);
    await s.screenshot('73-client-view-interpreter.png');
    await s.click(tid('client-interpreter-toggle'));
    await s.waitForGone(tid('interpreter-text'), 10_000);

    // ---- Amharic: no client bundle yet, so the buttons fall back to English, marked; the
    // question and its answers can be heard (espeak-ng recordings from the pack) -----------
    await switchLanguage(s, 'am');
    await s.waitForText(tid('client-question'), 'ማንቆርቆሪያ', 10_000);
    assert.equal(await s.attribute(`${tid('client-dont-know')} [data-fallback]`, 'data-fallback'), 'en');
    assert.equal(await s.attribute(tid('client-review-status'), 'data-controls'), 'missing');
    assert.equal((await s.findAll(tid('client-listen-option'))).length, 3);
    await s.click(tid('client-listen-question'));
    // WebKit decodes the WAV from memory: its length is known once the metadata is read.
    const duration = await s.waitFor(
      async () => {
        const d = await s.executeScript(
          "const a = document.querySelector('[data-testid=\"client-audio\"]');"
            + " return a.src.startsWith('data:audio/wav;base64,') && a.readyState >= 1 ? a.duration : 0;",
        );
        return d > 0 ? d : false;
      },
      10_000,
      { message: 'the recording loaded' },
    );
    assert.ok(duration > 0.3 && duration < 30, `a spoken question lasts ${duration} s`);
    await s.screenshot('75-client-view-amharic-audio.png');
    shownIn[await answer(s, 0)] = 'am';

    await s.click(tid('client-finish'));
    await s.find(tid('client-done'), 10_000);
    await s.click(tid('client-counsellor'));
    await (await s.find(tid('client-leave-passphrase'))).sendKeys(PASSPHRASE);
    await s.click(tid('client-leave-submit'));
    await s.find(tid('administration'), 20_000);

    // ---- the record: which language each question was shown in -------------------------
    assert.deepEqual(Object.values(shownIn), ['ar', 'ti', 'am']);
    for (const [link, lang] of Object.entries(shownIn)) {
      assert.equal(
        await s.attribute(`${tid('item')}[data-link-id="${link}"] ${tid('answer-language')}`, 'data-language'),
        lang,
        `${link} shown in ${lang}`,
      );
    }
    assert.match(await s.text(tid('administration-language-changes')), /Arabisch → Tigrinya → Farsi.* → Amhaars/);
    await s.screenshot('74-administration-languages.png');
    await axe.check(s, 'administration');
    axe.assertNone();
  });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
