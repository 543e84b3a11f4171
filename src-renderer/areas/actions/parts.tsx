import { Anchor, Badge, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../src-shared/complaints/taxonomy.js';
import type { PxActionStatus, PxActionVerb } from '../../../src-shared/complaints/workflow.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { useNotify } from '../../components/notify.js';
import { ErrorAlert } from '../../components/StateViews.js';
import { isApiError } from '../../api/client.js';
import { localName, pick, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { actionPath } from './paths.js';

export { ACTIONS_PATH, NEW_ACTION_PATH, actionPath } from './paths.js';

const STATUS_COLOR: Record<PxActionStatus, string> = {
  open: 'blue',
  in_progress: 'indigo',
  pending_approval: 'yellow',
  approved: 'teal',
  closed: 'gray',
  cancelled: 'gray',
};
const PRIORITY_COLOR: Record<Priority, string> = { low: 'gray', medium: 'blue', high: 'orange', urgent: 'red' };

export function ActionStatusBadge({ status }: { status: PxActionStatus }) {
  const { t } = useTranslation('actions');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`actionStatus.${status}`)}
    </Badge>
  );
}

export function ActionPriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation('actions');
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'urgent' ? 'filled' : 'light'} style={{ flexShrink: 0 }}>
      {t(`actionPriority.${priority}`)}
    </Badge>
  );
}

/** An action number: Latin, left to right inside Arabic, never broken. */
export function ActionNumber({ number }: { number: string }) {
  return (
    <bdi dir="ltr" style={{ unicodeBidi: 'isolate', whiteSpace: 'nowrap' }}>
      {number}
    </bdi>
  );
}

export function ActionLink({ id, number }: { id: string; number: string }) {
  const { t } = useTranslation('actions');
  return (
    <Anchor href={href(actionPath(id))} size="sm" fw={600} aria-label={t('actions.open', { number })}>
      <ActionNumber number={number} />
    </Anchor>
  );
}

/** What the station refused: each field's own words (evidence missing, not an approver), else its message. */
export function ProblemAlert({ error }: { error: unknown }) {
  const language = useLanguage();
  if (!error) return null;
  if (isApiError(error) && error.fields.length > 0) return <ErrorAlert text={error.fields.map((f) => pick(f.message, language)).join(' ')} />;
  return <ErrorAlert error={error} />;
}

const NEEDS_REASON: readonly PxActionVerb[] = ['reject', 'cancel'];

/**
 * The moves an action allows this person now, as buttons (reachable by
 * keyboard from the board's card and the detail screen). A rejection and a
 * cancellation ask why first. What the station refuses (evidence missing, an
 * approver who owns it) is said in the person's language.
 */
export function VerbButtons({ id, number, verbs, size = 'xs' }: { id: string; number: string; verbs: readonly PxActionVerb[]; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('actions');
  const notify = useNotify();
  const move = useCallMutation('actions.move', ['actions.list', 'actions.get']);
  const [asking, setAsking] = useState<PxActionVerb | null>(null);
  const [reason, setReason] = useState('');
  const run = (verb: PxActionVerb, why?: string) =>
    move.mutate(
      { id, verb, ...(why ? { reason: why } : {}) },
      {
        onSuccess: (action) => {
          setAsking(null);
          setReason('');
          notify.done(t('actions.moved', { number, status: t(`actionStatus.${action.status}`) }));
        },
      },
    );
  if (verbs.length === 0) return null;
  return (
    <>
      <Group gap={6} wrap="wrap">
        {verbs.map((verb) => (
          <Button
            key={verb}
            size={size}
            variant={verb === 'approve' || verb === 'submit' ? 'filled' : verb === 'cancel' || verb === 'reject' ? 'light' : 'default'}
            color={verb === 'cancel' || verb === 'reject' ? 'red' : undefined}
            loading={move.isPending && move.variables?.verb === verb}
            aria-label={t('actionVerb.on', { verb: t(`actionVerb.${verb}`), number })}
            onClick={() => (NEEDS_REASON.includes(verb) ? setAsking(verb) : run(verb))}
          >
            {t(`actionVerb.${verb}`)}
          </Button>
        ))}
      </Group>
      {move.error && asking === null ? <ProblemAlert error={move.error} /> : null}
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? t('actionVerb.reasonTitle', { verb: t(`actionVerb.${asking}`), number }) : ''}
      >
        <Stack gap="sm">
          <Textarea
            label={t('actionVerb.reason')}
            required
            autosize
            minRows={3}
            dir="auto"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          {move.error ? <ProblemAlert error={move.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actionVerb.back')}
            </Button>
            <Button color="red" loading={move.isPending} onClick={() => asking && run(asking, reason.trim() || undefined)}>
              {t('actionVerb.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * Who may own an action of a hospital (`actions.owners`, the rule
 * `actions.assign` applies), the reader first: the quickest pick is
 * oneself.
 */
export function useOwners(
  me: Me,
  hospitalId: string | null,
  /** the action's department (null: none): only those who can open it there; undefined: not known yet */
  departmentId?: string | null,
): { loading: boolean; options: { value: string; label: string }[] } {
  const language = useLanguage();
  const can = usePermission();
  const allowed = can('actions.write') && hospitalId !== null && hospitalId !== '';
  const input = departmentId === undefined ? { hospitalId: hospitalId ?? '' } : { hospitalId: hospitalId ?? '', departmentId };
  const people = useCallQuery('actions.owners', input, { enabled: allowed });
  const list = people.data ?? [];
  const ordered = [...list.filter((user) => user.id === me.user.id), ...list.filter((user) => user.id !== me.user.id)];
  return {
    loading: allowed && people.isPending,
    options: ordered.map((user) => ({ value: user.id, label: `${localName(user, language)} (${user.username})` })),
  };
}
