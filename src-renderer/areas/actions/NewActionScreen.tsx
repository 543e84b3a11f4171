import { Button, Checkbox, Group, Paper, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../src-shared/contract/index.js';
import { PRIORITIES } from '../../../src-shared/complaints/taxonomy.js';
import { useCallMutation } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { BackLink, PageHeader } from '../../components/bits.js';
import { useNotify } from '../../components/notify.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { ErrorAlert } from '../../components/StateViews.js';
import { useForm } from '../../components/useForm.js';
import { navigate } from '../../shell/router.js';
import { ACTIONS_PATH, actionPath, useOwners } from './parts.js';
import { MANUAL_SOURCES, readActionPrefill } from './paths.js';

/**
 * Opening an action by hand: what is to be done, where it comes from, the
 * department, priority and date, and whether evidence is needed. Opened
 * from a complaint, the address brings its number (and hospital), so the
 * action is linked to it (`readActionPrefill`).
 */
export function NewActionScreen({ me, params }: { me: Me; params: URLSearchParams }) {
  const { t } = useTranslation('actions');
  const notify = useNotify();
  const create = useCallMutation('actions.create', ['actions.list']);
  const prefill = readActionPrefill(params);
  const form = useForm({
    hospitalId: me.scope.hospitalId ?? prefill.hospitalId ?? '',
    title: '',
    description: '',
    sourceType: prefill.sourceType ?? 'manual',
    sourceId: prefill.sourceId ?? '',
    departmentId: me.scope.departmentId ?? '',
    priority: 'medium',
    dueDate: '',
    ownerUserId: '',
  });
  const [evidence, setEvidence] = useState(true);
  const { values } = form;
  // a department chosen: only those who could open the action there (without one, it may take its complaint's)
  const owners = useOwners(me, values.hospitalId || null, values.departmentId || undefined);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      hospitalId: values.hospitalId,
      title: values.title,
      ...(values.description.trim() ? { description: values.description } : {}),
      sourceType: values.sourceType,
      ...(values.sourceId.trim() ? { sourceId: values.sourceId.trim() } : {}),
      ...(values.departmentId ? { departmentId: values.departmentId } : {}),
      priority: values.priority,
      ...(values.dueDate ? { dueDate: values.dueDate } : {}),
      ...(values.ownerUserId ? { ownerUserId: values.ownerUserId } : {}),
      evidenceRequired: evidence,
    } as CallInput<'actions.create'>;
    const made = await form.submit('actions.create', input, create.mutateAsync);
    if (made) {
      notify.done(t('actionNew.created', { number: made.number }));
      navigate(actionPath(made.id));
    }
  };
  const sources = MANUAL_SOURCES.map((s) => ({ value: s, label: t(`actionSource.${s}`) }));
  return (
    <Stack gap="lg" maw={760}>
      <BackLink to={ACTIONS_PATH} label={t('actionDetail.back')} />
      <PageHeader title={t('actionNew.title')} intro={t('actionNew.intro')} />
      <Paper
        withBorder
        radius="md"
        p="md"
        component="form"
        onSubmit={(e: FormEvent<HTMLFormElement>) => void submit(e)}
        noValidate
        aria-label={t('actionNew.title')}
      >
        <Stack gap="sm">
          {me.scope.kind === 'group' ? <HospitalSelect label={t('actionNew.hospital')} required {...form.choice('hospitalId')} /> : null}
          <TextInput label={t('actionNew.titleField')} required dir="auto" {...form.text('title')} data-autofocus />
          <Textarea
            label={t('actionNew.description')}
            autosize
            minRows={3}
            dir="auto"
            value={values.description}
            onChange={(e) => form.set('description', e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <Select label={t('actionNew.source')} data={sources} {...form.choice('sourceType')} allowDeselect={false} />
            <TextInput label={t('actionNew.sourceRef')} description={t('actionNew.sourceRefHint')} {...form.text('sourceId')} />
          </Group>
          <Group grow align="flex-start">
            <DepartmentSelect label={t('actionNew.department')} hospitalId={values.hospitalId || null} {...form.choice('departmentId')} clearable />
            <Select
              label={t('actionNew.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`actionPriority.${p}`) }))}
              {...form.choice('priority')}
              allowDeselect={false}
            />
            <TextInput type="date" label={t('actionNew.dueDate')} {...form.text('dueDate')} />
          </Group>
          <Select
            label={t('actionNew.owner')}
            description={t('actionNew.ownerHint')}
            data={owners.options}
            searchable
            clearable
            disabled={owners.loading || !values.hospitalId}
            {...form.choice('ownerUserId')}
          />
          <Checkbox label={t('actionNew.evidence')} checked={evidence} onChange={(e) => setEvidence(e.currentTarget.checked)} />
          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Button type="submit" loading={form.busy} w="fit-content">
            {t('actionNew.save')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
