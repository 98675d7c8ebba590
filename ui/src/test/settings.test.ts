import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { backend, only, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

async function openSettings() {
  vi.useFakeTimers();
  const calls = backend({
    app_status: () => status({ session: SESSION }),
    get_settings: () => ({ auto_lock_minutes: 10, language: 'nl' }),
    save_settings: () => null,
  });
  history.replaceState(null, '', '#/settings');
  render(App);
  await settle(50);
  return calls;
}

describe('settings', () => {
  it('saves a new auto-lock time once typing stops, and refuses one outside 1–60 without sending it', async () => {
    const calls = await openSettings();
    const minutes = screen.getByTestId('settings-auto-lock') as HTMLInputElement;
    expect(minutes.value).toBe('10');

    await fireEvent.input(minutes, { target: { value: '0' } });
    await settle(1000);
    expect(minutes).toHaveAttribute('aria-invalid', 'true');
    expect(only(calls, 'save_settings')).toHaveLength(0);

    await fireEvent.input(minutes, { target: { value: '7' } });
    await settle(100);
    expect(only(calls, 'save_settings')).toHaveLength(0); // still typing
    await settle(400);
    expect(only(calls, 'save_settings').map((c) => c.args)).toEqual([
      { req: { auto_lock_minutes: 7, language: 'nl' } },
    ]);
    expect(minutes).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('save-status')).toHaveTextContent(/Opgeslagen/);
  });

  it('switching to English saves the language and changes the screen at once', async () => {
    const calls = await openSettings();
    await fireEvent.click(screen.getByTestId('settings-language-en'));
    await settle(10);
    expect(only(calls, 'save_settings').map((c) => c.args)).toEqual([
      { req: { auto_lock_minutes: 10, language: 'en' } },
    ]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
  });
});
