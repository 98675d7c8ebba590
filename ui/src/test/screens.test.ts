import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import {
  backend,
  CASE_ID,
  CLIENT_ID,
  clientView,
  CONVERSATION_ID,
  conversationView,
  only,
  saved,
  SESSION,
  status,
} from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

/** Starts the app already unlocked, at a given screen. */
async function open(hash: string) {
  history.replaceState(null, '', hash);
  render(App);
  await settle(50);
}

describe('case list', () => {
  it('renders the rows and sends the search text on every keystroke (debounced)', async () => {
    vi.useFakeTimers();
    const calls = backend({ app_status: () => status({ session: SESSION }) });
    await open('#/cases');

    const rows = screen.getAllByTestId('case-row');
    expect(rows.map((r) => r.dataset.clientId)).toEqual(['c-1', 'c-2']);
    expect(rows[0]).toHaveTextContent('Amanuel Gebremedhin');
    expect(rows[0]).toHaveTextContent('Amanuel Tesfay Gebremedhin'); // document name beneath
    expect(rows[0]).toHaveTextContent('2075551234');
    expect(rows[0]).toHaveTextContent('Eritrea');
    expect(rows[0]).toHaveTextContent('Brede intake');
    expect(within(rows[1]).getByText('رهف الحسن')).toHaveAttribute('dir', 'auto');
    expect(screen.getByTestId('case-count')).toHaveTextContent('2 van 3 cliënten');
    expect(screen.getByTestId('case-search')).toHaveFocus();

    const before = only(calls, 'list_cases').length;
    const search = screen.getByTestId('case-search');
    await fireEvent.input(search, { target: { value: 'a' } });
    await fireEvent.input(search, { target: { value: 'am' } });
    await fireEvent.input(search, { target: { value: 'ama' } });
    await settle(50);
    expect(only(calls, 'list_cases').length).toBe(before); // still typing
    await settle(150);
    const sent = only(calls, 'list_cases').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].args).toEqual({
      req: { text: 'ama', status: '', country: '', location: '', limit: 200, mine: false },
    });

    await fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'none' } });
    await settle(200);
    expect(only(calls, 'list_cases').at(-1)?.args).toMatchObject({ req: { text: 'ama', status: 'none' } });
  });

  it('opens a client with the arrow keys and Enter', async () => {
    vi.useFakeTimers();
    backend({ app_status: () => status({ session: SESSION }) });
    await open('#/cases');
    await fireEvent.keyDown(screen.getByTestId('case-search'), { key: 'ArrowDown' });
    await settle();
    const rows = screen.getAllByTestId('case-row');
    expect(rows[0]).toHaveFocus();
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    await settle();
    expect(rows[1]).toHaveFocus();
    await fireEvent.keyDown(rows[1], { key: 'Enter' });
    await settle(50);
    expect(location.hash).toBe('#/client/c-2');
  });

  it('registers a new client from the Alt+N form and opens it', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      create_client: () => clientView(),
    });
    await open('#/cases');
    await fireEvent.keyDown(window, { key: 'n', code: 'KeyN', altKey: true });
    await settle();
    const form = screen.getByTestId('new-client-form');
    expect(screen.getByTestId('new-client-given')).toHaveFocus();
    await fireEvent.input(screen.getByTestId('new-client-given'), { target: { value: 'Yonas' } });
    await fireEvent.input(screen.getByTestId('new-client-family'), { target: { value: 'Haile' } });
    await fireEvent.input(screen.getByTestId('new-client-dob'), { target: { value: '2006' } });
    await fireEvent.change(screen.getByTestId('new-client-sex'), { target: { value: 'male' } });
    await fireEvent.change(screen.getByTestId('new-client-country'), { target: { value: 'ER' } });
    await fireEvent.submit(form);
    await settle(50);
    expect(only(calls, 'create_client')[0].args).toEqual({
      req: {
        fields: {
          document_given_names: 'Yonas',
          document_family_name: 'Haile',
          date_of_birth: '2006',
          sex: 'male',
          country_of_origin: 'ER',
        },
      },
    });
    expect(location.hash).toBe(`#/client/${CLIENT_ID}`);
  });
});

