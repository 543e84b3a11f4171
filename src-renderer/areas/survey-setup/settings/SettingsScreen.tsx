import { Box, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import type { Me } from '../../../api/session.js';
import { PageHeader } from '../../../components/bits.js';
import { HospitalSelect } from '../../../components/pickers.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { navigate } from '../../../shell/router.js';
import { settingsPath } from '../paths.js';
import { SettingsForm } from './SettingsForm.js';

/** A hospital's survey settings; the hospital is in the address, so a reload keeps it. */
export function SettingsScreen({ me, chosenHospitalId }: { me: Me; chosenHospitalId: string | null }) {
  const { t } = useTranslation('survey-setup');
  const { hospitals, byId, query: hospitalsQuery } = useHospitals();
  // mine when it is fixed, else the one chosen, else the first
  const hospitalId = me.scope.hospitalId ?? chosenHospitalId ?? hospitals[0]?.id ?? null;
  const settings = useCallQuery('surveySettings.get', { hospitalId: hospitalId ?? '' }, { enabled: hospitalId !== null });

  let body: React.ReactNode;
  if (hospitalsQuery.isError) body = <ErrorState error={hospitalsQuery.error} onRetry={() => void hospitalsQuery.refetch()} />;
  else if (!hospitalId) body = hospitalsQuery.isPending ? <LoadingState /> : <EmptyState text={t('settings.noHospitals')} />;
  else if (settings.isError) body = <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  else if (settings.isPending) body = <LoadingState />;
  else {
    const hospital = byId.get(hospitalId);
    // saved: start again from what the station now holds
    body = <SettingsForm key={`${hospitalId}:${settings.dataUpdatedAt}`} settings={settings.data} hospital={hospital ?? null} />;
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Box maw={420}>
        <HospitalSelect value={hospitalId} onChange={(id) => navigate(settingsPath(id))} disabled={me.scope.kind !== 'group'} />
      </Box>
      {body}
    </Stack>
  );
}
