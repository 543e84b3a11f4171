import { Alert, Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The recovery codes, shown once when two-step sign-in is turned on; `onDone`
 * once the person says they have kept them. `titled`: the warning carries the
 * title (in a dialog titled otherwise); on a screen of its own the screen's title says it.
 */
export function RecoveryCodes({ codes, onDone, titled = true }: { codes: readonly string[]; onDone: () => void; titled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconKey aria-hidden />} title={titled ? t('auth.recoveryTitle') : undefined}>
        {t('auth.recoveryCodesIntro')}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ol"
        aria-label={t('auth.recoveryCodesLabel')}
        data-testid="recovery-codes"
        style={{ margin: 0, padding: 0, listStyle: 'none' }}
      >
        {codes.map((code) => (
          <Text component="li" key={code} ff="monospace" size="md" dir="ltr" ta="center" p={4} bg="var(--mantine-color-gray-0)" style={{ borderRadius: 4 }}>
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
              {copied ? t('auth.copied') : t('auth.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('auth.savedCodes')}</Button>
      </Group>
    </Stack>
  );
}