describe('client screen', () => {
  it('shows a refused BSN at the field and keeps the typed text', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      save_field: (args) => {
        const req = args.req as { field: string };
        if (req.field === 'bsn') throw { key: 'field', args: { error: 'bsn_invalid' }, field: 'bsn' };
        return saved();
      },
    });
    await open(`#/client/${CLIENT_ID}`);
    expect(screen.getByTestId('client-header')).toHaveTextContent('Amanuel Gebremedhin');

    const bsn = screen.getByTestId('field-bsn');
    await fireEvent.input(bsn, { target: { value: '123456789' } });
    await settle(450);
    expect(only(calls, 'save_field').map((c) => c.args)).toEqual([
      { req: { record_id: CLIENT_ID, field: 'bsn', value: '123456789' } },
    ]);
    const error = screen.getByTestId('field-error-bsn');
    expect(error).toHaveTextContent('Dit is geen geldig BSN');
    expect(screen.getByTestId('field-bsn')).toHaveValue('123456789');
    expect(screen.getByTestId('field-bsn')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByTestId('save-status')[0]).toHaveTextContent('Eén veld is niet opgeslagen');

    // A correct number clears the error.
    await fireEvent.input(screen.getByTestId('field-bsn'), { target: { value: '111222333' } });
    await fireEvent.blur(screen.getByTestId('field-bsn'));
    await settle(50);
    // (the mock refuses every BSN; the input still shows what was typed)
    expect(screen.getByTestId('field-bsn')).toHaveValue('111222333');
  });

  it('saves as you type, debounced per field, and shows when it was saved', async () => {
    vi.useFakeTimers();
    const calls = backend({ app_status: () => status({ session: SESSION }) });
    await open(`#/client/${CLIENT_ID}`);
    const field = screen.getByTestId('field-preferred_name');
    for (const v of ['A', 'Am', 'Ama']) {
      await fireEvent.input(field, { target: { value: v } });
      await settle(100);
    }
    expect(only(calls, 'save_field')).toHaveLength(0);
    const status_ = screen.getAllByTestId('save-status')[0];
    expect(status_).toHaveTextContent('Opslaan…');
    await settle(400);
    expect(only(calls, 'save_field').map((c) => c.args)).toEqual([
      { req: { record_id: CLIENT_ID, field: 'preferred_name', value: 'Ama' } },
    ]);
    expect(status_).toHaveTextContent(/Opgeslagen \d\d:02:11/);
  });

  it('lists household members, each linking to their own client screen', async () => {
    vi.useFakeTimers();
    const view = clientView();
    view.households = [
      {
        id: 'h-1',
        household: {
          label: null,
          members: [
            { client_id: CLIENT_ID, role: 'other', nareiziger: null, arrived_on: null },
            { client_id: 'c-9', role: 'partner', nareiziger: true, arrived_on: '2025-02-14' },
          ],
        },
        members: [
          { client_id: CLIENT_ID, display_name: 'Amanuel Gebremedhin', role: 'other', nareiziger: false, arrived_on: null, age: 31, has_case: true },
          { client_id: 'c-9', display_name: 'Selam Berhane', role: 'partner', nareiziger: true, arrived_on: '2025-02-14', age: 29, has_case: true },
        ],
      },
    ];
    backend({ app_status: () => status({ session: SESSION }), get_client: () => view });
    await open(`#/client/${CLIENT_ID}`);
    const members = within(screen.getByTestId('household-section')).getAllByTestId('household-member');
    expect(members.map((m) => m.dataset.clientId)).toEqual([CLIENT_ID, 'c-9']);
    expect(members[1]).toHaveTextContent('Partner');
    expect(members[1]).toHaveTextContent('Nareiziger');
    expect(members[1]).toHaveTextContent('14 feb 2025');
    expect(within(members[1]).getByRole('link', { name: 'Selam Berhane' })).toHaveAttribute('href', '#/client/c-9');
  });

  it('sends the arrival date of a nareiziger in the add-member request, with no second save', async () => {
    vi.useFakeTimers();
    const self = { client_id: CLIENT_ID, role: 'other', nareiziger: null, arrived_on: null };
    const selfView = { client_id: CLIENT_ID, display_name: 'Amanuel Gebremedhin', role: 'other', nareiziger: false, arrived_on: null, age: 31, has_case: true };
    const before = clientView();
    before.households = [{ id: 'h-1', household: { label: null, members: [self] }, members: [selfView] }];
    const after = clientView();
    after.households = [
      {
        id: 'h-1',
        household: {
          label: null,
          members: [self, { client_id: 'c-9', role: 'partner', nareiziger: true, arrived_on: '2025-02-14' }],
        },
        members: [
          selfView,
          { client_id: 'c-9', display_name: 'Selam Berhane', role: 'partner', nareiziger: true, arrived_on: '2025-02-14', age: 29, has_case: true },
        ],
      },
    ];
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      get_client: () => before,
      add_household_member: () => after,
    });
    await open(`#/client/${CLIENT_ID}`);
    await fireEvent.click(screen.getByTestId('add-member-button'));
    await settle();
    await fireEvent.input(screen.getByTestId('member-given'), { target: { value: 'Selam' } });
    await fireEvent.input(screen.getByTestId('member-family'), { target: { value: 'Berhane' } });
    await fireEvent.input(screen.getByTestId('member-dob'), { target: { value: '1996' } });
    await fireEvent.change(screen.getByTestId('member-role'), { target: { value: 'partner' } });
    await fireEvent.click(screen.getByTestId('member-nareiziger'));
    await settle();
    await fireEvent.input(screen.getByTestId('member-arrived-on'), { target: { value: '2025-02-14' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    await settle(50);

    expect(only(calls, 'add_household_member').map((c) => c.args)).toEqual([
      {
        req: {
          of_client_id: CLIENT_ID,
          household_id: 'h-1',
          role: 'partner',
          nareiziger: true,
          arrived_on: '2025-02-14',
          create_case: true,
          fields: { document_given_names: 'Selam', document_family_name: 'Berhane', date_of_birth: '1996' },
        },
      },
    ]);
    expect(only(calls, 'save_field')).toHaveLength(0);
    expect(only(calls, 'get_client')).toHaveLength(1);
    expect(screen.queryByTestId('member-form')).not.toBeInTheDocument();
    const members = within(screen.getByTestId('household-section')).getAllByTestId('household-member');
    expect(members.map((m) => m.dataset.clientId)).toEqual([CLIENT_ID, 'c-9']);
    expect(members[1]).toHaveTextContent('14 feb 2025');
  });

  it('sends no arrival date for a member who is not a nareiziger', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      add_household_member: () => clientView(),
    });
    await open(`#/client/${CLIENT_ID}`);
    await fireEvent.click(screen.getByTestId('add-member-button'));
    await settle();
    await fireEvent.input(screen.getByTestId('member-given'), { target: { value: 'Yonas' } });
    // A date typed and then the box unticked again: the date is not sent.
    await fireEvent.click(screen.getByTestId('member-nareiziger'));
    await settle();
    await fireEvent.input(screen.getByTestId('member-arrived-on'), { target: { value: '2025-02-14' } });
    await fireEvent.click(screen.getByTestId('member-nareiziger'));
    await settle();
    await fireEvent.submit(screen.getByTestId('member-form'));
    await settle(50);
    const req = only(calls, 'add_household_member')[0].args.req as Record<string, unknown>;
    expect(req).toMatchObject({ household_id: null, nareiziger: false, arrived_on: null });
  });

  it('opens a case for a client without one and shows it', async () => {
    vi.useFakeTimers();
    const none = clientView();
    none.cases = [];
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      get_client: () => none,
      open_case: () => clientView(),
    });
    await open(`#/client/${CLIENT_ID}`);
    expect(screen.queryByTestId('case-section')).not.toBeInTheDocument();
    expect(screen.getByText('Deze cliënt heeft geen traject.')).toBeInTheDocument();
    const button = screen.getByTestId('open-case-button');
    expect(button).toHaveTextContent('Traject openen');

    await fireEvent.click(button);
    await settle(50);
    expect(only(calls, 'open_case').map((c) => c.args)).toEqual([{ req: { client_id: CLIENT_ID } }]);
    // Re-rendered from the returned view, not reloaded.
    expect(only(calls, 'get_client')).toHaveLength(1);
    const section = screen.getByTestId('case-section');
    expect(section).toHaveAttribute('data-case-id', CASE_ID);
    expect(screen.queryByTestId('open-case-button')).not.toBeInTheDocument();
    expect(screen.queryByText('Deze cliënt heeft geen traject.')).not.toBeInTheDocument();
    expect(document.getElementById(`case-title-${CASE_ID}`)).toHaveFocus();
    expect(only(calls, 'case_timeline').map((c) => c.args)).toEqual([{ case_id: CASE_ID }]);
  });
});

