import type { ClientView } from '../types';

/** The props of the dialogs that add a member to a household of the client in `view`. */
export type MemberFormProps = {
  view: ClientView;
  /** The household to add to; null when the client has none yet. */
  householdId: string | null;
  onclose: () => void;
  /** With the client as it is after the change. */
  ondone: (view: ClientView) => void;
};
