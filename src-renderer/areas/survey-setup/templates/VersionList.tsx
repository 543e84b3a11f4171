import { Badge, Box, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyTemplateDetail } from '../../../../src-shared/contract/index.js';
import { useCallQuery } from '../../../api/hooks.js';
import { DateTimeText } from '../../../components/bits.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { PhonePreview } from './PhonePreview.js';
import { isShippedTime } from './TemplatesScreen.js';

type Version = SurveyTemplateDetail['versions'][number];

function VersionTime({ version }: { version: Version }) {
  const { t } = useTranslation('survey-setup');
  return isShippedTime(version.createdAt) ? <Text size="sm">{t('surveyTemplates.builtIn')}</Text> : <DateTimeText value={version.createdAt} seconds />;
}

/** An older version's questions, as a patient's phone showed them: responses to it are read against these. */
function VersionPreview({ version, hospitalName, onClose }: { version: Version; hospitalName: { ar: string; en: string }; onClose: () => void }) {
  const { t } = useTranslation('survey-setup');
  const query = useCallQuery('surveyTemplates.version', { id: version.id });
  return (
    <Modal opened onClose={onClose} size="calc(100vw - 3rem)" title={t('builder.versionTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Group gap="xs">
          <VersionTime version={version} />
        </Group>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.content ? (
          <PhonePreview content={query.data.content} hospitalName={hospitalName} saved />
        ) : (
          <EmptyState text={t('builder.versionUnreadable')} />
        )}
      </Stack>
    </Modal>
  );
}

/** A template's versions by date, newest first: the one sent from now on marked current, any older one opened as its patients saw it. */
export function VersionList({ versions, hospitalName }: { versions: SurveyTemplateDetail['versions']; hospitalName: { ar: string; en: string } }) {
  const { t } = useTranslation('survey-setup');
  const [open, setOpen] = useState<Version | null>(null);
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
                <VersionTime version={version} />
                {version.current ? (
                  <Badge color="teal" variant="light">
                    {t('builder.current')}
                  </Badge>
                ) : (
                  <Button size="compact-sm" variant="subtle" leftSection={<IconEye size={14} aria-hidden />} onClick={() => setOpen(version)}>
                    {t('builder.viewVersion')}
                  </Button>
                )}
              </Group>
            ))}
          </Box>
        )}
      </Stack>
      {open ? <VersionPreview version={open} hospitalName={hospitalName} onClose={() => setOpen(null)} /> : null}
    </Paper>
  );
}
