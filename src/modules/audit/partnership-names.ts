/**
 * What the audit module reads of partnerships: the name beside each event (issue #15, item 4: only the
 * partnerships module names its tables). A port of audit's own, declared here and not imported from the
 * partnerships module, which depends on audit (an import, even of a type, would be a cycle); the composition
 * root hands in the partnerships module's directory. One lookup by ids, answering a Map; ids not found are absent.
 */
export interface PartnershipNames {
  partnershipsByIds(ids: readonly number[]): Promise<Map<number, { name: string }>>;
}
