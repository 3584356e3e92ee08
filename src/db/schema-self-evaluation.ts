/** Tables of migration 0020_self_evaluation (issue 6). Database in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SelfEvaluationTables {}
