/** What other features read of the company settings. */
export { type CompanySettings, getCompanyLanguage, getCompanySettings, getIndependentFeedback } from './settings.repository';
