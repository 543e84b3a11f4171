/**
 * English texts of the audit log and the check of its chain: the namespace
 * `audit`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  audit: {
    nav: 'Audit log',
    title: 'Audit log',
    intro: 'Every change made on this station, newest first. Entries are chained by hash, so an altered or deleted entry is detectable.',
    tableLabel: 'Audit entries',
    empty: 'No audit entries match these filters.',
    action: 'Action',
    entityType: 'Entity type',
    actor: 'Actor',
    time: 'Time',
    entity: 'Entity',
    details: 'Details',
    showDetails: 'Show before and after of entry {{seq}}',
    before: 'Before',
    after: 'After',
    nothing: 'Nothing',
    verify: 'Verify chain',
    verifyOk: 'The chain is intact: {{checked}} entries checked.',
    verifyBroken: 'The chain is broken at entry {{seq}} ({{reason}}). {{checked}} entries checked.',
    reasonHash: 'its content does not match its hash',
    reasonChain: 'it does not point to the entry before it',
    reasonGap: 'an entry is missing before it',
    filters: 'Filters',
  },
};
