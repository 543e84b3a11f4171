import { Alert, Anchor, Button, Group, Paper, Radio, Select, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconQrcode, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, Patient, SurveySummary } from '../../../../src-shared/contract/index.js';
import { SURVEY_CHANNELS } from '../../../../src-shared/tables/surveys.js';
import { useCallMutation } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { PageHeader } from '../../../components/bits.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { useForm } from '../../../components/useForm.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href } from '../../../shell/router.js';
import { surveyPath } from '../filters.js';
import { useChannelLabel, useSurveyTemplates } from '../labels.js';
import { HandOutCard } from './HandOutCard.js';
import { PatientPicker } from '../../../components/PatientPicker.js';

const BLANK = { patientId: '', templateId: '', mode: 'message', channel: '', language: '', inPerson: 'kiosk' };

type Made = { kind: 'sent'; survey: SurveySummary } | { kind: 'handedOut'; survey: SurveySummary; link: string };

/** Who the patient is on record: where a message can reach them, and the language they read. */
function PatientFacts({ patient }: { patient: Patient }) {
  const { t } = useTranslation('surveys');
  const none = t('send.none');
  return (
    <Text size="sm" c="dimmed">
      {t('send.patientFacts', {
        // isolated, so a Latin number or address keeps its order inside Arabic text
        phone: `\u2066${patient.phone ?? none}\u2069`,
        email: `\u2066${patient.email ?? none}\u2069`,
        language: t(`language.${patient.preferredLanguage}`),
      })}
    </Text>
  );
}

/**
 * Send a survey by message, or hand one out in person (a kiosk link or a QR
 * code to print): choose the patient and the template, then how. What the
 * station refuses (an opted-out patient, no mobile number) is said at the
 * field it concerns, in the reader's language.
 */
export function SendScreen({ me }: { me: Me }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const channelLabel = useChannelLabel();
  const { sendable, query: templates } = useSurveyTemplates();
  const form = useForm(BLANK);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const send = useCallMutation('surveys.send', ['surveys.list', 'surveys.figures', 'notifications.list']);
  const handOut = useCallMutation('surveys.handOut', ['surveys.list', 'surveys.figures']);
  const { values } = form;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const common = {
      patientId: values.patientId,
      templateId: values.templateId,
      ...(values.language === 'ar' || values.language === 'en' ? { language: values.language } : {}),
    };
    if (values.mode === 'message') {
      const input = { ...common, ...(values.channel ? { channel: values.channel } : {}) } as CallInput<'surveys.send'>;
      const survey = await form.submit('surveys.send', input, send.mutateAsync);
      if (survey) setMade({ kind: 'sent', survey });
    } else {
      const input = { ...common, channel: values.inPerson } as CallInput<'surveys.handOut'>;
      const answer = await form.submit('surveys.handOut', input, handOut.mutateAsync);
      if (answer) setMade({ kind: 'handedOut', survey: answer.instance, link: answer.link });
    }
  };

  const again = () => {
    setMade(null);
    setPatient(null);
    form.reset(BLANK);
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('send.title')} intro={t('send.intro')} />
      {made ? (
        <Stack gap="md">
          {made.kind === 'sent' ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('send.sent')}</Text>
                <Anchor href={href(surveyPath(made.survey.id))} size="sm">
                  {t('send.openSent')}
                </Anchor>
              </Stack>
            </Alert>
          ) : (
            <HandOutCard survey={made.survey} link={made.link} />
          )}
          <Group className="px-no-print">
            {made.kind === 'handedOut' ? (
              <Button component="a" variant="default" href={href(surveyPath(made.survey.id))}>
                {t('send.openSent')}
              </Button>
            ) : null}
            <Button variant="default" onClick={again}>
              {t('send.another')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Paper withBorder radius="md" p="lg" component="form" onSubmit={(event: FormEvent<HTMLFormElement>) => void submit(event)} noValidate>
          <Stack gap="md" maw={640}>
            <PatientPicker
              value={patient}
              onChange={(chosen) => {
                setPatient(chosen);
                form.set('patientId', chosen?.id ?? '');
              }}
              error={form.errorFor('patientId')}
              groupWide={me.scope.kind === 'group'}
            />
            {patient ? <PatientFacts patient={patient} /> : null}
            <Select
              label={t('send.template')}
              required
              data={sendable.map((template) => ({ value: template.id, label: localName(template, language) }))}
              {...form.choice('templateId')}
              disabled={templates.isPending}
              comboboxProps={{ withinPortal: true }}
            />
            <Radio.Group label={t('send.how')} {...form.choice('mode')} onChange={(value) => form.set('mode', value)}>
              <Group gap="lg" mt={6}>
                <Radio value="message" label={t('send.byMessage')} />
                <Radio value="inPerson" label={t('send.inPerson')} />
              </Group>
            </Radio.Group>
            {values.mode === 'message' ? (
              <Select
                label={t('send.channel')}
                placeholder={t('send.channelDefault')}
                clearable
                data={SURVEY_CHANNELS.map((channel) => ({ value: channel, label: channelLabel(channel) }))}
                {...form.choice('channel')}
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              <Radio.Group
                label={t('send.handOutAs')}
                {...form.choice('inPerson')}
                onChange={(value) => form.set('inPerson', value)}
                error={form.errorFor('channel')}
              >
                <Group gap="lg" mt={6}>
                  <Radio value="kiosk" label={t('send.kiosk')} />
                  <Radio value="qr" label={t('send.qr')} />
                </Group>
              </Radio.Group>
            )}
            <Select
              label={t('send.language')}
              placeholder={t('send.languageDefault')}
              clearable
              data={[
                { value: 'ar', label: t('language.ar') },
                { value: 'en', label: t('language.en') },
              ]}
              {...form.choice('language')}
              comboboxProps={{ withinPortal: true }}
            />
            {form.failure ? <ErrorAlert error={form.failure} /> : null}
            {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
            <Group>
              <Button
                type="submit"
                loading={form.busy}
                leftSection={values.mode === 'message' ? <IconSend size={16} aria-hidden /> : <IconQrcode size={16} aria-hidden />}
              >
                {values.mode === 'message' ? t('send.sendNow') : t('send.handOut')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
