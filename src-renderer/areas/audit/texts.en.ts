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
    reasonMac: 'its seal does not match: the entry or one before it was rewritten outside PX360',
    anchorMatches: 'It matches the checkpoint the hub holds (entry {{seq}}, anchored {{when}}).',
    anchorMatchesKept: 'It matches the last checkpoint the hub gave (entry {{seq}}, anchored {{when}}); the hub could not be asked just now.',
    anchorTruncated: 'Entries are missing from the end: the hub holds a checkpoint at entry {{seq}} (anchored {{when}}), beyond the last entry here.',
    anchorForked: 'Entry {{seq}} is not the one anchored at the hub on {{when}}: the log here was rewritten.',
    anchorNone: 'No checkpoint is anchored at the hub yet: it is anchored at the next sync.',
    anchorNotCompared: 'Not compared with the hub: this station is not enrolled, or the hub cannot be reached and gave no checkpoint before.',
    filters: 'Filters',
  },
};
