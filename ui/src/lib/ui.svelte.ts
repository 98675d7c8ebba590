// Small cross-screen UI state.
export const ui = $state<{ newClientOpen: boolean }>({ newClientOpen: false });
