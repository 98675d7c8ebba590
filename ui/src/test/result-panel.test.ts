import { FluentResource } from '@fluent/bundle';
import { render, screen } from '@testing-library/svelte';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../lib/bindings/Decision';
import { applyLanguage, SOURCES, translateIn } from '../lib/i18n.svelte';
import ResultPanel from '../lib/screening/ResultPanel.svelte';
import type { ScoreResult } from '../lib/types';

function result(over: Partial<ScoreResult>): ScoreResult {
  return {
    definition_url: 'https://aankomst.nl/fhir/Questionnaire/test',
    definition_version: '1.0.0',
    definition_hash: 'sha256:0',
    scorer_version: 'aankomst-instruments-scorer/1',
    total: null,
    imputed: false,
    band: null,
    subscales: [],
    flags: [],
    rules: [],
    missing: { not_asked: 0, declined: 0, dont_know: 0 },
    missing_items: 0,
    skipped_items: 0,
    category: null,
    record_only: false,
    explanation: { key: 'instrument-score-complete', args: {} },
    ...over,
  };
}

const PHQ9 = result({
  total: { numerator: 17, denominator: 1 },
  band: { set: 'phq9-severity', code: 'moderately_severe', direction: 'higher_is_worse' },
  flags: [{ id: 'phq9.item9', kind: 'safety', state: 'raised' }],
  explanation: { key: 'instrument-score-complete', args: { missing: '0', total: '17' } },
});

const FZ_SET = 'financiele-zelfredzaamheid-vji-2021';

/** Self-reliance with counts 3 / 3 / 0: no level reaches 4, the tie goes to onvoldoende. */
const FZ_TIE = result({
  category: {
    set: FZ_SET,
    code: 'onvoldoende',
    display: 'Onvoldoende financieel zelfredzaam',
    ordinal: 1,
    direction: 'higher_is_better',
    decided_by: 'none_reached_tie_most_support',
    counts: [
      { code: 'onvoldoende', count: 3 },
      { code: 'beperkt', count: 3 },
      { code: 'voldoende', count: 0 },
    ],
  },
  // The arguments exactly as the scorer sends them.
  explanation: {
    key: 'instrument-level-none-tie-most-support',
    args: {
      set: FZ_SET,
      at_least: '4',
      of: '6',
      counts: 'onvoldoende 3, beperkt 3, voldoende 0',
      rule: 'none_reached_tie_most_support',
      level: 'onvoldoende',
      count: '3',
      policy: 'none_reach = most_yes_then_most_support',
      levels: 'onvoldoende, beperkt',
    },
  },
});

const RECORD = result({
  record_only: true,
  explanation: { key: 'instrument-record-only', args: { answered: '7' } },
});

