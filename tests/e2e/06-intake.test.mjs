// The brede intake in the real app, on the journey's client: three conversations with a
// professional interpreter, the guide's topics filled across them (a mandatory part marked
// "not applicable" without a reason is refused and nothing typed is lost), the financial
// self-reliance screening read aloud, fixed costs and toeslagen entered (a bad amount is
// refused with its reason), the leefgeld, the "ready for the PIP?" overview showing what is
// missing, and the household view. Then the raw bytes of every file the app wrote are
// searched for the planted markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { withSession } from './webdriver.mjs';
import { accessibilityLog } from './axe.mjs';
import { containsMarker, filesBelow } from './files.mjs';
import { openJourneyConversation } from './journey.mjs';

const MARK_GUIDE = 'ZZMARK-GUIDE-apotheek';
const MARK_CREDITOR = 'Zzmarkwoonstad';
const tid = (id) => `[data-testid="${id}"]`;

// Ontzorgen runs in the months around the real "today" (the app has its own clock): it
// started on the first of last month (M0).
const NOW = new Date();
const M0 = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 1, 1));
function day(months, days = 0) {
  const d = new Date(Date.UTC(M0.getUTCFullYear(), M0.getUTCMonth() + months, 1 + days));
  return d.toISOString().slice(0, 10);
}

async function choose(s, css, value) {
  const option = await s.find(`${css} option[value="${value}"]`);
  await option.click();
  await s.waitFor(async () => (await s.property(css, 'value')) === value, 5_000, {
    message: `${css} = ${value}`,
  });
}

async function typeInto(s, css, text) {
  const el = await s.find(css);
  await el.clear();
  await el.sendKeys(text);
}

