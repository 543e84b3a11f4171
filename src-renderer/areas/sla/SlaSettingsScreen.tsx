import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../api/hooks.js';
import { useHospitals } from '../../api/lookups.js';
import type { Me } from '../../api/session.js';
import { PageHeader } from '../../components/bits.js';
import { HospitalSelect } from '../../components/pickers.js';
import { LoadingState } from '../../components/StateViews.js';
import { CalendarCard } from './CalendarCard.js';
import { PoliciesCard } from './PoliciesCard.js';

/** SLA settings of a hospital: its business calendar and its policies (a group-wide reader picks the hospital). */
export function SlaSettingsScreen({ me }: { me: Me }) {
  const { t } = useTranslation('sla');
  const can = usePermission();
  const { hospitals } = useHospitals();
  const [chosen, setChosen] = useState<string | null>(me.scope.hospitalId);
  const hospitalId = chosen ?? hospitals[0]?.id ?? null;
  return (
    <Stack gap="lg">
      <PageHeader title={t('timeLimitSettings.title')} intro={t('timeLimitSettings.intro')} />
      {me.scope.kind === 'group' ? <HospitalSelect value={hospitalId} onChange={setChosen} w={360} /> : null}
      {hospitalId ? (
        <>
          <PoliciesCard hospitalId={hospitalId} writable={can('departments.write')} />
          <CalendarCard key={hospitalId} hospitalId={hospitalId} />
        </>
      ) : (
        <LoadingState />
      )}
    </Stack>
  );
}
