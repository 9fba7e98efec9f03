/** What other features read of the rubrics. */
export { findRubric, findVersionDimensions, listRubrics, type RubricSummary } from './rubrics.repository';
