import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditAnchor, AuditVerification } from '../../../src-shared/contract/index.js';
import { dateTimeParts } from '../../../src-shared/dates.js';
import { useLanguage } from '../../i18n/index.js';
import { useTimeZone } from '../../shell/useTimeZone.js';
import { call, type ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/StateViews.js';

/** Walk the audit hash chain on the station and say whether it is intact, or where it breaks. */
export function VerifyChain() {
  const { t } = useTranslation('audit');
  const verify = useMutation<AuditVerification, ApiError>({ mutationFn: () => call('audit.verify', {}) });
  const result = verify.data;
  const language = useLanguage();
  const timeZone = useTimeZone();
  const REASON = {
    hash_mismatch: 'audit.reasonHash',
    chain_broken: 'audit.reasonChain',
    sequence_gap: 'audit.reasonGap',
    mac_mismatch: 'audit.reasonMac',
  } as const;
  const anchorText = (anchor: AuditAnchor): string => {
    const values = { seq: anchor.seq ?? 0, when: (anchor.anchoredAt ? dateTimeParts(anchor.anchoredAt, { language, timeZone })?.gregorian : null) ?? '—' };
    switch (anchor.state) {
      case 'matches':
        return t(anchor.source === 'kept' ? 'audit.anchorMatchesKept' : 'audit.anchorMatches', values);
      case 'truncated':
        return t('audit.anchorTruncated', values);
      case 'forked':
        return t('audit.anchorForked', values);
      case 'none':
        return t('audit.anchorNone');
      case 'not_compared':
        return t('audit.anchorNotCompared');
    }
  };
  // whole and anchored, or broken somewhere (a link, or against the hub's checkpoint)
  const intact = result !== undefined && result.ok && result.anchor?.state !== 'truncated' && result.anchor?.state !== 'forked';

  return (
    <Stack gap="sm">
      <Button variant="light" leftSection={<IconShieldCheck size={16} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </Button>
      <div aria-live="polite">
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {result && intact ? (
          <Alert color="teal" variant="light" icon={<IconShieldCheck aria-hidden />} role="status">
            {t('audit.verifyOk', { checked: result.checked })} {result.anchor ? anchorText(result.anchor) : null}
          </Alert>
        ) : null}
        {result && !intact ? (
          <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} role="alert">
            {result.firstBroken
              ? t('audit.verifyBroken', { seq: result.firstBroken.seq, reason: t(REASON[result.firstBroken.reason]), checked: result.checked })
              : result.anchor
                ? anchorText(result.anchor)
                : t('common.errorTitle')}
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
