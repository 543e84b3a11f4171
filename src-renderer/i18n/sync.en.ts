/**
 * English texts of Sync → Problems, and the names of record types and
 * fields as a person reads them (for any screen that shows what a sync
 * message or an audit entry touched). Spread into `en`; `sync.ar.ts` has the
 * same keys. Field labels already in `fields`, `journeys`… are reused, not
 * repeated here (src-renderer/components/recordLabels.ts).
 */
export const syncEn = {
  syncProblems: {
    title: 'Problems',
    count: 'Sync problems: {{count}}',
    intro: 'Changes that did not go through the hub as they are. Nothing here is lost: each is kept on this station.',
    refusedTitle: 'Changes the hub refused',
    refusedIntro: 'Made on this station, refused by the hub: they stay on this station only and are not sent again.',
    waitingTitle: 'Received changes waiting',
    waitingIntro: 'Changes from other stations that cannot be applied here yet. They are tried again at every sync.',
    record: 'Record',
    fields: 'Fields',
    why: 'Why, and what to do',
    refusedAt: 'Refused',
    changedAt: 'Changed',
    notShown: 'Not shown',
    more: 'and {{count}} more',
    dealtWith: 'Dealt with',
    markDealtWith: 'Mark as dealt with',
    markDealtWithItem: 'Mark as dealt with: {{record}}',
    markedDealtWith: 'Marked as dealt with: {{record}}.',
    markAll: 'Mark all as dealt with',
    markAllTitle: 'Mark every refused change as dealt with?',
    markAllBody:
      'Every open refused change you can see, on every page, leaves this list and the count of sync problems. Nothing is deleted: “Show dealt-with” lists them again. Do this once each has been re-entered correctly or needs nothing more.',
    markedAll: 'Marked as dealt with: {{count}}.',
    showDealtWith: 'Show dealt-with',
    dealtWithBy: 'Dealt with by {{user}}',
    nothingOpen: 'No refused change is waiting to be dealt with.',
    rejection: {
      invalid_message: 'The hub could not read this change.',
      table_not_synced: 'The hub does not take records of this type.',
      column_not_synced: 'The hub does not take this field.',
      bad_hlc: 'The change carried an invalid time stamp.',
      hlc_not_this_station: 'The change was stamped by another station.',
      out_of_scope: 'The record belongs to another hospital, or to the group’s settings (such as roles), which this hospital’s station may not change.',
      unknown_hospital: 'The hub could not tell which hospital the record belongs to.',
      hlc_in_future: 'The change was stamped with a time ahead of the hub’s clock: this computer’s date or time is wrong.',
    },
    rejectionHelp: {
      invalid_message: 'Report it to PX360 support.',
      table_not_synced: 'Report it to PX360 support if records of this type should be shared.',
      column_not_synced: 'Report it to PX360 support if this field should be shared.',
      bad_hlc: 'Check this computer’s date and time, and report it to PX360 support.',
      hlc_not_this_station:
        'This happens when a station’s data folder is copied to another computer. Give each station its own data folder and enrolment code.',
      out_of_scope: 'Make such changes on a station of that hospital, or ask the central PX team to make them on a group station.',
      unknown_hospital: 'Report it to PX360 support, naming the record.',
      hlc_in_future: 'Ask IT to set this computer’s date, time and time zone automatically, then make the change again.',
    },
    wait: {
      parent: 'It refers to a record that has not arrived yet: {{type}} ({{field}}).',
      incomplete: 'Only part of this new record has arrived. Still missing: {{fields}}.',
      duplicate: '{{fields}}: the same value is already used on this station by {{local}}.',
      duplicateUnknown: '{{fields}}: the same value is already used by another record on this station.',
      invalid: 'It breaks a rule of this station’s database.',
      unknown: 'It was put to wait before this station kept reasons.',
    },
    waitHelp: {
      parent:
        'Nothing to do here: it is applied as soon as that record arrives. If it keeps waiting, look at the sync problems of the station where it was made.',
      incomplete: 'Nothing to do here: it is applied when the rest arrives. If it keeps waiting, look at the sync problems of the station where it was made.',
      duplicate:
        'If the {{fields}} of {{local}} is wrong, edit it on this station: the received record is then applied at the next sync. If it is right, have the received record corrected at the station where it was made.',
      duplicateUnknown: 'Correct the {{fields}} of one of the two records: the received record is then applied at the next sync.',
      invalid: 'Report it to PX360 support, naming the record.',
      unknown: 'The reason shows after the next sync.',
    },
  },
  recordType: {
    hospitals: 'Hospital',
    departments: 'Department',
    physicians: 'Physician',
    employees: 'Employee',
    patients: 'Patient',
    roles: 'Role',
    users: 'User',
    journey_templates: 'Journey template',
    journey_template_stages: 'Journey template stage',
    journey_instances: 'Patient journey',
    journey_stage_instances: 'Stage of a patient journey',
    integration_sources: 'Integration source',
    event_mappings: 'Code mapping',
  },
  recordField: {
    updatedAt: 'Last changed',
    deletedAt: 'Deleted',
    template: 'Journey template',
    position: 'Order',
    autoSendSurvey: 'Automatic survey',
    journey: 'Patient journey',
    stage: 'Stage',
    event: 'HIS event',
  },
};
