import { Box, Group, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { EmptyState } from '../../../components/StateViews.js';
import { useFigureFormat } from '../labels.js';

/** Under 60 of 100 a domain wants attention; 80 and over is where most hospitals aim. */
const shade = (score: number | null) => (score === null ? 'gray.4' : score < 60 ? 'red.7' : score < 80 ? 'yellow.6' : 'teal.7');

/**
 * The 0–100 score of each question domain (communication with doctors,
 * cleanliness, waiting time…) across every template answered, weakest
 * first, as bars from the reading start, each with the answers behind it.
 * A list, so a screen reader reads each domain as a sentence; the bars are
 * pictures.
 */
export function DomainScores({ domains }: { domains: SurveyFigures['domains'] }) {
  const { t } = useTranslation('surveys');
  const { t: names } = useTranslation('survey-setup');
  const f = useFigureFormat();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-domains">
      <Title order={3} size="h4" id="survey-domains">
        {t('surveys.domainsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('surveys.domainsIntro')}
      </Text>
      {domains.length === 0 ? (
        <EmptyState text={t('surveys.templatesEmpty')} />
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing="lg"
          verticalSpacing="sm"
          component="ol"
          aria-label={t('surveys.domainsLabel')}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
        >
          {domains.map((row) => (
            <Box component="li" key={row.domain}>
              <VisuallyHidden>
                {t('surveys.domainLine', {
                  domain: names(`domain.${row.domain}`),
                  score: f.score(row.score),
                  count: f.count(row.answered),
                  topBox: f.percent(row.topBox),
                })}
              </VisuallyHidden>
              <Stack gap={4} aria-hidden>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {names(`domain.${row.domain}`)}
                  </Text>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={700} component="bdi" dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }}>
                      {f.score(row.score)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('surveys.domainAnswers', { count: f.count(row.answered) })}
                    </Text>
                  </Group>
                </Group>
                <Box h={12} bg="gray.1" style={{ borderRadius: 4, overflow: 'hidden' }}>
                  <Box h="100%" bg={shade(row.score)} w={`${row.score ?? 0}%`} style={{ borderRadius: 4, minWidth: row.answered > 0 ? 2 : 0 }} />
                </Box>
              </Stack>
            </Box>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
