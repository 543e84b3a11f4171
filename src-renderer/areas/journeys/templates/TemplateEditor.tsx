import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconInfoCircle, IconPlus, IconRestore } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyTemplate } from '../../../../src-shared/contract/index.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { isEventCode } from '../../../../src-shared/his-events.js';
import { isApiError, validateInput } from '../../../api/client.js';
import { useCallMutation, useCallQuery, usePermission } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import { ActiveToggle } from '../../../components/ActiveToggle.js';
import { ActiveBadge, BackLink, PageHeader } from '../../../components/bits.js';
import { EmptyState, ErrorAlert, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { localName, pick, useLanguage } from '../../../i18n/index.js';
import { StageForm } from './StageForm.js';
import { StageList } from './StageList.js';
import { templatesPath } from './paths.js';
import { draftFrom, isDirty, stageInput, type DraftStage } from './stages.js';

interface Draft {
  nameEn: string;
  nameAr: string;
  stages: DraftStage[];
}

const draftOf = (template: JourneyTemplate): Draft => ({
  nameEn: template.nameEn,
  nameAr: template.nameAr,
  stages: template.stages.map((s) => draftFrom(s, isEventCode)),
});

/** The builder of one template: its names and its ordered stages, saved together. */
export function TemplateEditor({ id }: { id: string }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const can = usePermission();
  const writable = can('journeys.write');
  const { byId: hospitals } = useHospitals();
  const templates = useCallQuery('journeyTemplates.list', {});
  const template = templates.data?.find((candidate) => candidate.id === id);
  const update = useCallMutation('journeyTemplates.update', ['journeyTemplates.list']);
  const setActive = useCallMutation('journeyTemplates.setActive', ['journeyTemplates.list']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [stageOpen, setStageOpen] = useState<DraftStage | null | undefined>(undefined);

  // Start from what the station holds, and again when it changes there (a save):
  // a refetch gives a new object each time, its updatedAt says whether it really changed.
  const latest = useRef(template);
  latest.current = template;
  const savedAt = template?.updatedAt;
  const reset = useCallback(() => {
    if (latest.current) setDraft(draftOf(latest.current));
    setErrors([]);
    setFailure(null);
  }, []);
  useEffect(reset, [reset, savedAt, id]);

  const back = <BackLink to={templatesPath(template?.hospitalId ?? null)} label={t('templates.back')} />;
  if (templates.isError) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  if (templates.isPending || (template && !draft)) return <LoadingState />;
  if (!template || !draft) {
    return (
      <Stack gap="lg">
        {back}
        <EmptyState text={t('templates.noSuchTemplate')} />
      </Stack>
    );
  }

  const dirty = isDirty(template, draft);
  const nameError = (path: 'nameEn' | 'nameAr') => {
    const found = errors.find((e) => e.path === path);
    return found ? pick(found.message, language) : undefined;
  };
  const unplaced = errors.filter((e) => e.path !== 'nameEn' && e.path !== 'nameAr' && !/^stages\.\d+\./.test(e.path));

  const save = async () => {
    const input = { id: template.id, nameEn: draft.nameEn, nameAr: draft.nameAr, stages: draft.stages.map(stageInput) };
    const local = validateInput('journeyTemplates.update', input);
    setFailure(null);
    if (local.length > 0) {
      setErrors(local);
      return;
    }
    try {
      // the answer is the template as now stored: new stages have their ids (its updatedAt may not move when only stages changed)
      const saved = await update.mutateAsync(input);
      setDraft(draftOf(saved));
      setErrors([]);
      notifications.show({ color: 'teal', message: t('templates.savedStages') });
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setErrors(error.fields);
      else setFailure(error);
    }
  };

  const hospital = hospitals.get(template.hospitalId);
  const name = localName(template, language);
  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={name}
        intro={`${t(`journeyType.${template.journeyType}`)}${hospital ? ` — ${localName(hospital, language)}` : ''}`}
        actions={
          <Group gap="xs">
            <ActiveBadge active={template.active} />
            {writable ? <ActiveToggle name={name} active={template.active} onChange={(active) => setActive.mutateAsync({ id: template.id, active })} /> : null}
          </Group>
        }
      />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('fields.code')} value={template.code} disabled dir="ltr" />
          <TextInput
            label={t('fields.nameAr')}
            required
            dir="rtl"
            lang="ar"
            disabled={!writable}
            value={draft.nameAr}
            onChange={(e) => setDraft({ ...draft, nameAr: e.currentTarget.value })}
            error={nameError('nameAr')}
          />
          <TextInput
            label={t('fields.nameEn')}
            required
            dir="ltr"
            lang="en"
            disabled={!writable}
            value={draft.nameEn}
            onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })}
            error={nameError('nameEn')}
          />
        </SimpleGrid>
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="template-stages">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h4" id="template-stages">
            {t('templates.stages')}
          </Title>
          {writable ? (
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setStageOpen(null)}>
              {t('templates.addStage')}
            </Button>
          ) : null}
        </Group>
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('templates.stagesHelp')}
        </Alert>
        {draft.stages.length === 0 ? (
          <EmptyState text={t('templates.noStages')} />
        ) : (
          <StageList
            stages={draft.stages}
            errors={errors}
            writable={writable}
            onChange={(stages) => setDraft({ ...draft, stages })}
            onEdit={(stage) => setStageOpen(stage)}
          />
        )}
      </Stack>
      {failure ? <ErrorAlert error={failure} /> : null}
      {unplaced.length > 0 ? <ErrorAlert text={unplaced.map((e) => `${e.path}: ${pick(e.message, language)}`).join(' ')} /> : null}
      {writable ? (
        <Group justify="space-between" gap="sm" style={{ position: 'sticky', bottom: 0 }} py="sm" bg="var(--mantine-color-gray-0)">
          <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} aria-live="polite">
            {dirty ? t('templates.unsaved') : t('templates.allSaved')}
          </Text>
          <Group gap="sm">
            <Button variant="default" leftSection={<IconRestore size={16} aria-hidden />} disabled={!dirty || update.isPending} onClick={reset}>
              {t('templates.discard')}
            </Button>
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} disabled={!dirty} loading={update.isPending} onClick={() => void save()}>
              {t('templates.save')}
            </Button>
          </Group>
        </Group>
      ) : null}
      <StageForm
        opened={stageOpen !== undefined}
        templateId={template.id}
        stage={stageOpen ?? null}
        otherCodes={draft.stages.filter((s) => s.key !== stageOpen?.key).map((s) => s.code)}
        onClose={() => setStageOpen(undefined)}
        onDone={(stage) => {
          const exists = draft.stages.some((s) => s.key === stage.key);
          setDraft({ ...draft, stages: exists ? draft.stages.map((s) => (s.key === stage.key ? stage : s)) : [...draft.stages, stage] });
          setStageOpen(undefined);
        }}
      />
    </Stack>
  );
}
