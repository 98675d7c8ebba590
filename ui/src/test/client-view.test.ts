import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
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
      options: [
        { code: 'ts.never', value: 0, label: 'أبدًا', level: 0 },
        { code: 'ts.often', value: 2, label: 'غالبًا', level: 1 },
      ],
      chosen_value: null,
      chosen_state: null,
    },
    can_go_back: false,
    contacts: [],
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
});
