import type { ApplicationStatus } from '../candidates/candidate';
import type { Decision } from '../comparison/decision';

/* The report totals' tables: kept per opening by the reports feature's event handler. */

/** Calibration report totals per opening and interviewer; rebuilt from the scorecards whenever they change. */
export interface CalibrationTotalsTable {
  opening_id: number;
  interviewer_id: number;
  scorecards: number;
  focus_expected: number;
  focus_rated: number;
  rated_1: number;
  rated_2: number;
  rated_3: number;
  rated_4: number;
  not_assessed: number;
  panel_pairs: number;
  /** Sums over the shared ratings: own rating, and the mean of the rest of the panel's. */
  panel_own: number;
  panel_others: number;
}

export interface CalibrationDelaysTable {
  opening_id: number;
  interviewer_id: number;
  /** Whole minutes from the interview to submission. */
  minutes: number;
  scorecards: number;
}

export interface CalibrationOutcomesTable {
  opening_id: number;
  interviewer_id: number;
  /** '' for a scorecard without one. */
  recommendation: string;
  decision: Decision;
  scorecards: number;
}

/** Applications per opening, furthest stage position reached, status and month of arrival. */
export interface PipelineTotalsTable {
  opening_id: number;
  /** The furthest stage's position the application reached; 0 when it has no stage. */
  position: number;
  status: ApplicationStatus;
  /** YYYY-MM of the application's arrival. */
  cohort_month: string;
  applications: number;
}

/** Applications per opening, candidate source, furthest stage position reached and status. */
export interface SourceTotalsTable {
  opening_id: number;
  source: string;
  position: number;
  status: ApplicationStatus;
  applications: number;
}

/** Moves into a stage position per opening and arrival month, by whole hours until the next event. */
export interface PipelineStageDaysTable {
  opening_id: number;
  cohort_month: string;
  position: number;
  hours: number;
  moves: number;
}

/** Openings whose report totals are rebuilt before the next read. */
export interface ReportTotalsStaleTable {
  opening_id: number;
}

/** The one row counting committed units of work (migration 0031): what the reports' cache is keyed by. */
export interface DataVersionTable {
  id: number;
  version: number;
}
