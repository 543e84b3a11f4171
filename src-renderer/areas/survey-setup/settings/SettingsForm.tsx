import { Alert, Button, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconInfoCircle, IconRestore } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital, SurveySettingsView } from '../../../../src-shared/contract/index.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { isApiError, validateInput } from '../../../api/client.js';
import { useCallMutation, usePermission } from '../../../api/hooks.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { pick, useLanguage } from '../../../i18n/index.js';
import { ChannelOrder } from './ChannelOrder.js';
import { MessageTextsEditor } from './MessageTextsEditor.js';
import { settingsDraftOf, settingsInputOf, settingsProblems, type SampleValues, type SettingsDraft } from './settings-form.js';

const DIGIT_SAMPLES = { latn: '1 2 3 4 5', arab: '١ ٢ ٣ ٤ ٥' } as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** One hospital's survey settings, edited together and saved with one call. */
export function SettingsForm({ settings, hospital }: { settings: SurveySettingsView; hospital: Hospital | null }) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const can = usePermission();
  const writable = can('surveys.write');
  const update = useCallMutation('surveySettings.update', ['surveySettings.get']);
  const [initial] = useState(() => settingsDraftOf(settings));
  const [draft, setDraftState] = useState<SettingsDraft>(initial);
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);

  // unknown placeholders are said at once, as the admin types; the rest when saving
  const live = settingsProblems(draft).filter((problem) => problem.path.startsWith('messageTexts.'));
  const shown = [...live, ...errors.filter((error) => !live.some((problem) => problem.path === error.path))];
  const errorAt = (path: string) => {
    const found = shown.find((error) => error.path === path);
    return found ? pick(found.message, language) : undefined;
  };
  const set = <K extends keyof SettingsDraft>(name: K, value: SettingsDraft[K], paths: readonly string[] = [name]) => {
    setDraftState((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => previous.filter((error) => !paths.some((path) => error.path === path || error.path.startsWith(`${path}.`))));
  };

  const input = settingsInputOf(settings.hospitalId, draft);
  const dirty = JSON.stringify(input) !== JSON.stringify(settingsInputOf(settings.hospitalId, initial));

  const save = async () => {
    setFailure(null);
    const local = [...settingsProblems(draft), ...validateInput('surveySettings.update', input)];
    if (local.length > 0) {
      setErrors(local);
      return;
    }
    try {
      await update.mutateAsync(input);
      notifications.show({ color: 'teal', message: t('settings.saved') });
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setErrors(error.fields);
      else setFailure(error);
    }
  };

  const stationSends = settings.sender === 'station';
  const expires = new Date(Date.now() + (typeof draft.expiryDays === 'number' ? draft.expiryDays : 7) * 86_400_000).toISOString().slice(0, 10);
  const sampleFor = (lang: 'ar' | 'en'): SampleValues => ({
    firstName: lang === 'ar' ? 'محمد' : 'Mohammed',
    hospital: hospital ? (lang === 'ar' ? hospital.nameAr : hospital.nameEn) : lang === 'ar' ? 'المستشفى' : 'The hospital',
    linkBaseUrl: draft.linkBaseUrl.trim() || 'https://survey.example.sa',
    expiresOn: expires,
  });
  const numberField = (name: 'fatigueDays' | 'expiryDays' | 'reminderAfterHours' | 'reminderMax', min: number, max: number, hint?: string) => (
    <NumberInput
      label={t(`settings.${name}`)}
      description={hint}
      value={draft[name]}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      onChange={(value) => set(name, typeof value === 'number' ? value : '')}
      error={errorAt(name)}
      disabled={!writable}
    />
  );

  return (
    <Stack gap="lg">
      {!settings.saved ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('settings.defaults')}
        </Alert>
      ) : null}
      {!writable ? (
        <Alert variant="light" color="gray" role="note">
          {t('settings.readOnly')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section id="survey-sending" title={t('settings.sending')}>
          <Switch
            label={t('settings.sendingEnabled')}
            checked={draft.sendingEnabled}
            onChange={(event) => set('sendingEnabled', event.currentTarget.checked)}
            disabled={!writable}
          />
          <Alert
            variant="light"
            color={draft.sendingEnabled ? 'yellow' : 'gray'}
            icon={draft.sendingEnabled ? <IconAlertTriangle aria-hidden /> : <IconInfoCircle aria-hidden />}
            aria-live="polite"
          >
            {draft.sendingEnabled ? t('settings.sendingOn') : t('settings.sendingOff')}
          </Alert>
          <Text size="sm" c="dimmed">
            {stationSends ? t('settings.senderStation') : t('settings.senderHub')}
          </Text>
        </Section>
        <Section id="survey-window" title={t('settings.window')}>
          <Text size="sm" c="dimmed">
            {t('settings.windowHint')}
          </Text>
          <Group gap="md" align="flex-start">
            <TextInput
              type="time"
              label={t('settings.windowStart')}
              value={draft.windowStart}
              onChange={(event) => set('windowStart', event.currentTarget.value, ['windowStartMinute', 'windowEndMinute'])}
              error={errorAt('windowStartMinute')}
              disabled={!writable}
              dir="ltr"
              w={160}
            />
            <TextInput
              type="time"
              label={t('settings.windowEnd')}
              value={draft.windowEnd}
              onChange={(event) => set('windowEnd', event.currentTarget.value, ['windowStartMinute', 'windowEndMinute'])}
              error={errorAt('windowEndMinute')}
              disabled={!writable}
              dir="ltr"
              w={160}
            />
          </Group>
        </Section>
        <Section id="survey-patients" title={t('settings.patients')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {numberField('fatigueDays', 0, 365, t('settings.fatigueHint'))}
            {numberField('expiryDays', 1, 90, t('settings.expiryHint'))}
          </SimpleGrid>
          <TextInput
            label={t('settings.link')}
            description={stationSends ? t('settings.linkHintStation') : t('settings.linkHintHub')}
            placeholder="https://survey.hospital.sa"
            value={draft.linkBaseUrl}
            onChange={(event) => set('linkBaseUrl', event.currentTarget.value)}
            error={errorAt('linkBaseUrl')}
            disabled={!writable}
            dir="ltr"
            type="url"
          />
        </Section>
        <Section id="survey-digits" title={t('settings.digits')}>
          <Radio.Group
            value={draft.digits}
            onChange={(value) => set('digits', value === 'arab' ? 'arab' : 'latn')}
            aria-labelledby="survey-digits"
            error={errorAt('digits')}
          >
            <Stack gap="xs">
              <Radio value="latn" label={t('digits.latn')} disabled={!writable} />
              <Radio value="arab" label={t('digits.arab')} disabled={!writable} />
            </Stack>
          </Radio.Group>
          <Text size="sm">
            {t('settings.digitsSample')} {/* as an Arabic form draws it: the scale starts at the right */}
            <Text span fw={600} dir="rtl" style={{ unicodeBidi: 'isolate', wordSpacing: 4 }}>
              {DIGIT_SAMPLES[draft.digits]}
            </Text>
          </Text>
        </Section>
        <Section id="survey-channels" title={t('settings.channels')}>
          <Text size="sm" c="dimmed">
            {t('settings.channelsHint')}
          </Text>
          <ChannelOrder channels={draft.channels} onChange={(channels) => set('channels', channels)} error={errorAt('channels')} disabled={!writable} />
        </Section>
        <Section id="survey-reminders" title={t('settings.reminders')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {numberField('reminderAfterHours', 1, 14 * 24)}
            {numberField('reminderMax', 0, 3, t('settings.reminderMaxHint'))}
          </SimpleGrid>
        </Section>
      </SimpleGrid>
      <MessageTextsEditor
        texts={draft.texts}
        whatsappTemplate={draft.whatsappTemplate}
        onChange={(texts, whatsappTemplate) => {
          set('texts', texts, ['messageTexts']);
          set('whatsappTemplate', whatsappTemplate, ['messageTexts.whatsapp_template']);
        }}
        errorAt={errorAt}
        sample={{ ar: sampleFor('ar'), en: sampleFor('en') }}
        disabled={!writable}
      />
      {failure ? <ErrorAlert error={failure} /> : null}
      {writable ? (
        <Group justify="space-between" gap="sm" style={{ position: 'sticky', bottom: 0, zIndex: 2 }} py="sm" px="xs" bg="var(--mantine-color-body)">
          <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} aria-live="polite">
            {dirty ? t('settings.unsaved') : t('settings.allSaved')}
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRestore size={16} aria-hidden />}
              disabled={!dirty || update.isPending}
              onClick={() => {
                setDraftState(initial);
                setErrors([]);
              }}
            >
              {t('settings.discard')}
            </Button>
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} disabled={!dirty} loading={update.isPending} onClick={() => void save()}>
              {t('settings.save')}
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}
