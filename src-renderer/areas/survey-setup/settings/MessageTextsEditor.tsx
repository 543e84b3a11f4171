import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_VARIABLES, messageTemplateProblems } from '../../../../src-shared/notifications/message-template.js';
import { DEFAULT_MESSAGE_TEXTS } from '../../../../src-shared/surveys/invitations.js';
import { isDefaultText, SMS_KINDS, smsSizeOf, TEXT_KINDS, type SampleValues, type SettingsDraft, type TextKind } from './settings-form.js';

interface MessageTextsEditorProps {
  texts: SettingsDraft['texts'];
  whatsappTemplate: string;
  onChange: (texts: SettingsDraft['texts'], whatsappTemplate: string) => void;
  /** the message at a path of the update call (`messageTexts.sms.ar`) */
  errorAt: (path: string) => string | undefined;
  sample: Record<'ar' | 'en', SampleValues>;
  disabled: boolean;
}

/** How big an SMS the text makes, said as the admin types (Arabic is UCS-2: 70 characters, 67 a part). */
function SmsCounter({ text, language, sample }: { text: string; language: 'ar' | 'en'; sample: SampleValues }) {
  const { t } = useTranslation('survey-setup');
  const size = smsSizeOf(text, language, sample);
  return (
    <Text component="span" size="xs" c={size.segments > 2 ? 'orange.9' : 'dimmed'} aria-live="polite">
      {t('settings.smsCount', { characters: size.units, parts: size.segments })} · <bdi dir="ltr">{size.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}</bdi>
    </Text>
  );
}

/**
 * The invitation and reminder texts in both languages, the shipped text
 * until someone changes it: unknown placeholders are named at their field,
 * and an SMS says how many parts it will cost.
 */
export function MessageTextsEditor({ texts, whatsappTemplate, onChange, errorAt, sample, disabled }: MessageTextsEditorProps) {
  const { t } = useTranslation('survey-setup');
  const setText = (kind: TextKind, language: 'ar' | 'en', value: string) =>
    onChange({ ...texts, [kind]: { ...texts[kind], [language]: value } }, whatsappTemplate);

  const field = (kind: TextKind, language: 'ar' | 'en') => {
    const label = t(language === 'ar' ? 'both.inArabic' : 'both.inEnglish', { label: t(`settings.textKind.${kind}`) });
    const message = errorAt(`messageTexts.${kind}.${language}`);
    const at = messageTemplateProblems(texts[kind][language])[0]?.at;
    const error = message ? (
      <>
        {message}
        {at ? (
          <>
            {' '}
            {t('settings.placeholderAt')} <Code dir="ltr">{at}</Code>
          </>
        ) : null}
      </>
    ) : undefined;
    const shared = {
      label,
      value: texts[kind][language],
      onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText(kind, language, event.currentTarget.value),
      placeholder: DEFAULT_MESSAGE_TEXTS[kind][language],
      error,
      disabled,
      dir: language === 'ar' ? 'rtl' : 'ltr',
      lang: language,
    } as const;
    if (kind === 'email_subject') return <TextInput key={language} {...shared} />;
    // the counter under the text, as its description: read with it by a screen reader
    const counter = SMS_KINDS.includes(kind) ? <SmsCounter text={texts[kind][language]} language={language} sample={sample[language]} /> : undefined;
    return (
      <Textarea
        key={language}
        {...shared}
        description={counter}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        autosize
        minRows={kind === 'email_body' ? 6 : 3}
        maxRows={14}
      />
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-texts-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="survey-texts-title">
          {t('settings.texts')}
        </Title>
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('settings.variables')}
          </Text>
          {MESSAGE_VARIABLES.map((name) => (
            <Code key={name} dir="ltr">{`{{${name}}}`}</Code>
          ))}
        </Group>
        <Tabs defaultValue="sms" keepMounted={false}>
          <Tabs.List aria-label={t('settings.texts')}>
            {TEXT_KINDS.map((kind) => (
              <Tabs.Tab
                key={kind}
                value={kind}
                rightSection={
                  errorAt(`messageTexts.${kind}.ar`) || errorAt(`messageTexts.${kind}.en`) ? (
                    <Badge size="xs" color="red" circle aria-label={t('settings.fix')}>
                      !
                    </Badge>
                  ) : null
                }
              >
                {t(`settings.textKind.${kind}`)}
              </Tabs.Tab>
            ))}
            <Tabs.Tab value="whatsapp">{t('channel.whatsapp')}</Tabs.Tab>
          </Tabs.List>
          {TEXT_KINDS.map((kind) => {
            const shipped = isDefaultText(kind, texts[kind]);
            return (
              <Tabs.Panel key={kind} value={kind} pt="md">
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Badge variant="light" color={shipped ? 'gray' : 'blue'}>
                      {shipped ? t('settings.shipped') : t('settings.changed')}
                    </Badge>
                    {!disabled ? (
                      <Button
                        variant="subtle"
                        size="xs"
                        leftSection={<IconRestore size={14} aria-hidden />}
                        disabled={shipped}
                        onClick={() => onChange({ ...texts, [kind]: { ...DEFAULT_MESSAGE_TEXTS[kind] } }, whatsappTemplate)}
                      >
                        {t('settings.reset')}
                      </Button>
                    ) : null}
                  </Group>
                  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                    {field(kind, 'ar')}
                    {field(kind, 'en')}
                  </SimpleGrid>
                  {SMS_KINDS.includes(kind) ? (
                    <Text size="xs" c="dimmed">
                      {t('settings.smsCountHint')}
                    </Text>
                  ) : null}
                </Stack>
              </Tabs.Panel>
            );
          })}
          <Tabs.Panel value="whatsapp" pt="md">
            <TextInput
              label={t('settings.whatsappTemplate')}
              description={t('settings.whatsappHint')}
              value={whatsappTemplate}
              placeholder={DEFAULT_MESSAGE_TEXTS.whatsapp_template}
              onChange={(event) => onChange(texts, event.currentTarget.value)}
              error={errorAt('messageTexts.whatsapp_template')}
              disabled={disabled}
              dir="ltr"
              maw={420}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
