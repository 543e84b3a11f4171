import { Box, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { useFigureFormat } from '../labels.js';
import { funnel } from './chart.js';

const SHADES = ['teal.9', 'teal.8', 'teal.7', 'teal.6', 'teal.5'] as const;

/**
 * Invited → delivered → opened → started → completed as bars from the
 * reading start (right in Arabic: a block's width grows from where the line
 * begins), each with its count and its share of those invited. A list,
 * so a screen reader reads each step as a sentence; the bars are pictures.
 */
export function FunnelChart({ figures }: { figures: SurveyFigures }) {
  const { t } = useTranslation('surveys');
  const f = useFigureFormat();
  const steps = funnel(figures);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-funnel" h="100%">
      <Title order={3} size="h4" id="survey-funnel" mb="md">
        {t('surveys.funnelTitle')}
      </Title>
      <Stack gap="sm" component="ol" aria-label={t('surveys.funnelLabel')} m={0} p={0} style={{ listStyle: 'none' }}>
        {steps.map(({ step, count, share }, index) => (
          <Box component="li" key={step}>
            <VisuallyHidden>{t('surveys.funnelStep', { step: t(`surveys.${step}`), count: f.count(count), share: f.percent(share) })}</VisuallyHidden>
            <Group justify="space-between" gap="xs" mb={4} wrap="nowrap" aria-hidden>
              <Text size="sm" fw={500}>
                {t(`surveys.${step}`)}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={700} component="bdi" dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }}>
                  {f.count(count)}
                </Text>
                <Text size="xs" c="dimmed" component="bdi" dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }}>
                  {f.percent(share)}
                </Text>
              </Group>
            </Group>
            <Box h={14} bg="gray.1" style={{ borderRadius: 4, overflow: 'hidden' }} aria-hidden>
              <Box h="100%" bg={SHADES[index] ?? 'teal.5'} w={`${share ?? 0}%`} style={{ borderRadius: 4, minWidth: count > 0 ? 2 : 0 }} />
            </Box>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}