describe('conversation editor', () => {
  it('shows the minor warning for an informal minor interpreter and saves with debouncing', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      save_field: (args) => {
        const req = args.req as { field: string; value: unknown };
        return req.field === 'interpreter_is_minor' && req.value === true
          ? { ...saved(), warnings: ['minor_interpreting'] }
          : saved();
      },
    });
    await open(`#/conversation/${CONVERSATION_ID}`);
    const editor = screen.getByTestId('conversation-editor');
    expect(screen.getByTestId('back-to-client')).toHaveAttribute('href', `#/client/${CLIENT_ID}`);
    expect(screen.queryByTestId('warning-minor_interpreting')).toBeNull();
    // Amsterdam time: 09:30 UTC in March is 10:30 in Amsterdam.
    expect(screen.getByTestId('field-starts_at')).toHaveValue('2025-03-04T10:30');

    const minor = within(editor).getByTestId('field-interpreter_is_minor');
    await fireEvent.click(minor);
    await settle();
    // At once, before the save has answered:
    expect(screen.getByTestId('warning-minor_interpreting')).toHaveTextContent(
      'Een minderjarige tolkt. Dat is voor een intakegesprek niet passend',
    );
    await settle(50);
    expect(only(calls, 'save_field')[0].args).toEqual({
      req: { record_id: CONVERSATION_ID, field: 'interpreter_is_minor', value: true },
    });
    expect(screen.getByTestId('warning-minor_interpreting')).toBeInTheDocument();

    // Notes: one save after the pause, with the last text.
    const notes = screen.getByTestId('field-notes');
    for (const text of ['G', 'Ge', 'Ges', 'Gesprek']) {
      await fireEvent.input(notes, { target: { value: text } });
      await settle(150);
    }
    expect(only(calls, 'save_field')).toHaveLength(1);
    await settle(400);
    const notesSaves = only(calls, 'save_field').filter((c) => (c.args.req as { field: string }).field === 'notes');
    expect(notesSaves.map((c) => c.args.req)).toEqual([
      { record_id: CONVERSATION_ID, field: 'notes', value: 'Gesprek' },
    ]);

    // A professional interpreter has no "under 18" checkbox and no minor warning.
    await fireEvent.change(screen.getByTestId('field-interpreter_mode'), { target: { value: 'professional_phone' } });
    await settle(50);
    expect(screen.queryByTestId('field-interpreter_is_minor')).toBeNull();
    expect(screen.queryByTestId('warning-minor_interpreting')).toBeNull();
    expect(screen.getByTestId('field-interpreter_register_number')).toBeInTheDocument();
  });

  it('saves an edited time as UTC, across daylight saving', async () => {
    vi.useFakeTimers();
    const calls = backend({ app_status: () => status({ session: SESSION }) });
    await open(`#/conversation/${CONVERSATION_ID}`);
    const when = screen.getByTestId('field-starts_at');
    await fireEvent.input(when, { target: { value: '2025-07-01T10:00' } });
    await fireEvent.blur(when);
    await settle(50);
    expect(only(calls, 'save_field')[0].args).toEqual({
      req: { record_id: CONVERSATION_ID, field: 'starts_at', value: '2025-07-01T08:00:00Z' },
    });
  });

  it('creates a new conversation from the case', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      create_conversation: () => conversationView(),
    });
    await open(`#/client/${CLIENT_ID}`);
    await fireEvent.click(screen.getByTestId('new-conversation-button'));
    await settle(50);
    expect(only(calls, 'create_conversation')[0].args).toEqual({ req: { case_id: CASE_ID } });
    expect(location.hash).toBe(`#/conversation/${CONVERSATION_ID}`);
    expect(screen.getByTestId('conversation-editor')).toBeInTheDocument();
  });
});

