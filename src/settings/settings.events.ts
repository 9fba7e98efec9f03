/** What this feature records: a company setting changed, and the installation's first set-up. */
export interface SettingsEvents {
  SettingsChanged: { readonly independentFeedback: boolean };
  SetupCompleted: { readonly adminId: number };
}
