import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSource } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/StateViews.js';
import type { IssuedCredentials } from './CredentialsDialog.js';

type HmacChoice = 'keep' | 'new' | 'none';

function isHmacChoice(value: string): value is HmacChoice {
  return value === 'keep' || value === 'new' || value === 'none';
}

/**
 * Replace a source's token after the reader confirms: the old token stops at
 * once, so the HIS must be given the new one. The HMAC secret is kept,
 * renewed, or signing stops.
 */
export function RotateTokenModal({
  source,
  onClose,
  onIssued,
}: {
  source: IntegrationSource | null;
  onClose: () => void;
  onIssued: (issued: IssuedCredentials) => void;
}) {
  const { t } = useTranslation('integrations');
  const rotate = useCallMutation('integrations.rotateToken', ['integrations.list']);
  const [hmac, setHmac] = useState<HmacChoice>('keep');
  const { reset } = rotate;

  useEffect(() => {
    if (!source) return;
    setHmac(source.signed ? 'keep' : 'none');
    reset();
  }, [source, reset]);

  const confirm = async () => {
    if (!source) return;
    try {
      const issued = await rotate.mutateAsync({ id: source.id, hmac });
      onClose();
      onIssued(issued);
    } catch {
      // shown below from rotate.error
    }
  };

  return (
    <Modal
      opened={source !== null}
      onClose={onClose}
      title={source ? t('integrations.rotateTitle', { name: source.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {source ? (
        <Stack gap="md">
          <Text size="sm">{t('integrations.rotateBody')}</Text>
          <Radio.Group label={t('integrations.hmacChoice')} value={hmac} onChange={(value) => isHmacChoice(value) && setHmac(value)}>
            <Stack gap="xs" mt="xs">
              {source.signed ? <Radio value="keep" label={t('integrations.hmacKeep')} /> : null}
              <Radio value="new" label={source.signed ? t('integrations.hmacNew') : t('integrations.hmacStart')} />
              <Radio value="none" label={source.signed ? t('integrations.hmacStop') : t('integrations.hmacNone')} />
            </Stack>
          </Radio.Group>
          {rotate.error ? <ErrorAlert error={rotate.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={rotate.isPending}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={rotate.isPending} onClick={() => void confirm()}>
              {t('integrations.rotateConfirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
