// Accessibility checks in the real window: axe-core (ui/node_modules/axe-core) is injected
// into the page through WebDriver and run against WCAG 2.0/2.1/2.2 A and AA rules. A serious
// or critical violation fails the test; every result is written to the artifacts folder.
import assert from 'node:assert/strict';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.resolve(HERE, '../../ui/node_modules/axe-core/axe.min.js');
const ARTIFACTS = process.env.AANKOMST_E2E_ARTIFACTS ?? path.resolve(HERE, 'artifacts');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let source;

/** Runs axe on the current page; returns the serious and critical violations (and saves all). */
export async function axeViolations(s, screen) {
  source ??= await readFile(AXE, 'utf8');
  // Injected once per page load: the app is a single page, so it stays between screens.
  const present = await s.executeScript('return typeof window.axe === "object"');
  if (!present) await s.executeScript(`${source}\nreturn true;`);
  await s.settle();
  const result = await s.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
       .then((r) => done({ ok: true, violations: r.violations.map((v) => ({
         id: v.id, impact: v.impact, help: v.help,
         nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
       })) }))
       .catch((e) => done({ ok: false, error: String(e) }));`,
  );
  assert.ok(result.ok, `axe did not run on ${screen}: ${result.error}`);
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(path.join(ARTIFACTS, `axe-${screen}.json`), JSON.stringify(result.violations, null, 2));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The serious and critical violations on the current screen, one line each, named by screen. */
export async function accessibilityProblems(s, screen) {
  const bad = await axeViolations(s, screen);
  return bad.map((v) => `${screen}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target).join(', ')}`);
}

/**
 * Collects problems screen by screen and fails once at the end with all of them, so one run
 * shows everything to fix: `const axe = accessibilityLog(); await axe.check(s, 'cases'); … axe.assertNone()`.
 */
export function accessibilityLog() {
  const problems = [];
  return {
    async check(s, screen) {
      problems.push(...(await accessibilityProblems(s, screen)));
    },
    assertNone() {
      assert.deepEqual(problems, [], 'axe: no serious or critical violations');
    },
  };
}
