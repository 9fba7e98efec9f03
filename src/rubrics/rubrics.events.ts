/** What this feature records: a new version of a rubric. */
export interface RubricsEvents {
  RubricVersionSaved: { readonly rubricId: number; readonly version: number };
}
