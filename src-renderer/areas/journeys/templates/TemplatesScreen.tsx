import { ActionIcon, Anchor, Badge, Box, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyTemplate } from '../../../../src-shared/contract/index.js';
import { JOURNEY_TYPES, type JourneyType } from '../../../../src-shared/his-events.js';
import { useCallMutation, useCallQuery, usePermission } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import type { Me } from '../../../api/session.js';
import { ActiveToggle } from '../../../components/ActiveToggle.js';
import { ActiveBadge, CreateButton, Ltr, PageHeader } from '../../../components/bits.js';
import { useEventCodeLabel } from '../hisLabels.js';
import { HospitalSelect } from '../../../components/pickers.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href, navigate } from '../../../shell/router.js';
import { TemplateCreateForm } from './TemplateCreateForm.js';
import { templatePath, templatesPath } from './paths.js';
import { TemplateEditor } from './TemplateEditor.js';

function TemplateCard({ template, writable }: { template: JourneyTemplate; writable: boolean }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const eventLabel = useEventCodeLabel();
  const setActive = useCallMutation('journeyTemplates.setActive', ['journeyTemplates.list']);
  const name = localName(template, language);
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Title order={3} size="h5">
              <Anchor href={href(templatePath(template))} inherit>
                {name}
              </Anchor>
            </Title>
            <Ltr dimmed>{template.code}</Ltr>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <ActiveBadge active={template.active} />
            {writable ? (
              <>
                <Tooltip label={t('common.editItem', { name })} withinPortal>
                  <ActionIcon component="a" href={href(templatePath(template))} variant="subtle" aria-label={t('common.editItem', { name })}>
                    <IconEdit size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <ActiveToggle name={name} active={template.active} onChange={(active) => setActive.mutateAsync({ id: template.id, active })} />
              </>
            ) : null}
          </Group>
        </Group>
        <Box component="ol" m={0} ps="lg">
          {template.stages.map((stage) => (
            <Text component="li" size="sm" key={stage.id}>
              {localName(stage, language)}{' '}
              <Text span size="xs" c="dimmed">
                — {eventLabel(stage.triggerEventCode)}
                {stage.required ? '' : ` · ${t('templates.optional')}`}
              </Text>
            </Text>
          ))}
        </Box>
        {template.stages.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('templates.noStages')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The list for one hospital; the hospital is in the address, so the builder's way back returns to it. */
function TemplateList({ me, chosenHospitalId }: { me: Me; chosenHospitalId: string | null }) {
  const { t } = useTranslation('journeys');
  const can = usePermission();
  const writable = can('journeys.write');
  const { hospitals, query: hospitalsQuery } = useHospitals();
  const [journeyType, setJourneyType] = useState<JourneyType>('OPD');
  const [creating, setCreating] = useState(false);
  // mine when it is fixed, else the one chosen, else the first
  const hospitalId = me.scope.hospitalId ?? chosenHospitalId ?? hospitals[0]?.id ?? null;
  const setHospitalId = (id: string | null) => navigate(templatesPath(id));
  const templates = useCallQuery('journeyTemplates.list', hospitalId ? { hospitalId } : {}, { enabled: hospitalId !== null });

  const all = templates.data ?? [];
  const ofType = (type: JourneyType) => all.filter((tpl) => tpl.journeyType === type).sort((a, b) => Number(b.active) - Number(a.active));

  let body: React.ReactNode;
  if (hospitalsQuery.isError) body = <ErrorState error={hospitalsQuery.error} onRetry={() => void hospitalsQuery.refetch()} />;
  else if (!hospitalId) body = hospitalsQuery.isPending ? <LoadingState /> : <EmptyState text={t('templates.noHospitals')} />;
  else if (templates.isError) body = <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  else if (templates.isPending) body = <LoadingState />;
  else
    body = (
      <Tabs value={journeyType} onChange={(value) => setJourneyType(JOURNEY_TYPES.find((type) => type === value) ?? 'OPD')} keepMounted={false}>
        <Tabs.List aria-label={t('journeys.type')}>
          {JOURNEY_TYPES.map((type) => (
            <Tabs.Tab
              key={type}
              value={type}
              rightSection={
                <Badge size="sm" variant="light" color="gray">
                  {ofType(type).length}
                </Badge>
              }
            >
              {t(`journeyType.${type}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {JOURNEY_TYPES.map((type) => (
          <Tabs.Panel key={type} value={type} pt="md">
            {ofType(type).length === 0 ? (
              <EmptyState text={t('templates.emptyType')} />
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {ofType(type).map((template) => (
                  <TemplateCard key={template.id} template={template} writable={writable} />
                ))}
              </SimpleGrid>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('templates.title')}
        intro={t('templates.intro')}
        actions={
          writable && hospitalId ? (
            <CreateButton label={t('templates.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} />
          ) : null
        }
      />
      <Box maw={420}>
        <HospitalSelect value={hospitalId} onChange={setHospitalId} disabled={me.scope.kind !== 'group'} />
      </Box>
      {body}
      {hospitalId ? (
        <TemplateCreateForm
          opened={creating}
          hospitalId={hospitalId}
          journeyType={journeyType}
          templates={all}
          onClose={() => setCreating(false)}
          onCreated={(template) => navigate(templatePath(template))}
        />
      ) : null}
    </Stack>
  );
}

/** Journey templates per hospital and type; `/journeys/templates/<id>` opens one in the builder. */
export function TemplatesScreen({ me, templateId, hospitalId }: { me: Me; templateId: string | undefined; hospitalId: string | null }) {
  return templateId ? <TemplateEditor id={templateId} /> : <TemplateList me={me} chosenHospitalId={hospitalId} />;
}
