import '@testing-library/jest-dom/vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, vi } from 'vitest';
import { applyLanguage } from '../lib/i18n.svelte';
import { resetApp } from '../lib/session.svelte';

// jsdom does not implement scrolling.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = function scrollIntoView() {};

afterEach(() => {
  resetApp();
  clearMocks();
  applyLanguage('nl');
  vi.useRealTimers();
  history.replaceState(null, '', '#/');
});
