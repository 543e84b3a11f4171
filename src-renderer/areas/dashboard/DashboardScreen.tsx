import { Alert, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/hooks.js';
import { useAllDepartments, useHospitals } from '../../api/lookups.js';
import { Ltr } from '../../components/bits.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fw={500} mt={4} component="div">
        {children}
      </Text>
    </Paper>
  );
}

/** Until the PX indicators exist: who I am, where I work, which station this is. */
export function DashboardScreen({ me }: ScreenProps) {
  const { t } = useTranslation('dashboard');
  const { stationId, version } = useCallQuery('system.status', {}).data ?? {};
  const language = useLanguage();
  const { byId: hospitals } = useHospitals();
  const { byId: departments } = useAllDepartments();
  const hospital = me.scope.hospitalId ? hospitals.get(me.scope.hospitalId) : undefined;
  const department = me.scope.departmentId ? departments.get(me.scope.departmentId) : undefined;
  const scope =
    me.scope.kind === 'group'
      ? t('scope.group')
      : [hospital && localName(hospital, language), department && localName(department, language)].filter(Boolean).join(' — ') || '—';

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>{t('dashboard.welcome', { name: localName(me.user, language) })}</Title>
        <Text c="dimmed">{t('dashboard.intro', { role: localName(me.role, language) })}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact label={t('dashboard.scope')}>{scope}</Fact>
        <Fact label={t('dashboard.station')}>{stationId ? <Ltr>{stationId}</Ltr> : '—'}</Fact>
        <Fact label={t('dashboard.version')}>{version ? <Ltr>{version}</Ltr> : '—'}</Fact>
      </SimpleGrid>
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} title={t('notBuilt.title')} role="note">
        {t('dashboard.notBuilt')}
      </Alert>
    </Stack>
  );
}
