import { Paper, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/hooks.js';
import { BackLink, DateTimeText, Fact, Ltr, PageHeader } from '../../components/bits.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews.js';
import { EnabledBadge } from './IntegrationsScreen.js';
import { MappingsEditor } from './MappingsEditor.js';

/** One source: what the station knows of it, and its code mappings. */
export function SourceScreen({ sourceSystem }: { sourceSystem: string }) {
  const { t } = useTranslation('integrations');
  const sources = useCallQuery('integrations.list', {});
  const back = <BackLink to="/admin/integrations" label={t('integrations.back')} />;

  if (sources.isError) return <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;
  if (sources.isPending) return <LoadingState />;
  const source = sources.data.find((s) => s.sourceSystem === sourceSystem.toUpperCase());
  if (!source) {
    return (
      <Stack gap="lg">
        {back}
        <EmptyState text={t('integrations.noSuchSource', { code: sourceSystem })} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {back}
      <PageHeader title={source.name} intro={t('integrations.sourceIntro')} />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
          <Fact label={t('integrations.sourceSystem')}>
            <Ltr>{source.sourceSystem}</Ltr>
          </Fact>
          <Fact label={t('integrations.token')}>
            <Ltr>{`…${source.tokenHint}`}</Ltr>
          </Fact>
          <Fact label={t('integrations.signed')}>{source.signed ? t('integrations.signedYes') : t('integrations.signedNo')}</Fact>
          <Fact label={t('integrations.lastSeen')}>{source.lastSeenAt ? <DateTimeText value={source.lastSeenAt} /> : t('integrations.neverSeen')}</Fact>
          <Fact label={t('common.status')}>
            <EnabledBadge enabled={source.enabled} />
          </Fact>
        </SimpleGrid>
      </Paper>
      <MappingsEditor sourceSystem={source.sourceSystem} />
    </Stack>
  );
}
