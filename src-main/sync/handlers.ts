import { hostname } from 'node:os';
import { AppError, invalidField } from '../../src-shared/errors.js';
import type { Handler } from '../core/context.js';
import { HubError } from './client.js';
import type { GroupView } from './group-view.js';
import type { SyncService } from './service.js';

export function syncHandlers(sync: SyncService, log: (line: string) => void) {
  return {
    'sync.status': (() => sync.status()) satisfies Handler<'sync.status'>,
    'sync.connection': (() => {
      const { enrolled, online, lastSyncAt, pendingMessages, running } = sync.status();
      return { enrolled, online, lastSyncAt, pendingMessages, running };
    }) satisfies Handler<'sync.connection'>,
    'sync.problems': ((input, { caller }) => sync.problems.list(input, caller.scope)) satisfies Handler<'sync.problems'>,
    'sync.acknowledgeRejections': ((input, { caller, write }) =>
      write((tx) => sync.problems.acknowledge(input, caller.scope, tx))) satisfies Handler<'sync.acknowledgeRejections'>,
    'sync.enrol': (async (input, { actor }) => {
      try {
        await sync.enrol(input.hubUrl, input.code, input.stationName ?? `PX360 ${hostname()}`, actor);
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        log(`sync: enrolment at ${input.hubUrl} failed (${error.reason}): ${error.message}`);
        if (error.reason === 'bad_code') throw invalidField('code', 'sync.bad_code');
        if (error.reason === 'already_enrolled') throw new AppError('CONFLICT', 'sync.already_enrolled');
        throw invalidField('hubUrl', error.reason === 'unreachable' || error.reason === 'untrusted_hub' ? `sync.${error.reason}` : 'sync.hub_error');
      }
      void sync.syncNow();
      return sync.status();
    }) satisfies Handler<'sync.enrol'>,
    // the round runs on; the console follows it through sync.status
    'sync.now': ((_input, { write }) => {
      // who asked, and whether a round was already running (it is joined, not doubled)
      write((tx) => tx.record({ action: 'sync.requested', entityType: 'sync', entityId: null, hospitalId: null, after: { joined: sync.isRunning } }));
      void sync.syncNow();
      return sync.status();
    }) satisfies Handler<'sync.now'>,
  };
}

export function groupHandlers(groupView: GroupView) {
  return {
    // the dispatcher has already refused a caller placed in one hospital
    'group.overview': (() => groupView.overview()) satisfies Handler<'group.overview'>,
  };
}
