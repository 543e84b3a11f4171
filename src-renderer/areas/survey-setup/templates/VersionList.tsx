import { Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyTemplateDetail } from '../../../../src-shared/contract/index.js';
import { DateTimeText } from '../../../components/bits.js';
import { isShippedTime } from './TemplatesScreen.js';

/** A template's versions by date, newest first: the one sent from now on marked current. */
export function VersionList({ versions }: { versions: SurveyTemplateDetail['versions'] }) {
  const { t } = useTranslation('survey-setup');
  const newestFirst = [...versions].reverse();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-versions-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id="survey-versions-title">
            {t('builder.versions')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('builder.versionsHint')}
          </Text>
        </Stack>
        {newestFirst.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('builder.noVersions')}
          </Text>
        ) : (
          <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('builder.versions')}>
            {newestFirst.map((version) => (
              <Group component="li" key={version.id} gap="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                {isShippedTime(version.createdAt) ? <Text size="sm">{t('surveyTemplates.builtIn')}</Text> : <DateTimeText value={version.createdAt} seconds />}
                {version.current ? (
                  <Badge color="teal" variant="light">
                    {t('builder.current')}
                  </Badge>
                ) : null}
              </Group>
            ))}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