describe('result panel', () => {
  it('shows a PHQ-9 total, its band and a raised safety flag, as a signal', () => {
    render(ResultPanel, { props: { result: PHQ9 } });
    expect(screen.getByTestId('result-total')).toHaveTextContent('17');
    expect(screen.getByTestId('result-band')).toHaveTextContent('matig ernstig');
    expect(screen.getByTestId('result-band')).toHaveTextContent('hoger betekent meer klachten');
    const flag = screen.getByTestId('result-flag');
    expect(flag).toHaveAttribute('data-flag', 'phq9.item9');
    expect(flag).toHaveClass('flag-safety');
    expect(flag).toHaveTextContent('Vraag 9');
    expect(screen.getByTestId('result-explanation')).toHaveTextContent('Volledig: totaal 17.');
    expect(screen.getByText(/geen diagnose/)).toBeInTheDocument();
    expect(screen.queryByTestId('result-category')).toBeNull();
    expect(screen.queryByTestId('result-confirm')).toBeNull();
    expect(screen.queryByTestId('result-record-only')).toBeNull();
  });

  it('shows a self-reliance level decided by the tie rule, its counts and that the counsellor must confirm it', async () => {
    render(ResultPanel, { props: { result: FZ_TIE } });
    expect(screen.queryByTestId('result-total')).toBeNull();
    expect(screen.getByText('Financiële zelfredzaamheid')).toBeInTheDocument();
    const level = screen.getByTestId('result-category');
    expect(level).toHaveAttribute('data-code', 'onvoldoende');
    expect(level).toHaveTextContent(/^onvoldoende$/);
    expect(screen.getByTestId('result-decided-by')).toHaveTextContent(
      'aanvullende regel: geen niveau haalt de drempel en er is een gelijke stand',
    );
    expect(screen.getByTestId('result-confirm')).toHaveTextContent(
      'Bevestig het niveau in een vervolggesprek of kies een ander niveau, en vermeld de reden.',
    );
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      'Geen enkel niveau haalt 4 van de 6, en onvoldoende en beperkt hebben even vaak ‘Ja’ (3 keer). ' +
        'Volgens de aanvullende regel van deze vragenlijst telt dan het laagste niveau: onvoldoende.',
    );
    const counts = screen.getAllByRole('listitem');
    expect(counts.map((li) => li.textContent?.trim())).toEqual(['onvoldoende: 3', 'beperkt: 3', 'voldoende: 0']);
    expect(counts[0]).toHaveClass('chosen');
    // A level is not a screening signal.
    expect(screen.queryByText(/geen diagnose/)).toBeNull();

    applyLanguage('en');
    await tick();
    expect(screen.getByTestId('result-category')).toHaveTextContent('onvoldoende (insufficient)');
    expect(screen.getByTestId('result-confirm')).toHaveTextContent('Confirm the level in a follow-up conversation');
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      'and onvoldoende (insufficient) and beperkt (limited) have the same number of ‘yes’ answers (3).',
    );
  });

  it('asks the counsellor to choose when the definition leaves a tie undetermined', () => {
    render(ResultPanel, {
      props: {
        result: result({
          category: {
            ...FZ_TIE.category!,
            code: null,
            display: null,
            ordinal: null,
            decided_by: 'several_reached_undetermined',
            counts: [
              { code: 'onvoldoende', count: 0 },
              { code: 'beperkt', count: 4 },
              { code: 'voldoende', count: 4 },
            ],
          },
          explanation: {
            key: 'instrument-level-several-undetermined',
            args: { set: FZ_SET, at_least: '4', of: '6', counts: 'onvoldoende 0, beperkt 4, voldoende 4',
              rule: 'several_reached_undetermined', policy: 'several_reach = undetermined', levels: 'beperkt, voldoende' },
          },
        }),
      },
    });
    expect(screen.getByTestId('result-category')).toHaveTextContent('niet bepaald');
    expect(screen.getByTestId('result-confirm')).toHaveTextContent(
      'Er is geen niveau bepaald. Kies het niveau in een vervolggesprek en vermeld de reden.',
    );
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      'Meerdere niveaus halen 4 van de 6 (beperkt en voldoende).',
    );
  });

  it('needs no confirmation when the frame decided, or for a rung chosen on the participatieladder', () => {
    const { unmount } = render(ResultPanel, {
      props: {
        result: result({
          category: { ...FZ_TIE.category!, code: 'beperkt', display: 'Beperkt financieel zelfredzaam', ordinal: 2,
            decided_by: 'at_least', counts: [
              { code: 'onvoldoende', count: 0 }, { code: 'beperkt', count: 5 }, { code: 'voldoende', count: 3 },
            ] },
          explanation: {
            key: 'instrument-level-at-least',
            args: { set: FZ_SET, at_least: '4', of: '6', counts: 'onvoldoende 0, beperkt 5, voldoende 3',
              rule: 'at_least', level: 'beperkt', count: '5' },
          },
        }),
      },
    });
    expect(screen.queryByTestId('result-confirm')).toBeNull();
    expect(screen.getByTestId('result-decided-by')).toHaveTextContent('het kader: één niveau haalt de drempel');
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      '5 van de 6 onderdelen met ‘Ja’ op niveau beperkt (minstens 4 nodig).',
    );
    unmount();

    render(ResultPanel, {
      props: {
        result: result({
          category: { set: 'participatieladder', code: 'participatieladder.3', display: 'Deelname georganiseerde activiteiten',
            ordinal: 3, direction: 'higher_is_better', decided_by: 'answer', counts: [] },
          explanation: {
            key: 'instrument-category',
            args: { set: 'participatieladder', code: 'participatieladder.3',
              display: 'Deelname georganiseerde activiteiten', ordinal: '3' },
          },
        }),
      },
    });
    expect(screen.getByText('Participatieladder')).toBeInTheDocument();
    expect(screen.getByTestId('result-category')).toHaveTextContent('Trede 3: Deelname georganiseerde activiteiten');
    expect(screen.getByTestId('result-decided-by')).toHaveTextContent('het gekozen antwoord');
    expect(screen.queryByTestId('result-confirm')).toBeNull();
    expect(screen.queryByTestId('result-counts')).toBeNull();
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      'Vastgelegd zoals gekozen (Trede 3: Deelname georganiseerde activiteiten); er wordt niets opgeteld.',
    );
  });

  it('shows a record-only form as recorded, not scored, without a total', () => {
    render(ResultPanel, { props: { result: RECORD } });
    expect(screen.getByTestId('result-record-only')).toHaveTextContent('Alleen vastgelegd, niet gescoord.');
    expect(screen.queryByTestId('result-total')).toBeNull();
    expect(screen.queryByText('Totaal')).toBeNull();
    expect(screen.getByTestId('result-explanation')).toHaveTextContent('7 antwoorden vastgelegd.');
    expect(screen.queryByText(/geen diagnose/)).toBeNull();
  });

  it('hides the total row when there is no total but still explains why', () => {
    render(ResultPanel, {
      props: {
        result: result({
          missing: { not_asked: 0, declined: 2, dont_know: 0 },
          missing_items: 2,
          explanation: { key: 'instrument-score-incomplete', args: { missing: '2' } },
        }),
      },
    });
    expect(screen.queryByTestId('result-total')).toBeNull();
    expect(screen.getByTestId('result-explanation')).toHaveTextContent(
      '2 vragen ontbreken: geen totaal, want deze vragenlijst heeft geen regel voor ontbrekende antwoorden.',
    );
  });

  it('falls back to the English explanation, then to the key', () => {
    const unknown = result({ explanation: { key: 'instrument-something-new', args: {} } });
    const { unmount } = render(ResultPanel, { props: { result: unknown, fallback: 'Something new happened.' } });
    expect(screen.getByTestId('result-explanation')).toHaveTextContent('Something new happened.');
    unmount();

    render(ResultPanel, { props: { result: unknown } });
    expect(screen.getByTestId('result-explanation')).toHaveTextContent('instrument-something-new');
  });

  it('falls back to the English explanation when a stored result lacks an argument of the message', () => {
    const stale = result({ explanation: { key: 'instrument-level-at-least', args: { level: 'beperkt' } } });
    render(ResultPanel, { props: { result: stale, fallback: '5 of 6 dimensions at level beperkt.' } });
    expect(screen.getByTestId('result-explanation')).toHaveTextContent('5 of 6 dimensions at level beperkt.');
  });
});

