/** What this feature records: the team entered in the hiring-order advisor changed. */
export interface TeamPlanEvents {
  TeamPlanSaved: Record<never, never>;
}
