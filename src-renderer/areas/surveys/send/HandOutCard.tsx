import { Anchor, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveySummary } from '../../../../src-shared/contract/index.js';
import { useHospitals } from '../../../api/lookups.js';
import { QrCode } from '../../../components/QrCode.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import './print.css';

/**
 * A survey handed out in person: its link for the kiosk tablet, and a QR
 * code large enough to scan off discharge papers. Printing puts only this
 * card on paper, in the patient's language (which may not be the reader's).
 */
export function HandOutCard({ survey, link }: { survey: SurveySummary; link: string }) {
  const { t, i18n } = useTranslation('surveys');
  const language = useLanguage();
  const { byId: hospitals } = useHospitals();
  const hospital = hospitals.get(survey.hospitalId);
  // the printed part speaks the survey's language: the patient reads it, not the console's user
  const printed = i18n.getFixedT(survey.language, 'surveys');
  const templateName = localName({ nameEn: survey.templateNameEn, nameAr: survey.templateNameAr }, survey.language);
  const expires = new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA-u-nu-latn-ca-gregory' : 'en-GB', { dateStyle: 'long' }).format(new Date(survey.expiresAt));

  return (
    <Paper withBorder radius="md" p="lg" className="px-survey-print" component="section" aria-labelledby="handout-title">
      <Stack gap="md" align="center">
        <Title order={3} id="handout-title" className="px-no-print" style={{ alignSelf: 'stretch' }}>
          {t('send.linkTitle')}
        </Title>
        <Text size="sm" c="dimmed" className="px-no-print" style={{ alignSelf: 'stretch' }}>
          {t('send.linkIntro', { date: expires })}
        </Text>
        <Stack gap={4} align="center" lang={survey.language} dir={survey.language === 'ar' ? 'rtl' : 'ltr'}>
          <Text fw={700} size="xl" ta="center">
            {templateName}
          </Text>
          <Text size="sm" ta="center">
            {printed('send.printHint', { hospital: hospital ? localName(hospital, survey.language) : '' })}
          </Text>
        </Stack>
        <QrCode value={link} size={300} label={t('send.qrLabel', { name: localName(survey.patient, language) })} />
        <Group gap="sm" align="flex-end" wrap="wrap" className="px-no-print" style={{ alignSelf: 'stretch' }}>
          <TextInput
            label={t('send.link')}
            value={link}
            readOnly
            dir="ltr"
            style={{ flex: 1, minWidth: 260 }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
                {copied ? t('send.copied') : t('send.copy')}
              </Button>
            )}
          </CopyButton>
          <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
            {t('send.print')}
          </Button>
        </Group>
        <Anchor href={link} target="_blank" rel="noreferrer" size="sm" className="px-no-print" style={{ alignSelf: 'flex-start' }}>
          <Group gap={4} component="span" wrap="nowrap">
            <IconExternalLink size={14} aria-hidden />
            {t('send.openLink')}
          </Group>
        </Anchor>
      </Stack>
    </Paper>
  );
}
