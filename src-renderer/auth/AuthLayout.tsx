import { Button, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHeartbeat, IconLanguage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/index.js';
import { useSwitchLanguage } from '../shell/useSwitchLanguage.js';

/** The frame of the screens before sign-in, with the language toggle (remembered on this machine). */
export function AuthLayout({ title, intro, children, width = 440 }: { title: string; intro: string; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const switchLanguage = useSwitchLanguage();
  const other = language === 'ar' ? 'en' : 'ar';
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={width} gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <ThemeIcon size="xl" radius="md" color="teal" aria-hidden>
              <IconHeartbeat size={24} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={700} size="lg" lh={1.1}>
                {t('app.name')}
              </Text>
              <Text c="dimmed" size="sm">
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
          <Button
            variant="subtle"
            size="sm"
            leftSection={<IconLanguage size={16} aria-hidden />}
            aria-label={t('language.switchTo', { language: t(`language.${other}`) })}
            onClick={() => switchLanguage(other)}
          >
            {t(`language.${other}`)}
          </Button>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl" component="main">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} size="h3">
                {title}
              </Title>
              <Text c="dimmed" size="sm">
                {intro}
              </Text>
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
