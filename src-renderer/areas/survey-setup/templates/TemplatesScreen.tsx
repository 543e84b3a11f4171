import { ActionIcon, Alert, Anchor, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconBan, IconCircleCheck, IconEdit, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveyTemplateSummary } from '../../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { ConfirmAction } from '../../../components/ConfirmAction.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { CreateButton, DateTimeText, Ltr, PageHeader } from '../../../components/bits.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href, navigate } from '../../../shell/router.js';
import { NEW_TEMPLATE_PATH, templatePath } from '../paths.js';
import { TemplateBuilderScreen } from './TemplateBuilderScreen.js';

/**
 * A shipped template's rows are written with the same times on every
 * station (built-in rows, the epoch): shown as shipped, not as 1970.
 */
export const isShippedTime = (timestamp: string) => Date.parse(timestamp) < Date.UTC(2000, 0, 1);

/** Templates are group configuration: changed by a group-wide role holding surveys.write (the station checks as well). */
export function useTemplatesWritable(me: Me): boolean {
  const can = usePermission();
  return can('surveys.write') && me.scope.kind === 'group';
}

/** In use or retired, and shipped with PX360 or not. */
export function TemplateBadges({ template }: { template: Pick<SurveyTemplateSummary, 'active' | 'builtIn'> }) {
  const { t } = useTranslation('survey-setup');
  return (
    <>
      <Badge color={template.active ? 'teal' : 'gray'} variant="light">
        {template.active ? t('common.active') : t('surveyTemplates.retiredBadge')}
      </Badge>
      {template.builtIn ? (
        <Badge color="grape" variant="outline">
          {t('surveyTemplates.builtIn')}
        </Badge>
      ) : null}
    </>
  );
}

/** Retire a template (nothing new is sent with it) or bring it back, after a confirmation. */
export function RetireToggle({ template }: { template: Pick<SurveyTemplateSummary, 'id' | 'nameEn' | 'nameAr' | 'active'> }) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const setActive = useCallMutation('surveyTemplates.setActive', ['surveyTemplates.list', 'surveyTemplates.get']);
  const name = localName(template, language);
  const active = template.active;
  return (
    <ConfirmAction
      label={active ? t('surveyTemplates.retire', { name }) : t('surveyTemplates.reactivate', { name })}
      icon={active ? <IconBan size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
      color={active ? 'red' : 'teal'}
      title={active ? t('surveyTemplates.retireTitle', { name }) : t('surveyTemplates.reactivateTitle', { name })}
      body={active ? t('surveyTemplates.retireBody') : t('surveyTemplates.reactivateBody')}
      confirmLabel={active ? t('surveyTemplates.retireConfirm') : t('surveyTemplates.reactivateConfirm')}
      doneText={active ? t('surveyTemplates.retired') : t('surveyTemplates.reactivated')}
      onConfirm={() => setActive.mutateAsync({ id: template.id, active: !active })}
    />
  );
}

function TemplateList({ me }: { me: Me }) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const writable = useTemplatesWritable(me);
  const can = usePermission();
  const templates = useCallQuery('surveyTemplates.list', { includeInactive: true });

  const columns: Column<SurveyTemplateSummary>[] = [
    {
      key: 'name',
      header: t('surveyTemplates.name'),
      minWidth: 220,
      render: (template) => (
        <Stack gap={2}>
          <Anchor href={href(templatePath(template.id))} fw={600} size="sm">
            {localName(template, language)}
          </Anchor>
          <Ltr dimmed>{template.code}</Ltr>
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('surveyTemplates.status'),
      nowrap: true,
      render: (template) => (
        <Group gap={4}>
          <TemplateBadges template={template} />
        </Group>
      ),
    },
    { key: 'questions', header: t('surveyTemplates.questions'), nowrap: true, render: (template) => <Text size="sm">{template.questionCount}</Text> },
    {
      key: 'phone',
      header: t('surveyTemplates.phone'),
      render: (template) => (
        <Text size="sm" c={Math.max(template.estimatedSeconds.ar, template.estimatedSeconds.en) > 60 ? 'orange.9' : undefined}>
          {t('surveyTemplates.phoneTime', { ar: template.estimatedSeconds.ar, en: template.estimatedSeconds.en })}
        </Text>
      ),
    },
    {
      key: 'changed',
      header: t('surveyTemplates.lastChanged'),
      nowrap: true,
      render: (template) =>
        isShippedTime(template.updatedAt) ? (
          <Text size="sm" c="dimmed">
            {t('surveyTemplates.asShipped')}
          </Text>
        ) : (
          <DateTimeText value={template.updatedAt} />
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (template) => {
        const name = localName(template, language);
        return (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t('common.editItem', { name })} withinPortal>
              <ActionIcon component="a" href={href(templatePath(template.id))} variant="subtle" aria-label={t('common.editItem', { name })}>
                <IconEdit size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            {writable ? <RetireToggle template={template} /> : null}
          </Group>
        );
      },
    },
  ];

  let body: React.ReactNode;
  if (templates.isError) body = <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  else if (templates.isPending) body = <LoadingState />;
  else if (templates.data.length === 0) body = <EmptyState text={t('surveyTemplates.empty')} />;
  else {
    // in use first, then by name
    const rows = [...templates.data].sort(
      (a, b) => Number(b.active) - Number(a.active) || localName(a, language).localeCompare(localName(b, language), language),
    );
    body = (
      <Paper withBorder radius="md">
        <DataTable label={t('surveyTemplates.tableLabel')} columns={columns} rows={rows} rowKey={(row) => row.id} />
      </Paper>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('surveyTemplates.title')}
        intro={t('surveyTemplates.intro')}
        actions={
          writable ? (
            <CreateButton label={t('surveyTemplates.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => navigate(NEW_TEMPLATE_PATH)} />
          ) : null
        }
      />
      {!writable && can('surveys.write') ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('surveyTemplates.groupOnly')}
        </Alert>
      ) : null}
      {body}
    </Stack>
  );
}

/** The group's survey templates; `/survey-setup/<id>` opens one in the builder, `/survey-setup/new` a blank one. */
export function TemplatesScreen({ me, templateId }: { me: Me; templateId: string | undefined }) {
  return templateId ? <TemplateBuilderScreen me={me} templateId={templateId} /> : <TemplateList me={me} />;
}
