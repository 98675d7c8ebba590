// Generated from aankomst-core by `cargo test` (crates/aankomst-app/src/reference_export.rs).
// Do not edit: change the Rust lists, run the tests and commit the result.

export const COUNTRIES = ['SY', 'ER', 'AF', 'TR', 'IQ', 'IR', 'YE', 'SD', 'SS', 'SO', 'ET', 'UA', 'PS', 'LB', 'JO', 'EG', 'LY', 'MA', 'DZ', 'TN', 'NG', 'CD', 'BI', 'GN', 'CM', 'PK', 'BD', 'LK', 'MM', 'CN', 'RU', 'BY', 'GE', 'AM', 'AZ', 'CU', 'VE', 'CO', 'KW', 'SA', 'NL', 'stateless', 'unknown'] as const;

export const LANGUAGES = ['ar', 'ti', 'tig', 'am', 'om', 'so', 'fa', 'prs', 'ps', 'kmr', 'ckb', 'tr', 'uk', 'ru', 'en', 'fr', 'nl', 'ur', 'bn', 'ta', 'my', 'zh', 'hy', 'ka', 'az', 'es', 'de', 'sw', 'ln', 'ha', 'yo', 'ff', 'bs', 'sq'] as const;

export const RIGHT_TO_LEFT = ['ar', 'fa', 'prs', 'ps', 'ckb', 'ur'] as const;

export const CHOICES = {
  sex: ['female', 'male', 'x', 'unknown'] as const,
  case_status: ['intake', 'pip', 'route', 'completed', 'closed'] as const,
  place: ['azc', 'office', 'phone', 'video', 'home', 'other'] as const,
  conversation_type: ['first', 'check_in', 'pip', 'progress_review', 'other'] as const,
  interpreter_mode: ['none', 'professional_in_person', 'professional_phone', 'professional_video', 'informal_family', 'informal_friend', 'informal_key_person'] as const,
  member_role: ['referent', 'partner', 'child', 'parent', 'sibling', 'other'] as const,
  participant_role: ['client', 'counsellor', 'partner', 'family', 'vwn', 'coa', 'colleague', 'provider', 'other'] as const,
  spoken: ['native', 'fluent', 'basic'] as const,
  literacy: ['literate', 'limited', 'none', 'unknown'] as const,
  target_group: ['statushouder', 'nareiziger', 'gezinsmigrant', 'overige_migrant'] as const,
  goal_status: ['open', 'in_progress', 'reached', 'not_reached', 'stopped'] as const,
  ontzorgen_outcome: ['continue', 'stop', 'budget_management'] as const,
  duty_decision_kind: ['vrijstelling', 'ontheffing'] as const,
  duty_decision_scope: ['whole', 'part'] as const,
  duty_decision_grounds: ['medical', 'proven_level', 'efforts', 'other'] as const,
  exam_level: ['a2', 'b1', 'b2'] as const,
} as const;
