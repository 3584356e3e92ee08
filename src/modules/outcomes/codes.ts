/** The codes the outcome pages, services and presenters share. */

/** Scotland's area code (GSS). */
export const SCOTLAND = 'S92000003';

/** The frameworks an indicator belongs to; the catalogue filters on the national ones. */
export type Framework = 'CPOP' | 'NPF' | 'LGBF' | 'local';
export const FRAMEWORKS: readonly Framework[] = ['CPOP', 'LGBF', 'NPF'];
