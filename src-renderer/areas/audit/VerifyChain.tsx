import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../src-shared/contract/index.js';
import { call, type ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/StateViews.js';

/** Walk the audit hash chain on the station and say whether it is intact, or where it breaks. */
export function VerifyChain() {
  const { t } = useTranslation('audit');
  const verify = useMutation<AuditVerification, ApiError>({ mutationFn: () => call('audit.verify', {}) });
  const result = verify.data;
  const reason = (r: 'hash_mismatch' | 'chain_broken' | 'sequence_gap') =>
    t(r === 'hash_mismatch' ? 'audit.reasonHash' : r === 'chain_broken' ? 'audit.reasonChain' : 'audit.reasonGap');

  return (
    <Stack gap="sm">
      <Button variant="light" leftSection={<IconShieldCheck size={16} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </Button>
      <div aria-live="polite">
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {result?.ok ? (
          <Alert color="teal" variant="light" icon={<IconShieldCheck aria-hidden />} role="status">
            {t('audit.verifyOk', { checked: result.checked })}
          </Alert>
        ) : null}
        {result && !result.ok ? (
          <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} role="alert">
            {result.firstBroken
              ? t('audit.verifyBroken', { seq: result.firstBroken.seq, reason: reason(result.firstBroken.reason), checked: result.checked })
              : t('common.errorTitle')}
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
