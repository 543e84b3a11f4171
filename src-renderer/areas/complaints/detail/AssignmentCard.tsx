import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconUserCheck, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../../src-shared/contract/index.js';
import { useCallMutation } from '../../../api/hooks.js';
import { useAllDepartments } from '../../../api/lookups.js';
import type { Me } from '../../../api/session.js';
import { Fact } from '../../../components/bits.js';
import { ConfirmAction } from '../../../components/ConfirmAction.js';
import { FormModal } from '../../../components/FormModal.js';
import { useNotify } from '../../../components/notify.js';
import { DepartmentSelect } from '../../../components/pickers.js';
import { errorText } from '../../../components/StateViews.js';
import { useForm } from '../../../components/useForm.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { usePersonName } from '../people.js';
import { useAssignees } from './useAssignees.js';

const INVALIDATES = ['complaints.list', 'complaints.get'] as const;

function AssignDialog({ me, complaint, onClose }: { me: Me; complaint: ComplaintDetail; onClose: () => void }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const assignees = useAssignees(me, complaint.hospitalId, complaint.departmentId);
  const form = useForm({ userId: complaint.assignedUserId ?? '', departmentId: complaint.assignedDepartmentId ?? '' });
  const assign = useCallMutation('complaints.assign', INVALIDATES);

  const submit = async () => {
    const input = { id: complaint.id, userId: form.values.userId || null, departmentId: form.values.departmentId || null };
    if (await form.submit('complaints.assign', input, assign.mutateAsync)) {
      notify.done(t('complaint.assigned'));
      onClose();
    }
  };

  return (
    <FormModal
      opened
      title={t('complaint.assignTitle', { number: complaint.number })}
      onClose={onClose}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      submitLabel={t('complaint.assign')}
      size="md"
    >
      <Select
        label={t('complaint.assignUser')}
        description={assignees.canList ? t('complaint.assignUserHint') : t('complaint.assignUserOnlyMe')}
        data={assignees.options}
        searchable
        clearable
        disabled={assignees.loading}
        {...form.choice('userId')}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
        // the dialog opens with this field ready to type into, its list closed over the rest
        openOnFocus={false}
      />
      <DepartmentSelect label={t('complaint.assignTeam')} hospitalId={complaint.hospitalId} clearable {...form.choice('departmentId')} />
    </FormModal>
  );
}

/** Who holds the complaint (a person, a team, both or nobody), and for a writer the ways to change it. */
export function AssignmentCard({ me, complaint, writable }: { me: Me; complaint: ComplaintDetail; writable: boolean }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const { byId: departments } = useAllDepartments();
  const personName = usePersonName();
  const [assigning, setAssigning] = useState(false);
  const assign = useCallMutation('complaints.assign', INVALIDATES);
  const person = personName(complaint.assignedUserId, complaint.assignedUserName);
  const team = complaint.assignedDepartmentId ? departments.get(complaint.assignedDepartmentId) : undefined;

  const toMe = async () => {
    try {
      await assign.mutateAsync({ id: complaint.id, userId: me.user.id });
      notify.done(t('complaint.assigned'));
    } catch (error) {
      notify.failed(errorText(error, language));
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-assignment">
      <Title order={3} size="h4" id="complaint-assignment" mb="sm">
        {t('complaint.assignment')}
      </Title>
      <Stack gap="sm">
        <Fact label={t('complaint.assignee')}>
          {person ?? (
            <Text size="sm" c="dimmed" component="span">
              {t('complaint.nobody')}
            </Text>
          )}
        </Fact>
        <Fact label={t('complaint.team')}>
          {team ? (
            localName(team, language)
          ) : (
            <Text size="sm" c="dimmed" component="span">
              {t('complaint.noTeam')}
            </Text>
          )}
        </Fact>
        {writable ? (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAssigning(true)}>
              {t('complaint.assign')}
            </Button>
            {complaint.assignedUserId === me.user.id ? null : (
              <Button variant="default" leftSection={<IconUserCheck size={16} aria-hidden />} loading={assign.isPending} onClick={() => void toMe()}>
                {t('complaint.assignToMe')}
              </Button>
            )}
            {complaint.assignedUserId || complaint.assignedDepartmentId ? (
              <ConfirmAction
                trigger="button"
                label={t('complaint.unassign')}
                icon={<IconUserMinus size={16} aria-hidden />}
                color="gray"
                title={t('complaint.unassignTitle', { number: complaint.number })}
                body={t('complaint.unassignBody')}
                confirmLabel={t('complaint.unassign')}
                doneText={t('complaint.unassigned')}
                onConfirm={() => assign.mutateAsync({ id: complaint.id, userId: null, departmentId: null })}
              />
            ) : null}
          </Group>
        ) : null}
      </Stack>
      {assigning ? <AssignDialog me={me} complaint={complaint} onClose={() => setAssigning(false)} /> : null}
    </Paper>
  );
}
