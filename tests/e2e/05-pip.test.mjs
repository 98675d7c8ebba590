// The consent register and the PIP in the real app: consent asked with an interpreter (the
// text in Arabic beside the Dutch, marked unreviewed; a wrong answer to the comprehension
// question refused), a PIP draft with a motivering that links to an intake finding, fixed,
// signed on screen by client and counsellor with the interpreter's attestation, and in a new
// version a route change refused without a reason; then a progress review that goes through
// the goals one by one and closes two of them (issue 19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './webdriver.mjs';
import { accessibilityLog } from './axe.mjs';
import { choose, giveConsent, openJourneyClient } from './journey.mjs';

const tid = (id) => `[data-testid="${id}"]`;

async function typeInto(s, testId, text) {
  const el = await s.find(tid(testId), 10_000);
  await el.clear();
  await el.sendKeys(text);
  // Fields save on change: leave the field.
  await s.executeScript('document.activeElement && document.activeElement.blur()');
}

async function waitForPlan(s, predicate, message) {
  await s.waitFor(predicate, 10_000, { message });
}

/** Draws a stroke on a canvas with the WebDriver pointer actions (a mouse drag). */
async function draw(s, testId, points) {
  const canvas = await s.find(tid(testId));
  await s.executeScript(`document.querySelector('${tid(testId)}').scrollIntoView({block: 'center'})`);
  const origin = { 'element-6066-11e4-a52e-4f735466cecf': canvas.id };
  const [first, ...rest] = points;
  const actions = [
    { type: 'pointerMove', duration: 0, origin, x: first[0], y: first[1] },
    { type: 'pointerDown', button: 0 },
    ...rest.map(([x, y]) => ({ type: 'pointerMove', duration: 20, origin, x, y })),
    { type: 'pointerUp', button: 0 },
  ];
  await s.cmd('POST', '/actions', {
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
  });
  await s.cmd('DELETE', '/actions').catch(() => {});
}

const STROKE = [
  [-120, 10],
  [-80, -25],
  [-40, 20],
  [0, -30],
  [40, 25],
  [80, -20],
  [120, 15],
];

