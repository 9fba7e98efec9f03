/** What this feature records: a company setting changed, the company's logo replaced or removed, and the installation's first set-up. */
export interface SettingsEvents {
  SettingsChanged: { readonly independentFeedback: boolean };
  CompanyLogoChanged: { readonly removed: boolean };
  SetupCompleted: { readonly adminId: number };
}
