/** Tables of migration 0022_case_studies (issue 6). Database in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CaseStudyTables {}
