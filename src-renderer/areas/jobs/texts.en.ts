/**
 * English texts of Administration → Jobs: the station's background jobs and
 * its readers of domain events. The namespace `jobs`; `texts.ar.ts` has
 * exactly these keys. The jobs' and readers' own names come from the
 * station, in both languages.
 */
export const en = {
  jobs: {
    nav: 'Jobs',
    title: 'Background jobs',
    intro:
      'The work this station does by itself: processing the events hospital systems send, syncing with the hub, and what is built on them. Times are in the hospital’s time zone; the page refreshes every few seconds.',
    table: 'Background jobs',
    job: 'Job',
    schedule: 'Runs',
    status: 'Status',
    lastRun: 'Last run',
    nextRun: 'Next run',
    lastError: 'Last error',
    every: 'Every {{interval}}',
    everySecond: 'Every second',
    everyMinute: 'Every minute',
    everyHour: 'Every hour',
    cron: 'On the schedule',
    onDemand: 'When there is work',
    running: 'Running',
    ok: 'OK',
    failing: 'Failing',
    notRunYet: 'Not run yet',
    took: 'Took {{duration}}',
    whenThereIsWork: 'When there is work',
    afterThisRun: 'Right after this run',
    failuresInRow: 'Failed runs in a row: {{count}}',
    noError: 'None',
    failedAt: 'Failed at',
    runNow: 'Run now',
    runNowItem: 'Run now: {{name}}',
    asked: 'Asked to run: {{name}}.',
    failingSummary: 'Jobs failing: {{count}}. Each is tried again at its next run; the details are in the station log.',
    none: 'This station has no background job.',
  },
  jobReaders: {
    title: 'Event readers',
    intro:
      'Parts of PX360 that act on what another part did, such as a survey when a journey stage is completed. Each reads at its own pace; one that fails holds back no other, and later events wait for it.',
    table: 'Event readers',
    reader: 'Reader',
    events: 'Events',
    status: 'Status',
    delivered: 'Delivered',
    waiting: 'Waiting',
    lastError: 'Last error',
    upToDate: 'Up to date',
    behind: 'Catching up',
    failing: 'Failing',
    atLeast: '{{count}} or more',
    lastDelivered: 'Last delivered',
    stuckOn: 'Stuck on event number {{seq}}',
    nextAttempt: 'Next attempt',
    retryNow: 'Try again now',
    retryNowItem: 'Try again now: {{name}}',
    none: 'No part of PX360 reads events on this station yet.',
  },
};