// Everything the scorer and the shipped definitions can put on this panel has a message in
// both languages.
describe('result translations', () => {
  const root = resolve(__dirname, '../../../crates/aankomst-instruments');
  const DECISIONS: Record<Decision, true> = {
    answer: true,
    at_least: true,
    several_reached_most_support: true,
    several_reached_undetermined: true,
    none_reached_most_yes: true,
    none_reached_tie_most_support: true,
    none_reached_undetermined: true,
  };

  type Bands = { bands: { code: string }[] };
  type Scoring = {
    bands?: Bands;
    subscales?: { id: string; bands?: Bands }[];
    flags?: { id: string }[];
    rules?: { id: string }[];
    level_count?: { levels: { code: string }[] };
    category?: { item: string };
  };
  type Questionnaire = {
    extension?: { url: string; valueString?: string }[];
    item: { linkId: string; answerOption?: { valueCoding: { code: string } }[] }[];
  };

  function definitionIds(): string[] {
    const dir = join(root, 'definitions');
    const ids: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const q = JSON.parse(readFileSync(join(dir, file), 'utf-8')) as Questionnaire;
      const ext = q.extension?.find((e) => e.url.endsWith('/StructureDefinition/scoring'));
      const s = JSON.parse(ext?.valueString ?? '{}') as Scoring;
      const codes = [
        ...(s.bands?.bands ?? []).map((b) => b.code),
        ...(s.subscales ?? []).flatMap((sub) => (sub.bands?.bands ?? []).map((b) => b.code)),
        ...(s.level_count?.levels ?? []).map((l) => l.code),
        ...(q.item.find((i) => i.linkId === s.category?.item)?.answerOption ?? []).map((o) => o.valueCoding.code),
      ];
      ids.push(
        ...codes.map((c) => `band-${c.replaceAll('.', '-')}`),
        ...(s.subscales ?? []).map((sub) => `subscale-${sub.id}`),
        ...(s.flags ?? []).map((f) => `flag-${f.id.replaceAll('.', '-')}`),
        ...(s.rules ?? []).map((r) => `rule-${r.id.replaceAll('.', '-')}`),
      );
    }
    return ids;
  }

  it('cover every explanation key of the scorer, every decision and every code of the shipped definitions', () => {
    const scorer = readFileSync(join(root, 'src', 'score.rs'), 'utf-8');
    const keys = [...new Set(scorer.match(/"instrument-[a-z-]+"/g)?.map((k) => k.slice(1, -1)))];
    expect(keys).toContain('instrument-level-none-tie-most-support');
    expect(keys).toContain('instrument-category-missing');
    const need = [...keys, ...Object.keys(DECISIONS).map((d) => `decision-${d}`), ...definitionIds()];
    expect(need).toContain('band-participatieladder-6');
    for (const lang of ['nl', 'en'] as const) {
      const have = new Set(new FluentResource(SOURCES[lang]).body.map((entry) => entry.id));
      const missing = need.filter((id) => !have.has(id));
      expect(missing, lang).toEqual([]);
    }
    expect(SOURCES.nl).toContain('## Instrument results (levels, rungs, forms)');
  });

  it('say why a rung is missing', () => {
    expect(translateIn('nl', 'instrument-category-missing', { set: 'participatieladder', reason: 'dont_know' })).toBe(
      'Niets vastgelegd: onbekend.',
    );
    expect(translateIn('en', 'instrument-category-missing', { set: 'participatieladder', reason: 'declined' })).toBe(
      'Nothing recorded: the client did not want to answer.',
    );
  });
});
