import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { backend, only, PROFILE, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

describe('start screen', () => {
  it('shows the wrong-passphrase error with attempts and a countdown', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ profiles: [PROFILE, { ...PROFILE, id: 'p-2', name: 'Demo', demo: true }] }),
      unlock: () => {
        throw { key: 'wrong_passphrase', args: { attempts: '3', retry_after: '30' }, field: null };
      },
    });
    render(App);
    await settle();

    const items = screen.getAllByTestId('profile-item');
    expect(items.map((i) => i.dataset.profileName)).toEqual(['Sanne', 'Demo']);
    expect(items[1]).toHaveTextContent('DEMO');
    await fireEvent.click(items[0]);
    await tick();

    const input = screen.getByTestId('passphrase-input');
    await fireEvent.input(input, { target: { value: 'verkeerd' } });
    await fireEvent.click(screen.getByTestId('unlock-button'));
    await settle();

    expect(only(calls, 'unlock')[0].args).toEqual({ req: { profile_id: 'p-1', passphrase: 'verkeerd' } });
    const error = screen.getByTestId('unlock-error');
    expect(error).toHaveTextContent('De wachtwoordzin klopt niet (mislukte pogingen: 3)');
    expect(error).toHaveTextContent('Wacht nog 30 seconden');
    expect(screen.getByTestId('unlock-button')).toBeDisabled();
    // The passphrase is not kept on screen.
    expect(screen.getByTestId('passphrase-input')).toHaveValue('');

    await settle(1000);
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('Wacht nog 29 seconden');
    await settle(29_000);
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('Probeer het opnieuw.');
    await fireEvent.input(screen.getByTestId('passphrase-input'), { target: { value: 'opnieuw' } });
    expect(screen.getByTestId('unlock-button')).toBeEnabled();
  });

  it('counts down a wait the backend reports for a profile', async () => {
    vi.useFakeTimers();
    backend({ app_status: () => status({ profiles: [{ ...PROFILE, retry_after_secs: 12 }] }) });
    render(App);
    await settle();
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('over 12 seconden');
    await settle(2000);
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('over 10 seconden');
  });

  it('unlocks into the case list', async () => {
    vi.useFakeTimers();
    backend({ unlock: () => SESSION });
    render(App);
    await settle();
    await fireEvent.input(screen.getByTestId('passphrase-input'), { target: { value: 'goed' } });
    await fireEvent.click(screen.getByTestId('unlock-button'));
    await settle(200);
    expect(screen.getByTestId('case-search')).toBeInTheDocument();
    expect(screen.getAllByTestId('case-row')).toHaveLength(2);
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('shows only a message when Aankomst is already running', async () => {
    backend({ app_status: () => status({ instance: 'already_running' }) });
    render(App);
    expect(await screen.findByTestId('already-running')).toHaveTextContent('Aankomst is al geopend');
    expect(screen.queryByTestId('profile-list')).toBeNull();
    expect(screen.queryByTestId('language-switch')).toBeNull();
  });

  it('explains keychain problems in plain words', async () => {
    vi.useFakeTimers();
    backend({
      unlock: () => {
        throw { key: 'keychain_locked', args: {}, field: null };
      },
    });
    render(App);
    await settle();
    await fireEvent.input(screen.getByTestId('passphrase-input'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByTestId('unlock-button'));
    await settle();
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('Je sleutelbos (keychain) is vergrendeld');
  });
});

describe('first start', () => {
  it('goes straight to the new-profile form; the strength meter blocks a weak passphrase', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ profiles: [] }),
      assess_passphrase: (args) => {
        const strong = String(args.passphrase).split(' ').length >= 4;
        return strong
          ? { score: 4, acceptable: true, hints: [] }
          : { score: 1, acceptable: false, hints: ['passphrase-hint-too-short', 'passphrase-hint-more-words'] };
      },
      create_profile: () => SESSION,
    });
    render(App);
    await settle();

    expect(screen.getByText('Welkom bij Aankomst')).toBeInTheDocument();
    expect(screen.getByText(/versleuteld op deze laptop/)).toBeInTheDocument();
    expect(screen.queryByTestId('profile-list')).toBeNull();
    const create = screen.getByTestId('create-profile-button');

    await fireEvent.input(screen.getByTestId('profile-name-input'), { target: { value: 'Sanne' } });
    await fireEvent.input(screen.getByTestId('passphrase-new-input'), { target: { value: 'sanne123' } });
    await fireEvent.input(screen.getByTestId('passphrase-repeat-input'), { target: { value: 'sanne123' } });
    await settle(200);
    const meter = screen.getByTestId('strength-meter');
    expect(meter.dataset.score).toBe('1');
    expect(meter).toHaveTextContent('Maak de wachtwoordzin langer.');
    expect(meter).toHaveTextContent('nog niet goed genoeg');
    expect(create).toBeDisabled();
    expect(only(calls, 'assess_passphrase').at(-1)?.args).toEqual({ passphrase: 'sanne123', name: 'Sanne' });

    const strong = 'fiets wolk pannenkoek lantaarn';
    await fireEvent.input(screen.getByTestId('passphrase-new-input'), { target: { value: strong } });
    await settle(200);
    expect(screen.getByTestId('strength-meter').dataset.score).toBe('4');
    expect(create).toBeDisabled(); // the repeat does not match yet
    await fireEvent.input(screen.getByTestId('passphrase-repeat-input'), { target: { value: strong } });
    await tick();
    expect(create).toBeEnabled();

    await fireEvent.click(create);
    await settle(200);
    expect(only(calls, 'create_profile')[0].args).toEqual({ req: { name: 'Sanne', passphrase: strong, demo: false } });
    expect(screen.getByTestId('case-search')).toBeInTheDocument();
  });

  it('creates a demo profile and marks every screen DEMO', async () => {
    vi.useFakeTimers();
    const demo = { ...PROFILE, name: 'Demo', demo: true };
    const calls = backend({
      app_status: () => status({ profiles: [] }),
      assess_passphrase: () => ({ score: 3, acceptable: true, hints: [] }),
      create_profile: () => ({ profile: demo, auto_lock_minutes: 10 }),
    });
    render(App);
    await settle();
    await fireEvent.click(screen.getByTestId('demo-profile-button'));
    await tick();
    expect(screen.getByTestId('profile-name-input')).toHaveValue('Demo');
    await fireEvent.input(screen.getByTestId('passphrase-new-input'), { target: { value: 'een twee drie vier' } });
    await fireEvent.input(screen.getByTestId('passphrase-repeat-input'), { target: { value: 'een twee drie vier' } });
    await settle(200);
    await fireEvent.click(screen.getByTestId('create-profile-button'));
    await settle(200);
    expect(only(calls, 'create_profile')[0].args).toMatchObject({ req: { name: 'Demo', demo: true } });
    expect(screen.getByTestId('demo-banner')).toHaveTextContent('DEMO');
  });
});