// WebKitGTK's date inputs are not typed into reliably through WebDriver: set the value and
// fire the input event the page listens to, as a date picker would.
async function setDate(s, css, value) {
  await s.find(css);
  await s.executeScript(
    `const el = document.querySelector(arguments[0]);
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    css,
    value,
  );
}

async function waitSaved(s) {
  await s.waitFor(
    async () => {
      const statuses = await s.findAll(tid('save-status'));
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

/** A new conversation from the client screen, with a professional interpreter in Arabic. */
async function newConversation(s, when) {
  await s.click(await s.find(tid('new-conversation-button'), 15_000));
  await s.find(tid('conversation-editor'), 15_000);
  await setDate(s, tid('field-starts_at'), when);
  await s.executeScript(`document.querySelector('[data-testid="field-starts_at"]').dispatchEvent(new Event('blur'))`);
  await choose(s, tid('field-interpreter_mode'), 'professional_in_person');
  await typeInto(s, tid('field-interpreter_register_number'), '20417');
  await choose(s, tid('field-language_used'), 'ar');
  await waitSaved(s);
  await s.find(tid('guide-section'), 15_000);
}

async function openTopic(s, topic) {
  await s.click(`${tid('guide-topic')}[data-topic="${topic}"]`);
  await s.find(`${tid('guide-entry-form')}[data-topic="${topic}"]`, 5_000);
}

async function saveTopic(s, topic, status) {
  await s.click(tid('guide-save'));
  await s.waitFor(
    async () =>
      (await s.findAll(tid('guide-entry-form'))).length === 0 &&
      (await s.attribute(`${tid('guide-topic')}[data-topic="${topic}"]`, 'data-status')) === status,
    10_000,
    { message: `${topic} saved as ${status}` },
  );
}

async function backToClient(s) {
  await s.click(await s.find(tid('back-to-client'), 15_000));
  await s.find(tid('client-header'), 15_000);
}

test('an intake over three conversations, money and ontzorgen, ready for the PIP, the household', async () => {
  await withSession('intake', async (s) => {
    const axe = accessibilityLog();
    await openJourneyConversation(s);
    await backToClient(s);
    const clientId = await s.executeScript('return location.hash.split("/").pop()');

    // ---- conversation 1: education begun, language covered, the financial screening ------
    await newConversation(s, '2026-03-02T10:00');
    await openTopic(s, 'education_work_origin');
    await choose(s, tid('guide-field-highest_level'), 'secondary');
    await typeInto(s, tid('guide-field-years_of_schooling'), '11');
    await choose(s, tid('guide-field-education_country'), 'SY');
    await typeInto(s, tid('guide-notes'), `${MARK_GUIDE}: diploma ligt nog in Damascus`);
    await s.click(tid('guide-status-to_do'));
    await saveTopic(s, 'education_work_origin', 'to_do');
    await openTopic(s, 'language');
    await choose(s, tid('guide-field-literacy_own_script'), 'literate');
    await choose(s, tid('guide-field-literacy_latin_script'), 'limited');
    await choose(s, tid('guide-field-dutch_level'), 'none');
    await typeInto(s, tid('guide-notes'), 'يقرأ ويكتب العربية جيدا');
    await s.click(tid('guide-status-covered'));
    await saveTopic(s, 'language', 'covered');
    assert.match(await s.text(tid('guide-summary')), /3 verplichte onderdelen open/);
    await s.executeScript("document.querySelector('[data-testid=guide-section]').scrollIntoView()");
    await axe.check(s, 'conversation-guide');
    await s.screenshot('60-guide-first-conversation.png');

    // The financial self-reliance screening, read aloud with the interpreter: "yes" to the
    // six descriptors of "onvoldoende", "no" to the rest.
    await s.click(tid('screening-start'));
    await s.find(tid('screening-start-form'));
    await choose(s, tid('screening-instrument'), 'financiele-zelfredzaamheid');
    await s.click(tid('screening-mode-read_aloud'));
    await s.click(tid('screening-start-submit'));
    await s.find(tid('administration'), 15_000);
    const items = await s.findAll(tid('item'));
    const links = [];
    for (const item of items) links.push(await item.attribute('data-link-id'));
    const choice = links.filter((l) => /^fz\.[a-z]+\.[a-z]+$/.test(l));
    assert.equal(choice.length, 18, 'eighteen descriptors');
    for (const link of choice) {
      const value = link.endsWith('.onvoldoende') ? 1 : 0;
      await s.click(`${tid('item')}[data-link-id="${link}"] ${tid('option')}[data-value="${value}"]`);
      await s.waitFor(
        async () => (await s.attribute(`${tid('item')}[data-link-id="${link}"]`, 'data-answered')) === 'yes',
        10_000,
        { message: `${link} answered` },
      );
    }
    await s.click(tid('administration-complete'));
    await s.find(tid('result'), 10_000);
    assert.equal(await s.attribute(tid('result-category'), 'data-code'), 'onvoldoende');
    await s.click(tid('back-to-conversation'));
    await s.find(tid('conversation-editor'), 15_000);
    await backToClient(s);

    // ---- conversation 2: work experience; a reasonless "not applicable" is refused ------
    await newConversation(s, '2026-03-16T10:00');
    await openTopic(s, 'education_work_origin');
    // What the first conversation recorded is shown for reference.
    assert.ok((await s.findAll(tid('guide-earlier'))).length >= 3, 'earlier values shown');
    await typeInto(s, tid('guide-field-occupations'), 'Apothekersassistent');
    await typeInto(s, tid('guide-field-years_of_work'), '6');
    await s.click(tid('guide-status-covered'));
    await saveTopic(s, 'education_work_origin', 'covered');
    await openTopic(s, 'personal_circumstances');
    await typeInto(s, tid('guide-field-physical_health'), 'Rugklachten');
    await s.click(tid('guide-status-not_applicable'));
    await s.click(tid('guide-save'));
    const refusal = await s.find(tid('guide-error'), 10_000);
    assert.match(await refusal.text(), /reden/i);
    assert.equal(await s.property(tid('guide-field-physical_health'), 'value'), 'Rugklachten', 'nothing typed is lost');
    await s.screenshot('61-guide-refused.png');
    await s.click(tid('guide-status-to_do'));
    await choose(s, tid('guide-field-capacity'), 'limited');
    await saveTopic(s, 'personal_circumstances', 'to_do');
    await backToClient(s);

    // ---- conversation 3: health covered; household and housing ---------------------------
    await newConversation(s, '2026-03-30T10:00');
    await openTopic(s, 'personal_circumstances');
    await typeInto(s, tid('guide-field-referrals'), 'GGD-screening aangevraagd');
    await s.click(tid('guide-status-covered'));
    await saveTopic(s, 'personal_circumstances', 'covered');
    await openTopic(s, 'household');
    await choose(s, tid('guide-field-household_type'), 'couple_without_children');
    await choose(s, tid('guide-field-family_reunification'), 'applied');
    await s.click(tid('guide-status-covered'));
    await saveTopic(s, 'household', 'covered');
    await s.executeScript("document.querySelector('[data-testid=guide-section]').scrollIntoView()");
    await s.screenshot('62-guide-third-conversation.png');

    // ---- ready for the PIP? The learnability test is still missing, listed first ---------
    await s.click(tid('guide-overview-link'));
    await s.find(tid('intake-overview'), 15_000);
    assert.equal(await s.attribute(tid('pip-readiness'), 'data-ready'), 'no');
    const topics = await s.findAll(tid('guide-overview-topic'));
    assert.equal(topics.length, 15);
    assert.equal(await topics[0].attribute('data-topic'), 'learnability');
    assert.equal(await topics[0].attribute('data-mandatory'), 'yes');
    assert.equal(await topics[0].attribute('data-status'), 'not_started');
    const edu = await s.find(`${tid('guide-overview-topic')}[data-topic="education_work_origin"]`);
    assert.equal(await edu.attribute('data-status'), 'covered');
    assert.match(await edu.text(), /Apothekersassistent/);
    assert.match(await edu.text(), /Voortgezet onderwijs/);
    // Covered topics come after every missing one.
    const statuses = [];
    for (const tp of topics) statuses.push(await tp.attribute('data-status'));
    const firstDone = statuses.findIndex((st) => st === 'covered' || st === 'not_applicable');
    assert.ok(statuses.slice(firstDone).every((st) => st === 'covered' || st === 'not_applicable'));
    await axe.check(s, 'ready-for-pip');
    await s.screenshot('63-ready-for-pip.png');
    // The Arabic note on language and literacy reads right to left where it stands.
    await s.executeScript("document.querySelector('[data-topic=language]').scrollIntoView()");
    assert.match(await s.text(`${tid('guide-overview-topic')}[data-topic="language"]`), /العربية/);
    await s.screenshot('63b-ready-for-pip-done.png');
    await backToClient(s);

    // ---- money and ontzorgen ----------------------------------------------------------------
    await s.click(tid('money-link'));
    await s.find(tid('money-screen'), 15_000);
    await setDate(s, tid('money-start'), day(0));
    await s.click(tid('money-start-save'));
    await s.waitFor(async () => !/—/.test(await s.text(tid('money-end'))), 10_000, {
      message: 'ontzorgen end shown',
    });
    await typeInto(s, tid('money-benefit'), '1.285,33');
    await s.click(tid('money-income-save'));
    await s.find(tid('money-leefgeld-now'), 10_000);

    async function editCost(kind, fill) {
      await s.click(`${tid('fixed-cost')}[data-kind="${kind}"] ${tid('cost-edit')}`);
      await s.find(`${tid('money-cost-form')}[data-kind="${kind}"]`, 5_000);
      await fill();
      await s.click(tid('cost-save'));
    }
    await editCost('rent', async () => {
      await typeInto(s, tid('cost-amount'), '612,50');
      await typeInto(s, tid('cost-creditor'), MARK_CREDITOR);
      await setDate(s, tid('cost-authorised_on'), day(0, 1));
      await setDate(s, tid('cost-direct_debit_stopped_on'), day(0, 8));
      await setDate(s, tid('cost-payment_started_on'), day(0, 14));
      await setDate(s, tid('cost-phase_out_on'), day(5));
    });
    await s.waitFor(
      async () => (await s.attribute(`${tid('fixed-cost')}[data-kind="rent"]`, 'data-state')) === 'payment_running',
      10_000,
      { message: 'rent paid by the municipality' },
    );
    // A bad amount is refused with its reason; the form keeps what was typed.
    await editCost('energy', async () => {
      await typeInto(s, tid('cost-amount'), 'honderdveertig');
      await setDate(s, tid('cost-authorised_on'), day(0, 1));
    });
    assert.match(await s.text(await s.find(tid('cost-error'), 10_000)), /bedrag/i);
    await s.screenshot('64-money-bad-amount.png');
    assert.equal(await s.property(tid('cost-amount'), 'value'), 'honderdveertig');
    await typeInto(s, tid('cost-amount'), '140');
    await setDate(s, tid('cost-payment_started_on'), day(0, 14));
    await setDate(s, tid('cost-phase_out_on'), day(3));
    await s.click(tid('cost-save'));
    await s.waitFor(async () => (await s.findAll(tid('money-cost-form'))).length === 0, 10_000, { message: 'energy saved' });
    // Health insurance paid while the insurer's direct debit still runs: a warning.
    await editCost('health_insurance', async () => {
      await typeInto(s, tid('cost-amount'), '155,99');
      await setDate(s, tid('cost-authorised_on'), day(0, 1));
      await setDate(s, tid('cost-payment_started_on'), day(0, 14));
    });
    await s.find(`${tid('fixed-cost')}[data-kind="health_insurance"] ${tid('cost-warning')}[data-warning="double_payment_risk"]`, 10_000);
    await editCost('water', async () => {
      await s.click(tid('cost-client_pays'));
    });
    await s.waitFor(
      async () => (await s.attribute(`${tid('fixed-cost')}[data-kind="water"]`, 'data-state')) === 'client_pays',
      10_000,
      { message: 'water paid by the client' },
    );

    async function editAllowance(kind, fill) {
      await s.click(`${tid('allowance')}[data-kind="${kind}"] ${tid('allowance-edit')}`);
      await s.find(`${tid('money-allowance-form')}[data-kind="${kind}"]`, 5_000);
      await fill();
      await s.click(tid('allowance-save'));
      await s.waitFor(async () => (await s.findAll(tid('money-allowance-form'))).length === 0, 10_000, {
        message: `${kind} saved`,
      });
    }
    await editAllowance('zorgtoeslag', async () => {
      await setDate(s, tid('allowance-applied_on'), day(0, 1));
      await setDate(s, tid('allowance-received_on'), day(2));
      await typeInto(s, tid('allowance-monthly'), '123');
    });
    await editAllowance('huurtoeslag', async () => {
      await setDate(s, tid('allowance-applied_on'), day(0, 1));
      await typeInto(s, tid('allowance-monthly'), '301');
    });
    await editAllowance('kinderopvangtoeslag', async () => {
      await s.click(tid('allowance-not_applicable'));
    });
    // The projection: the first month, 1285,33 − (612,50 + 140,00 + 155,99) = 376,84.
    const first = await s.find(`${tid('projection-month')}[data-month="${day(0)}"]`, 10_000);
    assert.match(await first.text(), /376,84/);
    // Month 4: energy phased out (+140), zorgtoeslag received since month 3 (+123): 639,84.
    const fourth = await s.find(`${tid('projection-month')}[data-month="${day(3)}"]`);
    assert.match(await fourth.text(), /639,84/);
    const months = await s.findAll(tid('projection-month'));
    assert.equal(months.length, 6);
    const measurements = await s.findAll(tid('fz-measurement'));
    assert.equal(measurements.length, 1);
    assert.equal(await measurements[0].attribute('data-level'), 'onvoldoende');
    await axe.check(s, 'money');
    await s.screenshot('65-money.png');
    await s.executeScript("document.querySelector('[data-testid=money-projection]').scrollIntoView()");
    await s.screenshot('66-money-projection.png');
    await backToClient(s);

    // ---- the household: the partner (a nareiziger) stays in view ---------------------------
    await s.click(tid('household-link'));
    await s.find(tid('household-screen'), 15_000);
    const members = await s.findAll(tid('household-member'));
    assert.equal(members.length, 2);
    const self = await s.find(`${tid('household-member')}[data-client-id="${clientId}"]`);
    assert.equal(await s.attribute(`${tid('household-member')}[data-client-id="${clientId}"] ${tid('member-guide')}`, 'data-done'), '4');
    assert.ok(await self.text());
    await s.find(tid('member-ontzorgen'));
    // The partner, a nareiziger: an expected arrival, and an alert that she has no intake.
    const partnerCss = `${tid('household-member')}:not([data-client-id="${clientId}"])`;
    await s.click(`${partnerCss} ${tid('arrival-edit')}`);
    await setDate(s, tid('arrival-expected'), day(2, 9));
    await s.click(tid('arrival-save'));
    await s.waitFor(async () => /Verwacht op/.test(await s.text(`${partnerCss} ${tid('member-arrival')}`)), 10_000, {
      message: 'expected arrival shown',
    });
    const alert = await s.find(`${partnerCss} ${tid('member-alert')}`);
    assert.equal(await alert.attribute('data-alert'), 'not_arrived');
    await axe.check(s, 'household');
    await s.screenshot('67-household.png');
    // Each member is one click away.
    await s.click(`${partnerCss} ${tid('household-member-link')}`);
    await s.find(tid('client-header'), 15_000);
    axe.assertNone();
  });

  // Guide notes and creditors are client data: not in plaintext anywhere the app writes.
  const files = await filesBelow(process.env.AANKOMST_E2E_DATA_DIR);
  assert.ok(files.length > 0);
  for (const f of files) {
    const bytes = await readFile(f);
    assert.ok(!containsMarker(bytes, MARK_GUIDE), `guide note in plaintext in ${f}`);
    assert.ok(!containsMarker(bytes, MARK_CREDITOR), `creditor in plaintext in ${f}`);
  }
});
