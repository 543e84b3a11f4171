import { Button, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../src-shared/contract/index.js';
import { QrCode } from '../components/QrCode.js';
import type { TextBinding } from '../components/useForm.js';

/** The key in groups of four, four groups a line, as authenticator apps show it and as it is easiest to type. */
function grouped(secret: string): string {
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(' '));
  return lines.join('\n');
}

/**
 * Setting up an authenticator app: the QR code (drawn here: the key never
 * leaves the console), the key as text for typing instead, and the box for
 * the first code. Shown once: the station does not show the key again.
 */
export function TotpSetup({ enrolment, username, code }: { enrolment: TotpEnrolment; username: string; code: TextBinding }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('auth.enrolSteps')}</Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <QrCode value={enrolment.uri} label={t('auth.qrLabel', { username })} size={184} />
        <Stack gap={6} style={{ flex: 1, minWidth: 200 }}>
          <Text size="sm" fw={500} id="totp-secret-label">
            {t('auth.secretLabel')}
          </Text>
          <Code
            block
            dir="ltr"
            aria-labelledby="totp-secret-label"
            data-testid="totp-secret"
            style={{ fontSize: 15, letterSpacing: 1, userSelect: 'all', whiteSpace: 'pre', textAlign: 'left' }}
          >
            {grouped(enrolment.secret)}
          </Code>
          <CopyButton value={enrolment.secret}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                size="xs"
                onClick={copy}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                style={{ alignSelf: 'flex-start' }}
              >
                {copied ? t('auth.copied') : t('auth.copy')}
              </Button>
            )}
          </CopyButton>
        </Stack>
      </Group>
      <TextInput
        label={t('auth.firstCode')}
        required
        dir="ltr"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        placeholder="123456"
        style={{ maxWidth: 220 }}
        {...code}
      />
    </Stack>
  );
}
