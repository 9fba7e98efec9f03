import type { Decision } from './decision';

/** What this feature records: the hiring manager's decision (the application is then hired or rejected). */
export interface ComparisonEvents {
  DecisionRecorded: { readonly applicationId: number; readonly openingId: number; readonly decision: Decision };
}
