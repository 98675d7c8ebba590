import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { ClientStep } from '../lib/types';
import { backend, only, SESSION, status } from './backend';

function step(over: Partial<ClientStep> = {}): ClientStep {
  return {
    administration_id: 'a-1',
    stage: 'question',
    language: 'ar',
    right_to_left: true,
    title: 'Test Screener 3',
    position: 1,
    count: 3,
    question: {
      link_id: 'ts3.1',
      intro: null,
      text: 'كم مرة رمش المصباح الوهمي؟',
      text_language: 'ar',
      review: 'unreviewed',
      audio: null,
      options: [
        { code: 'ts.never', value: 0, label: 'أبدًا', label_language: 'ar', audio: null, level: 0 },
        { code: 'ts.often', value: 2, label: 'غالبًا', label_language: 'ar', audio: null, level: 1 },
      ],
      chosen_value: null,
      chosen_state: null,
    },
    can_go_back: false,
    contacts: [],
    languages: [
      { language: 'en', review: null },
      { language: 'ar', review: 'unreviewed' },
    ],
    interpreter_view: false,
    interpreter: null,
    ...over,
  };
}

async function settle() {
  for (let i = 0; i < 5; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  await tick();
}

describe('client-facing view', () => {
  it('takes the whole screen, right to left, and sends the chosen value for the question shown', async () => {
    const calls = backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () => step(),
      client_answer: () => step({ position: 2, question: { ...step().question!, link_id: 'ts3.2' } }),
    });
    render(App);
    await settle();
    const view = screen.getByTestId('client-view');
    expect(view).toHaveAttribute('dir', 'rtl');
    expect(view).toHaveAttribute('lang', 'ar');
    // Nothing of the counsellor's screens.
    expect(screen.queryByTestId('settings-button')).toBeNull();
    expect(screen.queryByTestId('case-search')).toBeNull();
    expect(screen.getByText('كم مرة رمش المصباح الوهمي؟')).toBeInTheDocument();

    const often = screen.getAllByTestId('client-option').find((b) => b.dataset.value === '2')!;
    await fireEvent.click(often);
    await settle();
    expect(only(calls, 'client_answer').map((c) => c.args)).toEqual([
      { req: { link_id: 'ts3.1', value: 2, state: null } },
    ]);
    expect(screen.getByTestId('client-question')).toHaveAttribute('data-link-id', 'ts3.2');
  });

  it('draws every answer scale as a picture beside the words, filled up to the answer', async () => {
    const four = step().question!;
    const labels = ['أبدًا', 'أحيانًا', 'غالبًا', 'دائمًا'];
    four.options = labels.map((label, i) => ({
      code: `ts.${i}`,
      value: i,
      label,
      label_language: 'ar',
      audio: null,
      level: i / 3,
    }));
    backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () => step({ question: four }),
    });
    render(App);
    await settle();
    const options = screen.getAllByTestId('client-option');
    expect(options).toHaveLength(4);
    const filled = options.map((o) => o.querySelectorAll('.scale .cell.on').length);
    const drawn = options.map((o) => o.querySelectorAll('.scale .cell').length);
    // One bar per step above the lowest answer; the lowest answer fills none, the highest all.
    expect(drawn).toEqual([3, 3, 3, 3]);
    expect(filled).toEqual([0, 1, 2, 3]);
    // The picture is decoration for the words, which stay the button's name.
    for (const [i, o] of options.entries()) {
      expect(o.querySelector('.scale')).toHaveAttribute('aria-hidden', 'true');
      expect(o).toHaveTextContent(labels[i]);
    }
  });

  it('leaves only with the passphrase, and shows the refusal of a wrong one', async () => {
    const calls = backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () => step({ stage: 'finished', question: null, contacts: [{ name: '113', phone: '0800-0113', note: '' }] }),
      leave_client_view: (args) => {
        if (args.passphrase !== 'goed') throw { key: 'wrong_passphrase', args: { attempts: '1', retry_after: '0' }, field: null };
        return 'a-1';
      },
      get_administration: () => {
        throw { key: 'record_not_found', args: {}, field: null };
      },
    });
    render(App);
    await settle();
    expect(screen.getByTestId('client-done')).toHaveTextContent('0800-0113');
    await fireEvent.click(screen.getByTestId('client-counsellor'));
    const input = screen.getByTestId('client-leave-passphrase') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'fout' } });
    await fireEvent.submit(screen.getByTestId('client-leave'));
    await settle();
    expect(screen.getByTestId('client-leave-error')).toBeInTheDocument();
    expect(screen.getByTestId('client-view')).toBeInTheDocument();
    await fireEvent.input(input, { target: { value: 'goed' } });
    await fireEvent.submit(screen.getByTestId('client-leave'));
    await settle();
    expect(screen.queryByTestId('client-view')).toBeNull();
    expect(only(calls, 'leave_client_view')).toHaveLength(2);
  });

  it('switches the language on request, shows the interpreter the Dutch text, and marks what is not translated', async () => {
    const turkish = step({
      language: 'tr',
      right_to_left: false,
      question: {
        ...step().question!,
        text: 'How often was the sample teapot loud?',
        text_language: 'en',
        review: null,
        options: [{ code: 'ts.never', value: 0, label: 'Hiçbir zaman', label_language: 'tr', audio: null, level: 0 }],
      },
    });
    const calls = backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () => step(),
      client_set_language: () => turkish,
      client_set_interpreter_view: (args) =>
        args.on
          ? {
              ...turkish,
              interpreter_view: true,
              interpreter: {
                language: 'nl',
                intro: null,
                text: 'Hoe vaak was de voorbeeldtheepot luid?',
                options: [{ code: 'ts.never', label: 'Nooit' }],
              },
            }
          : turkish,
    });
    render(App);
    await settle();
    // The counsellor is told the Arabic texts are not reviewed, in Dutch.
    const reviewStatus = screen.getByTestId('client-review-status');
    expect(reviewStatus).toHaveAttribute('data-controls', 'unreviewed');
    expect(reviewStatus).toHaveClass('unchecked');
    expect(reviewStatus).toHaveTextContent('vertaling niet gecontroleerd');
    // The client's own controls are in Arabic.
    expect(screen.getByTestId('client-dont-know')).toHaveTextContent('لا أعرف');

    await fireEvent.click(screen.getByTestId('client-language'));
    const options = screen.getAllByTestId('client-language-option');
    expect(options.map((o) => o.dataset.language)).toEqual(['en', 'ar']);
    expect(options[1]).toHaveTextContent('العربية');
    await fireEvent.click(options[0]);
    await settle();
    expect(only(calls, 'client_set_language').map((c) => c.args)).toEqual([{ language: 'en' }]);

    // The question has no Turkish text: shown in English with a visible mark, never empty.
    const view = screen.getByTestId('client-view');
    expect(view).toHaveAttribute('dir', 'ltr');
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.querySelector('[data-fallback="en"]')).not.toBeNull();
    expect(heading).toHaveTextContent('How often was the sample teapot loud?EN');
    expect(screen.getByTestId('client-dont-know')).toHaveTextContent('Bilmiyorum');

    expect(screen.queryByTestId('interpreter-text')).toBeNull();
    await fireEvent.click(screen.getByTestId('client-interpreter-toggle'));
    await settle();
    expect(only(calls, 'client_set_interpreter_view').map((c) => c.args)).toEqual([{ on: true }]);
    expect(screen.getByTestId('interpreter-text')).toHaveTextContent('Hoe vaak was de voorbeeldtheepot luid?');
    expect(screen.getByTestId('interpreter-text')).toHaveAttribute('lang', 'nl');
    expect(screen.getByTestId('interpreter-option')).toHaveTextContent('Nooit');
    expect(screen.getByTestId('client-interpreter-toggle')).toHaveAttribute('aria-pressed', 'true');
  });

  it('keeps names and numbers of the help contacts isolated inside right-to-left text', async () => {
    backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () =>
        step({ stage: 'finished', question: null, contacts: [{ name: '113 Zelfmoordpreventie', phone: '0800-0113', note: '' }] }),
    });
    render(App);
    await settle();
    const done = screen.getByTestId('client-done');
    const isolated = [...done.querySelectorAll('bdi')].map((b) => b.textContent);
    expect(isolated).toEqual(['113 Zelfmoordpreventie', '0800-0113']);
    expect(done).toHaveTextContent('إذا كنت بحاجة إلى مساعدة');
  });

  it('plays a recording of the question or an answer from memory, with a button only where there is one', async () => {
    const QUESTION = 'data:audio/wav;base64,UklGRg==';
    const NEVER = 'data:audio/wav;base64,UklGRh==';
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    backend({
      app_status: () => status({ session: { ...SESSION, client_view: 'a-1' } }),
      client_view_step: () =>
        step({
          question: {
            ...step().question!,
            audio: QUESTION,
            options: [
              { code: 'ts.never', value: 0, label: 'أبدًا', label_language: 'ar', audio: NEVER, level: 0 },
              { code: 'ts.often', value: 2, label: 'غالبًا', label_language: 'ar', audio: null, level: 1 },
            ],
          },
        }),
    });
    render(App);
    await settle();
    const audio = screen.getByTestId('client-audio') as HTMLAudioElement;
    const listen = screen.getByTestId('client-listen-question');
    expect(listen).toHaveAccessibleName('استمع');
    await fireEvent.click(listen);
    expect(audio.src).toBe(QUESTION);
    const options = screen.getAllByTestId('client-listen-option');
    expect(options.map((o) => o.dataset.value)).toEqual(['0']);
    expect(options[0]).toHaveAccessibleName('استمع: أبدًا');
    await fireEvent.click(options[0]);
    expect(audio.src).toBe(NEVER);
    expect(play).toHaveBeenCalledTimes(2);
  });
});
