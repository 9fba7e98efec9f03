import type { Decision } from './decision';

/**
 * What this feature records: the hiring manager's decision (the application is then hired or
 * rejected), and a decision reopened (the application awaits a decision again; `decision` is the one
 * reopened).
 */
export interface ComparisonEvents {
  DecisionRecorded: { readonly applicationId: number; readonly openingId: number; readonly decision: Decision };
  DecisionReopened: { readonly applicationId: number; readonly openingId: number; readonly decision: Decision };
}
