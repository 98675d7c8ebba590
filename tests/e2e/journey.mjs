// Steps later test files share: they build on the profile, client and conversation that
// 01-journey.test.mjs creates.
import { Key } from './webdriver.mjs';

export const JOURNEY_PROFILE = 'Fatima de Vries';
export const JOURNEY_PASSPHRASE = 'tulp fiets regen lantaarn';
const tid = (id) => `[data-testid="${id}"]`;

/** Picks an option of a select by its value and waits until the select holds it. */
export async function choose(s, testId, value) {
  const option = await s.find(`${tid(testId)} option[value="${value}"]`);
  await option.click();
  await s.waitFor(async () => (await s.property(tid(testId), 'value')) === value, 5_000, {
    message: `${testId} = ${value}`,
  });
}

/**
 * On the client screen: asks consent for one consent text in a language, with an interpreter
 * named in the dialog, and records it as given after the comprehension question. With
 * `wrongFirst`, a wrong answer is tried first and must be refused with a clear message.
 */
export async function giveConsent(s, textId, { language, interpreter, answer, wrongAnswer, screenshot } = {}) {
  const row = `${tid('consent-row')}[data-text-id="${textId}"]`;
  await s.click(await s.find(`${row} ${tid('consent-ask')}`, 15_000));
  await s.find(tid('consent-ask-dialog'), 10_000);
  await s.find(tid('consent-text-dutch'), 10_000);
  if (language) {
    await choose(s, 'consent-language', language);
    await s.find(tid('consent-text-client'), 10_000);
  }
  await choose(s, 'consent-conversation', '');
  await choose(s, 'consent-interpreter-mode', 'professional_phone');
  await (await s.find(tid('consent-interpreter-name'))).sendKeys(interpreter);
  if (wrongAnswer !== undefined) {
    await s.click(tid(`consent-option-${wrongAnswer}`));
    await s.click(tid('consent-given'));
    await s.find(tid('consent-error'), 10_000);
  }
  await s.click(tid(`consent-option-${answer}`));
  if (screenshot) await s.screenshot(screenshot);
  await s.click(tid('consent-given'));
  await s.waitForGone(tid('consent-ask-dialog'), 10_000);
  await s.waitFor(async () => (await s.attribute(row, 'data-state')) === 'given', 10_000, {
    message: `${textId} given`,
  });
}

/** Unlocks the journey's profile and opens the journey client's screen. */
export async function openJourneyClient(s) {
  await s.find(tid('profile-list'), 20_000);
  await s.click(`${tid('profile-item')}[data-profile-name="${JOURNEY_PROFILE}"]`);
  const pass = await s.find(tid('passphrase-input'));
  await pass.clear();
  await pass.sendKeys(JOURNEY_PASSPHRASE, Key.Enter);
  const search = await s.find(tid('case-search'), 30_000);
  await search.sendKeys('zzmarkamal');
  await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
  await s.click(`${tid('case-row')} a`);
  await s.find(tid('consent-section'), 15_000);
}

/** Unlocks the journey's profile and opens the journey client's first conversation. */
export async function openJourneyConversation(s) {
  await s.find(tid('profile-list'), 20_000);
  await s.click(`${tid('profile-item')}[data-profile-name="${JOURNEY_PROFILE}"]`);
  const pass = await s.find(tid('passphrase-input'));
  await pass.clear();
  await pass.sendKeys(JOURNEY_PASSPHRASE, Key.Enter);
  const search = await s.find(tid('case-search'), 30_000);
  await search.sendKeys('zzmarkamal');
  await s.waitFor(async () => (await s.findAll(tid('case-row'))).length === 1, 10_000, { message: 'one hit' });
  await s.click(`${tid('case-row')} a`);
  await s.click(await s.find(`${tid('timeline-entry')} a[href*="conversation"]`, 15_000));
  await s.find(tid('conversation-editor'), 15_000);
}
