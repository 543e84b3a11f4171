import { Alert, SimpleGrid, Stack } from '@mantine/core';
import { IconInfoCircle, IconCloudUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../../api/hooks.js';
import { PageHeader } from '../../../components/bits.js';
import { ErrorState, LoadingState } from '../../../components/StateViews.js';
import { ProviderCard } from './ProviderCard.js';

/** How this station sends each channel when it sends itself; when the hub sends, said so first. */
export function ProvidersScreen() {
  const { t } = useTranslation('survey-setup');
  const providers = useCallQuery('notificationProviders.list', {});

  let body: React.ReactNode;
  if (providers.isError) body = <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />;
  else if (providers.isPending) body = <LoadingState />;
  else {
    const hub = providers.data.sender === 'hub';
    body = (
      <>
        <Alert variant="light" color={hub ? 'yellow' : 'blue'} icon={hub ? <IconCloudUpload aria-hidden /> : <IconInfoCircle aria-hidden />} role="note">
          {hub ? t('providers.senderHub') : t('providers.senderStation')}
        </Alert>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg">
          {providers.data.providers.map((provider) => (
            // saved: the card starts again from what the station now holds
            <ProviderCard key={`${provider.channel}:${providers.dataUpdatedAt}`} provider={provider} />
          ))}
        </SimpleGrid>
      </>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('providers.title')} intro={t('providers.intro')} />
      {body}
    </Stack>
  );
}