describe('language and locking', () => {
  it('switches the language from the unlock screen and stores it', async () => {
    vi.useFakeTimers();
    const calls = backend();
    render(App);
    await settle();
    expect(screen.getByText('Ontgrendelen', { selector: 'h1' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
    await fireEvent.click(screen.getByTestId('language-switch'));
    await settle();
    expect(screen.getByText('Unlock', { selector: 'h1' })).toBeInTheDocument();
    expect(screen.getByTestId('language-switch')).toHaveTextContent('Nederlands');
    expect(document.documentElement.lang).toBe('en');
    expect(only(calls, 'set_language')[0].args).toEqual({ language: 'en' });
  });

  it('switches the language on an unlocked screen too', async () => {
    vi.useFakeTimers();
    backend({ app_status: () => status({ session: SESSION }) });
    await open('#/cases');
    expect(screen.getByTestId('lock-button')).toHaveTextContent('Vergrendelen');
    await fireEvent.click(screen.getByTestId('language-switch'));
    await settle();
    expect(screen.getByTestId('lock-button')).toHaveTextContent('Lock');
    expect(screen.getByTestId('case-count')).toHaveTextContent('2 of 3 clients');
    expect(screen.getAllByTestId('case-row')[0]).toHaveTextContent('Broad intake');
  });

  it('goes to the unlock screen and drops the file when the backend locks', async () => {
    vi.useFakeTimers();
    let session: typeof SESSION | null = SESSION;
    backend({ app_status: () => status({ session }) });
    await open(`#/client/${CLIENT_ID}`);
    expect(screen.getByTestId('client-header')).toBeInTheDocument();
    session = null;
    await emit('locked', { reason: 'idle' });
    await settle(50);
    expect(screen.queryByTestId('client-header')).toBeNull();
    expect(screen.queryByText('Amanuel Gebremedhin')).toBeNull();
    expect(screen.getByTestId('profile-list')).toBeInTheDocument();
    expect(screen.getByText(/vergrendeld omdat er een tijd niets gebeurde/)).toBeInTheDocument();
    expect(location.hash).toBe('#/');
  });

  it('locks with Ctrl+L after saving what is pending', async () => {
    vi.useFakeTimers();
    let session: typeof SESSION | null = SESSION;
    const calls = backend({
      app_status: () => status({ session }),
      lock: () => {
        session = null;
        return null;
      },
    });
    await open(`#/client/${CLIENT_ID}`);
    await fireEvent.input(screen.getByTestId('field-phone'), { target: { value: '0612345678' } });
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await settle(50);
    const order = calls.map((c) => c.cmd).filter((c) => c === 'save_field' || c === 'lock');
    expect(order).toEqual(['save_field', 'lock']);
    expect(screen.getByTestId('profile-list')).toBeInTheDocument();
    expect(screen.queryByTestId('client-header')).toBeNull();
  });

  it('reports activity with touch() at most once per 20 seconds', async () => {
    vi.useFakeTimers();
    const calls = backend({ app_status: () => status({ session: SESSION }) });
    await open('#/cases');
    await settle(21_000);
    await fireEvent.keyDown(window, { key: 'x' });
    await fireEvent.pointerDown(window);
    await fireEvent.wheel(window);
    await settle();
    expect(only(calls, 'touch')).toHaveLength(1);
    await settle(5_000);
    await fireEvent.keyDown(window, { key: 'y' });
    await settle();
    expect(only(calls, 'touch')).toHaveLength(1);
    await settle(16_000);
    await fireEvent.pointerDown(window);
    await settle();
    expect(only(calls, 'touch')).toHaveLength(2);
  });
});
