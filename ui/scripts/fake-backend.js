// A fake Aankomst backend for the screenshot harness: answers the IPC commands with fictional
// data (no real person). Injected into the page before the app loads, as window.__TAURI_INTERNALS__.
// The scenario comes from window.__AANKOMST_SCENARIO__:
//   first-start | locked | unlocked | demo | already-running | supervisor (unlocked, enrolled as a
//   supervisor's device, with a PIP in review)
(() => {
  const scenario = window.__AANKOMST_SCENARIO__ || 'unlocked';
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const uuid = (n) => `0190a6b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

  const profiles =
    scenario === 'first-start'
      ? []
      : [
          { id: uuid(901), name: 'Sanne de Vries', demo: false, created_at: '2025-01-06T09:00:00Z', retry_after_secs: 0 },
          { id: uuid(902), name: 'Demo', demo: true, created_at: '2025-01-06T09:05:00Z', retry_after_secs: 0 },
        ];
  const supervisor = scenario === 'supervisor';
  let session =
    scenario === 'unlocked' || supervisor
      ? { profile: profiles[0], auto_lock_minutes: 10 }
      : scenario === 'demo'
        ? { profile: profiles[1], auto_lock_minutes: 10 }
        : null;
  let language = window.__AANKOMST_LANGUAGE__ || 'nl';
  let attempts = 0;

  // --- clients ---------------------------------------------------------------------------
  const C = {};
  function client(n, c, extra = {}) {
    const id = uuid(n);
    C[id] = {
      id,
      client: {
        document_given_names: null, document_family_name: null, preferred_name: null,
        other_spellings: null, date_of_birth: null, sex: null, country_of_origin: null,
        nationality: null, languages: [], latin_script_literacy: null, phone: null, email: null,
        address: null, bsn: null, v_number: null, koppeling_date: null, azc_location: null,
        target_group: 'statushouder', ...c,
      },
      status: extra.status === undefined ? 'intake' : extra.status,
      last: extra.last || null,
    };
    return id;
  }
  const mohammad = client(1, {
    document_given_names: 'Mohammad Reza', document_family_name: 'Karimi', preferred_name: 'Reza',
    date_of_birth: '1988-03-12', sex: 'male', country_of_origin: 'AF', nationality: 'AF',
    languages: [
      { language: 'prs', spoken: 'native', literacy: 'literate' },
      { language: 'ps', spoken: 'fluent', literacy: 'limited' },
      { language: 'en', spoken: 'basic', literacy: 'limited' },
    ],
    latin_script_literacy: 'limited', phone: '06 12345678', v_number: '2081234567',
    koppeling_date: '2025-01-20', azc_location: 'azc Budel',
  }, { status: 'pip', last: '2025-03-04T09:30:00Z' });
  const fatima = client(2, {
    document_given_names: 'Fatima', document_family_name: 'Karimi', date_of_birth: '1991',
    sex: 'female', country_of_origin: 'AF', nationality: 'AF', target_group: 'nareiziger',
    languages: [{ language: 'prs', spoken: 'native', literacy: 'none' }], v_number: '2089876543',
  }, { status: 'intake' });
  const hamid = client(3, {
    document_given_names: 'Hamid', document_family_name: 'Karimi', date_of_birth: '2012-07',
    sex: 'male', country_of_origin: 'AF',
  }, { status: null });
  client(4, {
    document_given_names: 'Amanuel Tesfay', document_family_name: 'Gebremedhin',
    other_spellings: 'ኣማኑኤል ተስፋይ ገብረመድህን', date_of_birth: '1994', sex: 'male',
    country_of_origin: 'ER', nationality: 'ER', v_number: '2075551234', azc_location: 'azc Ter Apel',
    languages: [{ language: 'ti', spoken: 'native', literacy: 'literate' }, { language: 'ar', spoken: 'basic', literacy: 'none' }],
  }, { status: 'intake', last: '2025-02-27T13:00:00Z' });
  client(5, {
    document_given_names: 'Rahaf', document_family_name: 'Al-Hassan', preferred_name: 'رهف الحسن',
    date_of_birth: '1979-11-02', sex: 'female', country_of_origin: 'SY', nationality: 'SY',
    v_number: '2064443322', azc_location: 'azc Den Bosch',
    languages: [{ language: 'ar', spoken: 'native', literacy: 'literate' }],
  }, { status: 'route', last: '2025-01-15T10:00:00Z' });
  client(6, {
    document_given_names: 'Yonas', document_family_name: 'Haile', date_of_birth: '2006-05',
    sex: 'male', country_of_origin: 'ER', v_number: '2090001112', azc_location: 'azc Ter Apel',
  }, { status: 'intake' });
  client(7, {
    document_given_names: 'Layla', document_family_name: 'Haddad', date_of_birth: '1985',
    sex: 'female', country_of_origin: 'SY', v_number: '2061239876', azc_location: 'azc Den Bosch',
  }, { status: 'completed', last: '2024-11-20T14:15:00Z' });
  client(8, {
    document_given_names: 'Selam', document_family_name: 'Berhane', date_of_birth: '1999-09-30',
    sex: 'female', country_of_origin: 'ER', v_number: '2077654321', azc_location: 'azc Budel',
  }, { status: 'pip', last: '2025-03-01T08:45:00Z' });
  client(9, {
    document_given_names: 'Omar', document_family_name: 'Al-Sayed', date_of_birth: '1970',
    sex: 'male', country_of_origin: 'SY', azc_location: 'azc Budel',
  }, { status: 'closed' });
  client(10, {
    document_given_names: 'Nour', document_family_name: 'Khalil', date_of_birth: '2001-02-14',
    sex: 'female', country_of_origin: 'stateless',
  }, { status: null });

  const household = {
    id: uuid(501),
    household: {
      label: null,
      members: [
        { client_id: mohammad, role: 'referent', nareiziger: null, arrived_on: null },
        { client_id: fatima, role: 'partner', nareiziger: true, arrived_on: '2025-02-14' },
        { client_id: hamid, role: 'child', nareiziger: true, arrived_on: '2025-02-14' },
      ],
    },
  };

  function docName(c) {
    return [c.client.document_given_names, c.client.document_family_name].filter(Boolean).join(' ');
  }
  function displayName(c) {
    const p = c.client.preferred_name;
    if (p && /[\u0600-\u06ff]/.test(p)) return p;
    if (p) return `${p} ${c.client.document_family_name ?? ''}`.trim();
    return docName(c) || '(naamloos)';
  }
  function age(c) {
    const d = c.client.date_of_birth;
    if (!d) return null;
    const y = Number(d.slice(0, 4));
    return 2025 - y - (d.length === 10 && d.slice(5) > '03-10' ? 1 : 0);
  }
  const caseId = (cid) => `c-${cid}`;

  const conversations = {
    [uuid(701)]: {
      case_id: caseId(mohammad), starts_at: '2025-03-04T09:30:00Z', place: 'azc',
      conversation_type: 'check_in',
      participants: [
        { name: 'Mohammad Reza Karimi', role: 'client' },
        { name: 'Sanne de Vries', role: 'counsellor' },
      ],
      interpreter_mode: 'informal_family', interpreter_name: 'Hamid Karimi',
      interpreter_register_number: null, interpreter_is_minor: true, language_used: 'prs',
      notes: 'Gesprek over de brede intake en de planning van de leerbaarheidstoets.\nReza wil graag snel aan het werk; hij was in Afghanistan elektricien.\n\nVolgende keer een professionele tolk (Dari) via de tolkentelefoon regelen.',
    },
    [uuid(702)]: {
      case_id: caseId(mohammad), starts_at: '2025-02-10T13:00:00Z', place: 'azc',
      conversation_type: 'first', participants: [], interpreter_mode: 'professional_phone',
      interpreter_name: null, interpreter_register_number: null, interpreter_is_minor: null,
      language_used: 'prs', notes: '',
    },
  };
  function warnings(c) {
    const w = [];
    if (c.interpreter_mode && c.interpreter_mode.startsWith('informal_') && c.interpreter_is_minor) w.push('minor_interpreting');
    if (c.interpreter_mode && c.interpreter_mode.startsWith('professional_') && !c.interpreter_name && !c.interpreter_register_number)
      w.push('professional_interpreter_unidentified');
    if (c.interpreter_mode && c.interpreter_mode !== 'none' && !c.language_used) w.push('language_missing');
    return w;
  }
  function summary(id) {
    const c = conversations[id];
    return { id, starts_at: c.starts_at, conversation_type: c.conversation_type, place: c.place,
      interpreter_mode: c.interpreter_mode, language_used: c.language_used, warnings: warnings(c) };
  }

  function caseView(cid) {
    const c = C[cid];
    if (!c.status) return [];
    const convs = Object.keys(conversations).filter((k) => conversations[k].case_id === caseId(cid));
    return [{
      id: caseId(cid),
      case: { client_id: cid, status: c.status, counsellor: 'Sanne de Vries', opened_on: '2025-01-20',
        intake_started_on: '2025-02-10', pip_decided_on: c.status === 'pip' ? '2025-03-28' : null,
        route_started_on: null, term_ends_on: '2028-01-20', ...(c.caseOver ?? {}) },
      conversations: convs.map(summary),
      handovers: c.handovers ?? [],
    }];
  }
  function householdsOf(cid) {
    if (!household.household.members.some((m) => m.client_id === cid)) return [];
    return [{
      id: household.id,
      household: household.household,
      members: household.household.members.map((m) => ({
        client_id: m.client_id, display_name: displayName(C[m.client_id]), role: m.role,
        nareiziger: !!m.nareiziger, arrived_on: m.arrived_on, age: age(C[m.client_id]),
        has_case: !!C[m.client_id].status,
      })),
    }];
  }
  function clientView(cid) {
    const c = C[cid];
    if (!c) throw { key: 'record_not_found', args: {}, field: null };
    return { id: cid, client: c.client, display_name: displayName(c), age: age(c),
      cases: caseView(cid), households: householdsOf(cid) };
  }
  function row(cid) {
    const c = C[cid];
    return { client_id: cid, case_id: c.status ? caseId(cid) : null, display_name: displayName(c),
      document_name: docName(c), v_number: c.client.v_number, bsn: c.client.bsn,
      date_of_birth: c.client.date_of_birth, age: age(c), country: c.client.country_of_origin,
      location: c.client.azc_location, status: c.status, last_conversation: c.last,
      household_size: householdsOf(cid)[0]?.members.length ?? 1, demo: session?.profile.demo ?? false };
  }
  function elfproef(bsn) {
    if (!/^\d{9}$/.test(bsn)) return false;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
    sum -= Number(bsn[8]);
    return sum % 11 === 0;
  }
  const fieldError = (field, error) => ({ key: 'field', args: { error }, field });
  const locked = () => ({ key: 'locked', args: {}, field: null });

  // --- PIP review (supervisor scenario) ---------------------------------------------------
  const PLAN = uuid(801);
  const planFields = {
    case_id: uuid(301), client_id: uuid(1), version: 1, status: 'in_review', previous_id: null,
    route: 'b1', route_change_reason: null, map: 'included', map_note: null, pvt_note: null,
    ontzorgen: 'yes', ontzorgen_note: null, social_guidance: 'yes', social_guidance_by: 'VluchtelingenWerk',
    main_goal: 'Werk in de zorg als helpende niveau 2',
    subgoals: [{ goal: 'Taal op B1-niveau', actions: [{ party: 'client', partner_name: null, action: 'Lessen volgen bij de taalschool', due_on: '2026-03-01' }] }],
    reviews: [{ on: '2026-06-01', note: null }], motivering: 'Leerbaarheidstoets: gemiddeld tot hoog. Wil in de zorg werken.',
    findings: [], explained_language: 'fa', fixed_on: null, fixed_by: null, fixed_at: null,
    signature_client: null, signature_counsellor: null, interpreter_attestation: null,
    review_log: [
      { action: 'submitted', by: 'Sanne de Vries', device: 'dev-1', at: '2025-11-10T09:12:00Z', comment: null },
      { action: 'returned', by: 'Marieke Jansen', device: 'dev-s', at: '2025-11-11T14:02:00Z', comment: 'Graag een subdoel over de opvang van de kinderen toevoegen.' },
      { action: 'submitted', by: 'Sanne de Vries', device: 'dev-1', at: '2025-11-12T10:30:00Z', comment: null },
    ],
    approval: null,
  };
  const planView = () => {
    const status = planFields.status;
    return {
      id: PLAN, case_id: uuid(301), client_id: uuid(1), client_name: 'Mohammad Reza Karimi', plan: planFields,
      missing: [], editable: status === 'draft' || status === 'returned',
      review: {
        supervisor, review_required: true, can_submit: status === 'draft' || status === 'returned',
        can_review: supervisor && status === 'in_review', can_revise: status === 'approved',
        can_fix: status === 'approved',
        approval: planFields.approval ? { by: planFields.approval.by, at: planFields.approval.at, device_id: 'dev-s', state: 'valid' } : null,
      },
      previous_route: null, route_changes_used: 0, route_change_last_day: null,
      routes: [{ code: 'b1', label: null, builtin: true }, { code: 'onderwijs', label: null, builtin: true }, { code: 'z', label: null, builtin: true }],
      finding_options: [],
      versions: [{ id: PLAN, version: 1, status, route: 'b1', fixed_on: null, signed_by_client: false, signed_by_counsellor: false, interpreter_attested: false }],
    };
  };
  const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
  const devices = [
    { device_id: uuid(990), label: 'Marieke (kantoor)', role: 'supervisor', status: 'active',
      enrolled_at: '2025-01-06T09:00:00Z', last_contact: ago(12), revoked_at: null, this_device: true },
    { device_id: uuid(991), label: 'Laptop Sanne', role: 'counsellor', status: 'active',
      enrolled_at: '2025-01-07T10:15:00Z', last_contact: ago(60 * 26), revoked_at: null, this_device: false },
    { device_id: uuid(992), label: 'Laptop Bram (azc)', role: 'counsellor', status: 'active',
      enrolled_at: '2025-02-03T08:40:00Z', last_contact: ago(60 * 24 * 9), revoked_at: null, this_device: false },
    { device_id: uuid(993), label: null, role: 'counsellor', status: 'active',
      enrolled_at: '2025-03-01T12:00:00Z', last_contact: null, revoked_at: null, this_device: false },
  ];

  const handlers = {
    plans_in_review: () =>
      planFields.status === 'in_review'
        ? [{ plan_id: PLAN, case_id: uuid(301), version: 1, client_name: 'Mohammad Reza Karimi', counsellor: 'Sanne de Vries', submitted_at: '2025-11-12T10:30:00Z', pip_due: '2026-01-20' }]
        : [],
    get_plan: () => planView(),
    approve_plan: () => {
      const at = now();
      planFields.status = 'approved';
      planFields.approval = { by: 'Marieke Jansen', device_id: 'dev-s', at, digest: '', signature: '' };
      planFields.review_log.push({ action: 'approved', by: 'Marieke Jansen', device: 'dev-s', at, comment: null });
      return planView();
    },
    // The dashboard of a generated team (10 counsellors × 60 cases), dumped from the Rust
    // generator: see dump_dashboard in crates/aankomst-core/src/team_figures_tests.rs.
    team_dashboard: () => {
      if (!window.__AANKOMST_TEAM_DASHBOARD__) throw { key: 'internal', args: {}, field: null };
      return window.__AANKOMST_TEAM_DASHBOARD__;
    },
    export_monitoring_csv: () => ({ path: '/home/teammanager/Downloads/aankomst-monitoring-2026-03-16.csv', rows: 64 }),
    app_status: () => ({
      instance: scenario === 'already-running' ? 'already_running' : 'ok',
      profiles, session, language,
    }),
    assess_passphrase: ({ passphrase, name }) => {
      const words = passphrase.trim().split(/\s+/).filter(Boolean).length;
      const len = passphrase.length;
      let score = Math.min(4, Math.floor(len / 6) + (words >= 4 ? 1 : 0));
      const hints = [];
      if (len < 16) hints.push('passphrase-hint-too-short');
      if (words < 4) hints.push('passphrase-hint-more-words');
      if (name && passphrase.toLowerCase().includes(name.toLowerCase())) {
        hints.push('passphrase-hint-no-name');
        score = Math.min(score, 1);
      }
      return { score, acceptable: score >= 3, hints };
    },
    create_profile: ({ req }) => {
      const p = { id: uuid(903), name: req.name, demo: req.demo, created_at: now(), retry_after_secs: 0 };
      profiles.push(p);
      session = { profile: p, auto_lock_minutes: 10 };
      return session;
    },
    unlock: ({ req }) => {
      if (req.passphrase !== 'fiets wolk pannenkoek lantaarn') {
        attempts += 1;
        throw { key: 'wrong_passphrase', args: { attempts: String(attempts), retry_after: attempts >= 3 ? '30' : '0' }, field: null };
      }
      session = { profile: profiles.find((p) => p.id === req.profile_id), auto_lock_minutes: 10 };
      return session;
    },
    lock: () => { session = null; return null; },
    touch: () => null,
    set_language: ({ language: l }) => { language = l; return null; },
    get_settings: () => ({ auto_lock_minutes: 10, language }),
    save_settings: ({ req }) => { language = req.language; return null; },
    list_cases: ({ req }) => {
      if (!session) throw locked();
      const q = req.text.toLowerCase();
      const all = Object.keys(C).map(row);
      const rows = all.filter((r) =>
        (!q || [r.display_name, r.document_name, r.v_number, r.bsn, r.date_of_birth].some((x) => x && x.toLowerCase().includes(q))) &&
        (!req.status || (req.status === 'none' ? !r.status : r.status === req.status)) &&
        (!req.country || r.country === req.country) &&
        (!req.location || r.location === req.location));
      return {
        rows: rows.slice(0, req.limit), total_clients: all.length,
        countries: [...new Set(all.map((r) => r.country).filter(Boolean))],
        locations: [...new Set(all.map((r) => r.location).filter(Boolean))],
      };
    },
    create_client: ({ req }) => {
      const id = client(100 + Object.keys(C).length, req.fields, { status: 'intake' });
      return clientView(id);
    },
    get_client: ({ id }) => clientView(id),
    save_field: ({ req }) => {
      const { record_id, field, value } = req;
      if (field === 'bsn' && value && !elfproef(String(value))) throw fieldError('bsn', 'bsn_invalid');
      if (field === 'v_number' && value && !/^\d{10}$/.test(String(value))) throw fieldError('v_number', 'v_number_invalid');
      if (field === 'date_of_birth' && value && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(value)))
        throw fieldError('date_of_birth', 'partial_date_shape');
      let w = [];
      if (C[record_id]) C[record_id].client[field] = value === '' ? null : value;
      else if (conversations[record_id]) {
        conversations[record_id][field] = value === '' ? null : value;
        w = warnings(conversations[record_id]);
      } else if (record_id === household.id) household.household[field] = value;
      return { rev_id: `r-${Math.random().toString(16).slice(2)}`, saved_at: now(), warnings: w };
    },
    add_household_member: ({ req }) => {
      const id = client(200 + Object.keys(C).length, req.fields, { status: req.create_case ? 'intake' : null });
      household.household.members.push({ client_id: id, role: req.role, nareiziger: req.nareiziger, arrived_on: req.arrived_on ?? null });
      return clientView(req.of_client_id);
    },
    link_household_member: ({ req }) => {
      household.household.members.push({ client_id: req.client_id, role: req.role, nareiziger: req.nareiziger, arrived_on: null });
      return clientView(req.of_client_id);
    },
    open_case: ({ req }) => {
      const c = C[req.client_id];
      if (!c) throw { key: 'record_not_found', args: {}, field: null };
      if (!c.status) c.status = 'intake';
      return clientView(req.client_id);
    },
    create_conversation: ({ req }) => {
      const id = uuid(800 + Object.keys(conversations).length);
      conversations[id] = { case_id: req.case_id, starts_at: now(), place: null, conversation_type: null,
        participants: [], interpreter_mode: null, interpreter_name: null, interpreter_register_number: null,
        interpreter_is_minor: null, language_used: null, notes: null };
      return handlers.get_conversation({ id });
    },
    get_conversation: ({ id }) => {
      const c = conversations[id];
      if (!c) throw { key: 'record_not_found', args: {}, field: null };
      const cid = c.case_id.slice(2);
      return { id, conversation: c, warnings: warnings(c), case_id: c.case_id, client_id: cid,
        client_name: displayName(C[cid]), revision_count: 7 };
    },
    // --- sync, device management and handover (a supervisor's laptop) -------------------
    sync_status: () =>
      supervisor
        ? { enrolled: true, device_id: uuid(990), role: 'supervisor', fingerprint: 'K7QM-2R9X',
            has_team_key: true, last_check_in: new Date(Date.now() - 12 * 60_000).toISOString(),
            days_since_check_in: 0, unsynced: 0, offline_lock_days: 30, offline_locked: false }
        : { enrolled: false, device_id: null, role: null, fingerprint: null, has_team_key: false,
            last_check_in: null, days_since_check_in: null, unsynced: 0, offline_lock_days: 30,
            offline_locked: false },
    sync_ledger: () => [],
    list_conflicts: () => [],
    pending_devices: () => [],
    team_devices: () => devices,
    issue_enrolment_code: ({ req }) => ({ code: 'K7QM-2R9X-PD4V-HT8N-3WCA', role: req.role, label: req.label,
      expires_at: new Date(Date.now() + req.valid_for_hours * 3_600_000).toISOString() }),
    revoke_device: (args) => {
      const d = devices.find((x) => x.device_id === args.device_id);
      d.status = 'revoked';
      d.revoked_at = now();
      return d;
    },
    counsellors: () => [
      { name: 'Sanne de Vries', open_cases: 4, me: false },
      { name: 'Bram Jansen', open_cases: 2, me: false },
      { name: 'Marieke Supervisor', open_cases: 0, me: true },
    ],
    handover_case: ({ req }) => {
      const cid = req.case_id.slice(2);
      const from = C[cid].caseOver?.counsellor ?? 'Sanne de Vries';
      C[cid].caseOver = { counsellor: req.to };
      C[cid].handovers = [...(C[cid].handovers ?? []),
        { from, to: req.to, by: 'Marieke Supervisor', at: now(), note: req.note || null, device: uuid(990) }];
      return clientView(cid);
    },
    handover_all: () => ({ handed_over: 4 }),
    case_timeline: (args) => {
      const cid = (args.case_id ?? args.caseId).slice(2);
      const convs = Object.keys(conversations)
        .filter((k) => conversations[k].case_id === `c-${cid}`)
        .map((k) => ({ at: conversations[k].starts_at, kind: 'conversation', conversation: summary(k), status: null }));
      const events = [
        { at: '2025-01-20T08:00:00Z', kind: 'client_registered', conversation: null, status: null },
        { at: '2025-01-20T08:01:00Z', kind: 'case_opened', conversation: null, status: 'intake' },
        { at: '2025-02-15T10:00:00Z', kind: 'household_changed', conversation: null, status: null },
      ];
      if (C[cid].status === 'pip') events.push({ at: '2025-03-05T10:00:00Z', kind: 'status_changed', conversation: null, status: 'pip' });
      return [...convs, ...events].sort((a, b) => (a.at < b.at ? 1 : -1));
    },
  };

  // --- the Tauri internals (as @tauri-apps/api/mocks sets them up) ------------------------
  const callbacks = new Map();
  const listeners = new Map();
  let nextId = 1;
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
    transformCallback(cb, once = false) {
      const id = nextId++;
      callbacks.set(id, (data) => { if (once) callbacks.delete(id); return cb && cb(data); });
      return id;
    },
    unregisterCallback(id) { callbacks.delete(id); },
    runCallback(id, data) { callbacks.get(id)?.(data); },
    callbacks,
    async invoke(cmd, args) {
      if (cmd === 'plugin:event|listen') {
        if (!listeners.has(args.event)) listeners.set(args.event, []);
        listeners.get(args.event).push(args.handler);
        return args.handler;
      }
      if (cmd === 'plugin:event|unlisten') return null;
      const h = handlers[cmd];
      if (!h) throw { key: 'internal', args: {}, field: null };
      await new Promise((r) => setTimeout(r, 15));
      return structuredClone(h(args || {}));
    },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };
  // For the harness: emit a backend event.
  window.__fakeEmit = (event, payload) => {
    if (event === 'locked') session = null;
    for (const id of listeners.get(event) || []) callbacks.get(id)?.({ event, id, payload });
  };
})();