test('consent with an interpreter, a PIP drafted, fixed and signed, a route change refused without a reason', async () => {
  await withSession('pip', async (s) => {
    const axe = accessibilityLog();
    await openJourneyClient(s);
    // The counsellor's default language (02-demo leaves the app in English).
    if ((await s.attribute(tid('language-switch'), 'lang')) === 'nl') {
      await s.click(tid('language-switch'));
      await s.waitFor(async () => (await s.attribute(tid('language-switch'), 'lang')) === 'en', 5_000, {
        message: 'Dutch',
      });
    }

    // ---- consent: Arabic beside the Dutch, an interpreter, the comprehension question ------
    await giveConsent(s, 'intake-summary-vwn', {
      language: 'ar',
      interpreter: 'ZZ Tolk Haile',
      wrongAnswer: 0,
      answer: 2,
      screenshot: '50-consent-ask-arabic.png',
    });
    const row = `${tid('consent-row')}[data-text-id="intake-summary-vwn"]`;
    assert.match(await s.text(`${row} ${tid('consent-state')}`), /Gegeven op/);
    await s.executeScript(`document.querySelector('${row} details').open = true`);
    assert.match(await s.text(row), /ZZ Tolk Haile/);
    assert.match(await s.text(row), /Arabisch/);
    await s.executeScript(`document.querySelector('${tid('consent-section')}').scrollIntoView()`);
    await axe.check(s, 'consent-register');
    await s.screenshot('51-consent-register.png');

    // The same text in Tigrinya: Ethiopic script, marked unreviewed.
    await s.click(`${tid('consent-row')}[data-text-id="screening-results-ggd"] ${tid('consent-ask')}`);
    await s.find(tid('consent-ask-dialog'), 10_000);
    await choose(s, 'consent-language', 'ti');
    const tigrinya = await s.find(tid('consent-text-client'), 10_000);
    assert.equal(await tigrinya.attribute('lang'), 'ti');
    assert.match(await s.text(tid('consent-unreviewed')), /niet gecontroleerd/);
    await s.screenshot('52-consent-ask-tigrinya.png');
    await axe.check(s, 'consent-ask');
    await s.click(`${tid('consent-ask-dialog')} button[aria-label]`);
    await s.waitForGone(tid('consent-ask-dialog'), 10_000);

    // ---- the PIP draft ------------------------------------------------------------------
    await s.click(await s.find(tid('plan-open-draft'), 10_000));
    await s.find(tid('plan-screen'), 15_000);
    assert.equal(await s.attribute(tid('plan-screen'), 'data-status'), 'draft');
    assert.match(await s.text(tid('plan-missing')), /leerroute/);
    await choose(s, 'plan-route', 'b1');
    await typeInto(s, 'plan-main-goal', 'Werk vinden in de logistiek');
    await s.click(tid('plan-add-subgoal'));
    await typeInto(s, 'plan-subgoal-goal', 'Taalniveau B1 halen');
    await typeInto(s, 'plan-action-text', 'Drie dagdelen per week naar de taalles');
    // A second subgoal, for the progress review below.
    await s.click(tid('plan-add-subgoal'));
    await s.waitFor(async () => (await s.findAll(tid('plan-subgoal-goal'))).length === 2, 5_000, {
      message: 'second subgoal',
    });
    const second = (await s.findAll(tid('plan-subgoal-goal')))[1];
    await second.sendKeys('Een werkervaringsplek in een magazijn');
    await s.executeScript('document.activeElement && document.activeElement.blur()');
    const secondAction = (await s.findAll(tid('plan-action-text')))[1];
    await secondAction.sendKeys('Gesprek met de werkgeversservice');
    await s.executeScript('document.activeElement && document.activeElement.blur()');
    await s.click(tid('plan-add-review'));
    const reviewDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await s.executeScript(
      `const el = document.querySelector('${tid('plan-review-date')}');
       el.value = arguments[0];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      reviewDate,
    );
    await typeInto(
      s,
      'plan-motivering',
      'De leerbaarheidstoets en het eerste gesprek laten zien dat B1 haalbaar is; de cliënt wil werken.',
    );
    // Link the motivering to an intake finding (the conversation of the journey).
    const findings = await s.findAll(tid('plan-finding'));
    assert.ok(findings.length > 0, 'intake findings to link to');
    await findings[0].click();
    await waitForPlan(s, async () => (await s.findAll(tid('plan-missing'))).length === 0, 'draft complete');
    await axe.check(s, 'plan-draft');
    await s.screenshot('53-pip-draft.png');

    await s.click(tid('plan-fix'));
    await s.find(tid('plan-fixed'), 10_000);
    assert.equal(await s.attribute(tid('plan-screen'), 'data-status'), 'fixed');
    assert.equal(await s.property(tid('plan-main-goal'), 'disabled'), true, 'a fixed version is read-only');

    // ---- signatures drawn on screen and the interpreter's attestation ------------------
    assert.equal(await s.property(tid('plan-signature-client-save'), 'disabled'), true);
    await draw(s, 'plan-signature-client', STROKE);
    await typeInto(s, 'plan-signature-client-name', 'ZZ Amal');
    await s.click(tid('plan-signature-client-save'));
    await s.find(tid('plan-signature-client-image'), 10_000);
    await draw(s, 'plan-signature-counsellor', STROKE.map(([x, y]) => [x, -y]));
    await typeInto(s, 'plan-signature-counsellor-name', 'Fatima de Vries');
    await s.click(tid('plan-signature-counsellor-save'));
    await s.find(tid('plan-signature-counsellor-image'), 10_000);
    const src = await s.attribute(tid('plan-signature-client-image'), 'src');
    assert.match(src, /^data:image\/png;base64,iVBORw0KGgo/);
    await typeInto(s, 'plan-attestation-name', 'ZZ Tolk Haile');
    await choose(s, 'plan-attestation-language', 'ar');
    await s.click(tid('plan-attestation-check'));
    await s.click(tid('plan-attestation-save'));
    const attested = await s.find(tid('plan-attestation-done'), 10_000);
    assert.match(await attested.text(), /ZZ Tolk Haile.*Arabisch/);
    await s.executeScript(`document.querySelector('${tid('plan-signatures')}').scrollIntoView()`);
    await axe.check(s, 'plan-fixed');
    await s.screenshot('54-pip-signed.png');

    // ---- a new version: a route change needs a reason ----------------------------------
    await s.click(tid('plan-new-version'));
    await waitForPlan(
      s,
      async () => (await s.attribute(tid('plan-screen'), 'data-version')) === '2',
      'version 2 opened',
    );
    assert.equal(await s.property(tid('plan-main-goal'), 'value'), 'Werk vinden in de logistiek');
    await choose(s, 'plan-route', 'z');
    await s.find(tid('plan-route-change'), 10_000);
    await s.click(tid('plan-route-change-save'));
    const refused = await s.find(tid('plan-error'), 10_000);
    assert.match(await refused.text(), /routewijziging heeft een reden nodig/);
    await s.executeScript('window.scrollTo(0, 0)');
    await s.screenshot('55-route-change-refused.png');
    await typeInto(s, 'plan-route-reason', 'Na 400 uur les onvoldoende voortgang (afschaalsignaal).');
    await s.click(tid('plan-route-change-save'));
    await s.waitForGone(tid('plan-error'), 10_000);
    assert.equal((await s.findAll(tid('plan-version-link'))).length, 2, 'both versions listed');

    // ---- the planned progress review is among the case's deadlines --------------------------
    await s.click(await s.find('a[href^="#/client/"]', 10_000));
    await s.find(`${tid('case-deadline')}[data-kind="progress_review"]`, 15_000);
    const reviewBefore = await s.find(tid('trajectory-review'), 15_000);
    assert.equal(await reviewBefore.attribute('data-state'), 'open');

    // ---- a progress review: the goals one by one, two of them closed -----------------------
    await s.click(tid('new-conversation-button'));
    await s.find(tid('conversation-editor'), 15_000);
    await choose(s, 'field-conversation_type', 'progress_review');
    await s.find(tid('progress-review'), 10_000);
    await s.waitFor(async () => (await s.findAll(tid('review-goal-chip'))).length === 2, 10_000, {
      message: 'both goals of the fixed PIP',
    });
    assert.match(await s.text(tid('review-goal')), /Taalniveau B1 halen/);
    // Goal 1: reached.
    await choose(s, 'goal-status-select', 'reached');
    await s.click(tid('goal-status-save'));
    await s.waitFor(
      async () => (await s.attribute(`${tid('review-goal')} > p ${tid('goal-status-label')}`, 'data-status')) === 'reached',
      10_000,
      { message: 'goal 1 reached' },
    );
    // Goal 2: not reached needs a reason before it can be saved.
    await s.click(tid('review-next'));
    await s.waitFor(async () => /werkervaringsplek/.test(await s.text(tid('review-goal'))), 5_000, {
      message: 'goal 2 shown',
    });
    await choose(s, 'goal-status-select', 'not_reached');
    assert.equal(await s.property(tid('goal-status-save'), 'disabled'), true, 'no reason yet');
    await typeInto(s, 'goal-status-reason', 'De werkgever heeft de plek ingetrokken');
    await s.click(tid('goal-status-save'));
    await s.waitFor(
      async () => {
        const chips = await s.findAll(tid('review-goal-chip'));
        const states = await Promise.all(chips.map((c) => c.attribute('data-status')));
        return states.join(',') === 'reached,not_reached';
      },
      10_000,
      { message: 'two goals closed' },
    );
    await s.executeScript(`document.querySelector('${tid('progress-review')}').scrollIntoView()`);
    await axe.check(s, 'progress-review');
    await s.screenshot('56-progress-review.png');

    // The case shows the review held and both goals closed.
    await s.click(tid('back-to-client'));
    await s.waitFor(
      async () => {
        const goals = await s.findAll(tid('trajectory-goal'));
        const states = await Promise.all(goals.map((g) => g.attribute('data-status')));
        return states.join(',') === 'reached,not_reached';
      },
      15_000,
      { message: 'goals closed on the case' },
    );
    assert.equal(await s.attribute(tid('trajectory-review'), 'data-state'), 'met');
    await s.executeScript(`document.querySelector('${tid('trajectory')}').scrollIntoView()`);
    await axe.check(s, 'trajectory');
    await s.screenshot('57-case-trajectory.png');
    axe.assertNone();
  });
});
