import { Box, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renderSurveyPage, type FormDigits, type FormLanguage } from '../../../../src-shared/surveys/public-form.js';
import type { SurveyContent } from '../../../../src-shared/surveys/template.js';

/** The width of the phone the form is drawn for: the e2e tests' phone (390 × 844) too. */
const PHONE_WIDTH = 390;
const PHONE_HEIGHT = 700;
const GAP = 16;

/** Shown in place of the patient and hospital: the form greets a patient by first name. */
const SAMPLE_NAME = { ar: 'سارة', en: 'Sarah' } as const;

/** Everything but show-if: the builder shows every question unless asked to hide those that wait for an answer. */
function withoutConditions(content: SurveyContent): SurveyContent {
  return { ...content, pages: content.pages.map((page) => ({ questions: page.questions.map((question) => ({ ...question, showIf: undefined })) })) };
}

interface PhonePreviewProps {
  content: SurveyContent;
  hospitalName: { ar: string; en: string };
  /** a saved version, shown as it was (not the draft being typed) */
  saved?: boolean;
}

/**
 * The survey as a patient's phone shows it, in Arabic and English side by
 * side: the real server-rendered form (`renderSurveyPage`) in sandboxed
 * frames (no script, no form posting, no navigation out), drawn at the
 * phone's width and scaled down to fit when the window is narrow.
 */
export function PhonePreview({ content, hospitalName, saved = false }: PhonePreviewProps) {
  const { t } = useTranslation('survey-setup');
  const [page, setPage] = useState(0);
  const [conditional, setConditional] = useState(true);
  const [digits, setDigits] = useState<FormDigits>('latn');
  const { ref, width } = useElementSize();
  // typing fast redraws once it pauses, not at every key
  const [shown] = useDebouncedValue(content, 250);
  const pageCount = shown.pages.length;
  const current = Math.min(page, pageCount - 1);

  const { ar: hospitalAr, en: hospitalEn } = hospitalName;
  const html = useMemo(() => {
    const drawn = conditional ? withoutConditions(shown) : shown;
    const render = (language: FormLanguage) =>
      renderSurveyPage({
        content: drawn,
        page: current,
        answers: {},
        language,
        digits,
        firstName: SAMPLE_NAME[language],
        hospitalName: language === 'ar' ? hospitalAr : hospitalEn,
        action: '#',
        otherLanguageHref: '#',
        optOutHref: '#',
      });
    return { ar: render('ar'), en: render('en') };
  }, [shown, conditional, current, digits, hospitalAr, hospitalEn]);

  // two phones side by side; never larger than life, never so small it cannot be read
  const scale = width > 0 ? Math.max(0.55, Math.min(1, (width - GAP) / (2 * PHONE_WIDTH))) : 1;
  const pageOptions = shown.pages.map((_, index) => ({ value: String(index), label: t('preview.pageOf', { n: index + 1, total: pageCount }) }));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-preview-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id="survey-preview-title">
            {t('preview.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {saved ? t('preview.savedHint') : t('preview.hint')}
          </Text>
        </Stack>
        <Group gap="md" align="flex-end">
          <Select
            label={t('preview.page')}
            data={pageOptions}
            value={String(current)}
            onChange={(value) => setPage(Number(value ?? 0))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            w={170}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="survey-preview-digits">
              {t('preview.digits')}
            </Text>
            <SegmentedControl
              aria-labelledby="survey-preview-digits"
              value={digits}
              onChange={(value) => setDigits(value === 'arab' ? 'arab' : 'latn')}
              data={[
                { value: 'latn', label: '123' },
                { value: 'arab', label: '١٢٣' },
              ]}
            />
          </Stack>
          <Checkbox label={t('preview.conditional')} checked={conditional} onChange={(event) => setConditional(event.currentTarget.checked)} mb={6} />
        </Group>
        <Box ref={ref}>
          <Group gap={GAP} wrap="nowrap" align="flex-start" justify="center">
            {(['ar', 'en'] as const).map((language) => (
              <Stack key={language} gap={4} align="center">
                <Text size="xs" c="dimmed" lang={language}>
                  {language === 'ar' ? 'العربية' : 'English'}
                </Text>
                <Box
                  w={PHONE_WIDTH * scale}
                  h={PHONE_HEIGHT * scale}
                  style={{ position: 'relative', overflow: 'hidden', borderRadius: 12, border: '1px solid var(--mantine-color-gray-4)' }}
                >
                  <iframe
                    title={language === 'ar' ? t('preview.frameAr') : t('preview.frameEn')}
                    srcDoc={html[language]}
                    sandbox=""
                    width={PHONE_WIDTH}
                    height={PHONE_HEIGHT}
                    style={{ border: 0, position: 'absolute', top: 0, left: 0, transform: `scale(${scale})`, transformOrigin: '0 0' }}
                  />
                </Box>
              </Stack>
            ))}
          </Group>
        </Box>
        {scale < 1 ? (
          <Text size="xs" c="dimmed">
            {t('preview.scale', { percent: Math.round(scale * 100) })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
