import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { pick, useLanguage, type Language } from '../i18n/index.js';

/** The message a reader should see for a failure, in their language. */
export function errorText(error: unknown, language: Language): string {
  if (isApiError(error)) return pick(error.bilingual, language);
  return error instanceof Error ? error.message : String(error);
}

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ text, children }: { text: string; children?: React.ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl">
      <IconInbox size={32} stroke={1.5} aria-hidden color="var(--mantine-color-dimmed)" />
      <Text c="dimmed" ta="center">
        {text}
      </Text>
      {children}
    </Stack>
  );
}

/** A failed load: what went wrong (`text` where the console says it better than the error), and a way to try again. */
export function ErrorState({ error, text, onRetry }: { error: unknown; text?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{text ?? errorText(error, language)}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A failed write that no single field explains. */
export function ErrorAlert({ error, text }: { error?: unknown; text?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const message = text ?? (error === undefined || error === null ? null : errorText(error, language));
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {message}
    </Alert>
  );
}
