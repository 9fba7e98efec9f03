/** What other features read of candidates and their applications. */
export { findCandidate, type Candidate } from './candidates.repository';
export { findApplication, listPipeline, type ApplicationSummary, type PipelineEntry } from './applications.repository';
