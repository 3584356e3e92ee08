/** Tables of migration 0021_support (issue 6). Database in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SupportTables {}
