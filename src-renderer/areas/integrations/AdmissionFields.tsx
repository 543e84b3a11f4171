import { Code, MultiSelect, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useHospitals } from '../../api/lookups.js';
import { useSession } from '../../api/session.js';
import { localName, useLanguage } from '../../i18n/index.js';

/** Lists travel in the form as lines: one hospital code or peer a line. */
export const linesOf = (value: string): string[] => value.split('\n').filter(Boolean);
export const toLines = (values: readonly string[]): string => values.join('\n');

export type AdmissionValues = { hospitalCodes: string; mllpPeers: string; mllpCertSha256: string };

interface AdmissionFieldsProps {
  values: AdmissionValues;
  set(name: keyof AdmissionValues, value: string): void;
  errorFor(path: string): string | undefined;
}

/** The code of the one hospital a hospital-scoped user manages sources for; null for the group. */
export function useOwnHospitalCode(): string | null {
  const session = useSession();
  const { byId } = useHospitals();
  const scope = session?.me.scope;
  if (!scope || scope.kind === 'group' || !scope.hospitalId) return null;
  return byId.get(scope.hospitalId)?.code ?? null;
}

/**
 * Who may send as a source: the hospitals it sends for, the addresses its
 * MLLP may come from, and the client certificate it must present. A
 * hospital's administrator binds a source to their hospital alone; the
 * group binds shared feeds (the station refuses anything else either way).
 */
export function AdmissionFields({ values, set, errorFor }: AdmissionFieldsProps) {
  const { t } = useTranslation('integrations');
  const language = useLanguage();
  const { hospitals, query } = useHospitals();
  const session = useSession();
  const confined = session?.me.scope.kind !== 'group';
  const chosen = linesOf(values.hospitalCodes);
  const known = new Set(hospitals.map((h) => h.code));
  const data = [
    ...hospitals.map((hospital) => ({ value: hospital.code, label: `${localName(hospital, language)} (${hospital.code})` })),
    // a code bound before its hospital reached this station stays visible, and removable
    ...chosen.filter((code) => !known.has(code)).map((code) => ({ value: code, label: t('integrations.hospitalNotHere', { code }) })),
  ];
  return (
    <>
      <MultiSelect
        label={t('integrations.hospitals')}
        description={confined ? t('integrations.hospitalsOwnHint') : t('integrations.hospitalsHint')}
        data={data}
        value={chosen}
        onChange={(codes) => set('hospitalCodes', toLines(codes))}
        error={errorFor('hospitalCodes')}
        disabled={confined || query.isPending}
        searchable
        clearable={!confined}
        nothingFoundMessage={t('integrations.noHospitals')}
        comboboxProps={{ withinPortal: true }}
      />
      <TagsInput
        label={t('integrations.mllpPeers')}
        description={t('integrations.mllpPeersHint')}
        placeholder={t('integrations.mllpPeersPlaceholder')}
        value={linesOf(values.mllpPeers)}
        onChange={(peers) => set('mllpPeers', toLines(peers))}
        error={errorFor('mllpPeers')}
        splitChars={[',', ' ']}
        clearable
        dir="ltr"
      />
      <TextInput
        label={t('integrations.clientCertificate')}
        description={
          <>
            {t('integrations.clientCertificateHint')}{' '}
            <Code dir="ltr" style={{ unicodeBidi: 'isolate', whiteSpace: 'nowrap' }}>
              openssl x509 -noout -fingerprint -sha256 -in client.pem
            </Code>
          </>
        }
        value={values.mllpCertSha256}
        onChange={(event) => set('mllpCertSha256', event.currentTarget.value)}
        error={errorFor('mllpCertSha256')}
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
      />
    </>
  );
}
