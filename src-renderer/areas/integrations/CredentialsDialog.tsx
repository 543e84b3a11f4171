import { ActionIcon, Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../src-shared/contract/index.js';

export type IssuedCredentials = CallOutput<'integrations.create'>;

/** A secret in a read-only box the reader can select, with a copy button beside it. */
function SecretField({ label, description, value }: { label: string; description: string; value: string }) {
  const { t } = useTranslation('integrations');
  const copyLabel = t('integrations.copy', { what: label });
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      readOnly
      dir="ltr"
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      onFocus={(event) => event.currentTarget.select()}
      rightSection={
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('integrations.copied') : copyLabel} withinPortal>
              <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} aria-label={copyLabel} onClick={copy}>
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      }
    />
  );
}

/**
 * The token (and HMAC secret) of a source, this once: the station keeps only
 * a hash of the token, so a lost token can only be replaced, never shown again.
 * Clicking beside the dialog does not close it, so the secret is not lost by a stray click.
 */
export function CredentialsDialog({ issued, onClose }: { issued: IssuedCredentials | null; onClose: () => void }) {
  const { t } = useTranslation('integrations');
  return (
    <Modal
      opened={issued !== null}
      onClose={onClose}
      title={issued ? t('integrations.credentialsTitle', { name: issued.source.name }) : ''}
      size="lg"
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {issued ? (
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('integrations.onceTitle')} role="alert">
            {t('integrations.onceBody')}
          </Alert>
          <SecretField label={t('integrations.token')} description={t('integrations.tokenUse')} value={issued.token} />
          {issued.hmacSecret ? <SecretField label={t('integrations.hmacSecret')} description={t('integrations.hmacUse')} value={issued.hmacSecret} /> : null}
          <Text size="sm" c="dimmed">
            {t('integrations.sourceSystemMustMatch', { code: issued.source.sourceSystem })}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('integrations.savedIt')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
