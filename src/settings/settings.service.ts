/** What other features read of the company settings. */
export { getCompanyLanguage, getIndependentFeedback } from './settings.repository';
