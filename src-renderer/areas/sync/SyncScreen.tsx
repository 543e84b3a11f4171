import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useClockWarning } from './useClockWarning.js';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { DateTimeText, Fact, Ltr, PageHeader } from '../../components/bits.js';
import { ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { useForm } from '../../components/useForm.js';
import { useLanguage, useNumberFormat } from '../../i18n/index.js';
import { SyncProblemsSection } from './SyncProblems.js';
import { SyncProgressBar } from './SyncProgress.js';

/** Administration → Sync: enrol this station with the hub, see how sync is going and what did not go through, sync now. */
export function SyncScreen() {
  const { t } = useTranslation('sync');
  const status = useCallQuery('sync.status', {}, { refetchInterval: (last) => (last?.running ? 2_000 : 5_000) });
  if (status.isPending) return <LoadingState />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  return (
    <Stack gap="lg">
      <PageHeader title={t('sync.title')} intro={t('sync.intro')} />
      <SyncDetails status={status.data} />
      <SyncProblemsSection status={status.data} />
      <EnrolForm enrolled={status.data.enrolled} />
    </Stack>
  );
}

function SyncDetails({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const language = useLanguage();
  const syncNow = useCallMutation('sync.now', ['sync.status']);
  const number = useNumberFormat();
  const clock = useClockWarning(status);
  const state = !status.enrolled
    ? t('sync.notEnrolled')
    : status.running && status.progress?.phase === 'catching_up'
      ? t('sync.catchingUp')
      : status.online === null
        ? t('sync.neverSynced')
        : t(status.online ? 'sync.online' : 'sync.offline');
  return (
    <Card withBorder padding="lg" radius="md">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Title order={3}>{state}</Title>
          {status.enrolled ? (
            <Button leftSection={<IconRefresh size={16} aria-hidden />} loading={syncNow.isPending || status.running} onClick={() => syncNow.mutate({})}>
              {t('sync.now')}
            </Button>
          ) : null}
        </Group>
        {syncNow.error ? <ErrorAlert error={syncNow.error} /> : null}
        {status.lastError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {status.lastError.message[language]}
          </Alert>
        ) : null}
        {clock ? (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {clock}
          </Alert>
        ) : null}
        {status.running && status.progress ? <SyncProgressBar status={status} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('sync.hubUrl')}>{status.hubUrl ? <Ltr>{status.hubUrl}</Ltr> : '—'}</Fact>
          <Fact label={t('sync.scope')}>{status.scope ? (status.scope.kind === 'group' ? t('sync.scopeGroup') : t('sync.scopeHospital')) : '—'}</Fact>
          <Fact label={t('sync.lastSync')}>
            <DateTimeText value={status.lastSyncAt} />
          </Fact>
          <Fact label={t('sync.pending')}>{number.format(status.pendingMessages)}</Fact>
          <Fact label={t('sync.waiting')}>{number.format(status.waitingCells)}</Fact>
          <Fact label={t('sync.filesWaiting')}>{number.format(status.filesWaiting)}</Fact>
          <Fact label={t('sync.lastAttempt')}>
            <DateTimeText value={status.lastAttemptAt} />
          </Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function EnrolForm({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation('sync');
  const form = useForm({ hubUrl: '', code: '', stationName: '' });
  const enrol = useCallMutation('sync.enrol', ['sync.status']);
  const submit = async () => {
    const v = form.values;
    const done = await form.submit(
      'sync.enrol',
      { hubUrl: v.hubUrl, code: v.code, ...(v.stationName.trim() ? { stationName: v.stationName } : {}) },
      enrol.mutateAsync,
    );
    if (done) {
      notifications.show({ color: 'teal', message: t('sync.enrolled') });
      form.reset({ hubUrl: '', code: '', stationName: '' });
    }
  };
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      aria-labelledby="sync-enrol-title"
    >
      <Stack gap="md">
        <Title order={3} id="sync-enrol-title">
          {enrolled ? t('sync.reenrolTitle') : t('sync.enrolTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sync.enrolIntro')}
        </Text>
        {form.failure ? <ErrorAlert error={form.failure} /> : null}
        {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('sync.hubUrl')}
            description={t('sync.hubUrlHint')}
            placeholder="https://"
            required
            dir="ltr"
            autoComplete="url"
            {...form.text('hubUrl')}
          />
          <TextInput label={t('sync.code')} description={t('sync.codeHint')} required dir="ltr" autoComplete="off" {...form.text('code')} />
          <TextInput label={t('sync.stationName')} description={t('sync.stationNameHint')} dir="auto" {...form.text('stationName')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('sync.enrol')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
