import { Group, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconCheck, IconClock, IconPlayerSkipForward } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { JourneyDetail } from '../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { useAllDepartments } from '../../api/lookups.js';
import { DateTimeText } from '../../components/bits.js';
import { STAGE_STATUS_COLOR, StageStatusBadge, useEventCodeLabel } from './hisLabels.js';
import { localName, useLanguage } from '../../i18n/index.js';

type Stage = JourneyDetail['stages'][number];

function PhysicianName({ id }: { id: string }) {
  const language = useLanguage();
  const can = usePermission();
  const physician = useCallQuery('physicians.get', { id }, { enabled: can('physicians.read') });
  return <>{physician.data ? localName(physician.data, language) : '…'}</>;
}

const BULLET = { completed: IconCheck, pending: IconClock, skipped: IconPlayerSkipForward } as const;

/**
 * The journey's stages top to bottom in template order: done (when, in the
 * hospital's zone, with the Hijri date), still to come, or passed over.
 */
export function JourneyTimeline({ stages }: { stages: readonly Stage[] }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const eventLabel = useEventCodeLabel();
  const { byId: departments } = useAllDepartments();
  const lastDone = stages.reduce((last, stage, index) => (stage.status === 'completed' ? index : last), -1);

  return (
    <Timeline active={lastDone} bulletSize={28} lineWidth={2}>
      {stages.map((stage) => {
        const Icon = BULLET[stage.status];
        const department = stage.departmentId ? departments.get(stage.departmentId) : undefined;
        return (
          <Timeline.Item
            key={stage.id}
            color={STAGE_STATUS_COLOR[stage.status]}
            bullet={
              <ThemeIcon size={28} radius="xl" color={STAGE_STATUS_COLOR[stage.status]} variant={stage.status === 'completed' ? 'filled' : 'light'} aria-hidden>
                <Icon size={16} />
              </ThemeIcon>
            }
            title={
              <Group gap="sm" wrap="wrap">
                <Text fw={600} size="sm" component="h4" m={0}>
                  {localName(stage, language)}
                </Text>
                <StageStatusBadge status={stage.status} />
                {stage.required ? null : (
                  <Text size="xs" c="dimmed">
                    {t('templates.optional')}
                  </Text>
                )}
              </Group>
            }
          >
            <Stack gap={2} mt={4}>
              {stage.status === 'completed' ? <DateTimeText value={stage.completedAt} /> : null}
              <Text size="xs" c="dimmed">
                {t('journeys.triggeredBy', { event: eventLabel(stage.triggerEventCode) })}
              </Text>
              {department ? (
                <Text size="xs">
                  {t('fields.department')}: {localName(department, language)}
                </Text>
              ) : null}
              {stage.physicianId ? (
                <Text size="xs">
                  {t('journeys.physician')}: <PhysicianName id={stage.physicianId} />
                </Text>
              ) : null}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
