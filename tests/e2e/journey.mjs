// Steps later test files share: they build on the profile, client and conversation that
// 01-journey.test.mjs creates.
import { Key } from './webdriver.mjs';

export const JOURNEY_PROFILE = 'Fatima de Vries';
export const JOURNEY_PASSPHRASE = 'tulp fiets regen lantaarn';
const tid = (id) => `[data-testid="${id}"]`;

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
