import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../../src-shared/surveys/template.js';
import { Ltr } from '../../../components/bits.js';
import { useLanguage } from '../../../i18n/index.js';
import { MoveButtons, RemoveButton } from '../ListButtons.js';
import { QuestionFields } from './QuestionFields.js';

interface QuestionCardProps {
  /** the draft's key: moves keep the card, and focus follows it */
  itemKey: string;
  question: Question;
  /** its place in the whole survey, from 1 */
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  expanded: boolean;
  hasProblems: boolean;
  onToggle: () => void;
  onChange: (question: Question) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  earlier: readonly Question[];
  errorAt: (path: string) => string | undefined;
  errorUnder: (path: string) => string | undefined;
  writable: boolean;
}

/** One question: a line saying what it is, its buttons, and its fields once opened. */
export function QuestionCard(props: QuestionCardProps) {
  const { itemKey, question, number: n, expanded, writable } = props;
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const text = question.text[language] || question.text[language === 'ar' ? 'en' : 'ar'];
  const fieldsId = `survey-question-${itemKey}`;

  return (
    <Paper component="section" aria-label={t('builder.question', { n })} withBorder radius="md" p="sm" data-question-card={itemKey}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text fw={700} c="dimmed" w={28} ta="center" aria-hidden>
          {n}
        </Text>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" component="h5" m={0} c={text ? undefined : 'dimmed'}>
            {text || t('builder.untitled')}
          </Text>
          <Group gap={6}>
            <Ltr dimmed>{question.id}</Ltr>
            <Badge variant="light" color="gray">
              {t(`questionType.${question.type}`)}
            </Badge>
            {question.required ? <Badge variant="light">{t('builder.requiredBadge')}</Badge> : null}
            {question.showIf ? (
              <Badge variant="outline" color="grape">
                {t('builder.conditionalBadge')}
              </Badge>
            ) : null}
            {props.hasProblems ? (
              <Badge variant="filled" color="red">
                {t('builder.problemBadge')}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap={2} wrap="nowrap">
          {writable ? (
            <>
              <MoveButtons
                itemKey={itemKey}
                upLabel={t('builder.moveUp', { n })}
                downLabel={t('builder.moveDown', { n })}
                canMoveUp={props.canMoveUp}
                canMoveDown={props.canMoveDown}
                onMove={props.onMove}
              />
              <RemoveButton label={t('builder.remove', { n })} onClick={props.onRemove} />
            </>
          ) : null}
          <Tooltip label={expanded ? t('builder.hide', { n }) : t('builder.show', { n })} withinPortal>
            <ActionIcon
              variant="light"
              aria-label={expanded ? t('builder.hide', { n }) : t('builder.show', { n })}
              aria-expanded={expanded}
              aria-controls={fieldsId}
              onClick={props.onToggle}
            >
              {expanded ? <IconChevronUp size={18} aria-hidden /> : <IconChevronDown size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <div id={fieldsId}>
        {expanded ? (
          <QuestionFields
            question={question}
            onChange={props.onChange}
            earlier={props.earlier}
            errorAt={props.errorAt}
            errorUnder={props.errorUnder}
            disabled={!writable}
          />
        ) : null}
      </div>
    </Paper>
  );
}
