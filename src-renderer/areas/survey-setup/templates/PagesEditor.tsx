import { Alert, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle, IconPageBreak, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../../src-shared/surveys/template.js';
import { useMoveFocus } from '../ListButtons.js';
import { freeQuestionId, moveQuestion, newKey, newQuestion, questionsBefore, removePage, type DraftPage, type Place } from './draft.js';
import { QuestionCard } from './QuestionCard.js';

interface PagesEditorProps {
  pages: readonly DraftPage[];
  onChange: (pages: DraftPage[]) => void;
  /** keys of the questions whose fields are open */
  expanded: ReadonlySet<string>;
  onExpanded: (keys: Set<string>) => void;
  /** the message at a path of the content (`pages.0.questions.1.text.ar`) */
  errorAt: (path: string) => string | undefined;
  errorUnder: (path: string) => string | undefined;
  writable: boolean;
}

/**
 * The survey's pages and their questions in order. Questions move by
 * buttons (so the keyboard reorders as well as the mouse), focus follows
 * the moved question, and a live region says where it went.
 */
export function PagesEditor({ pages, onChange, expanded, onExpanded, errorAt, errorUnder, writable }: PagesEditorProps) {
  const { t } = useTranslation('survey-setup');
  const listRef = useRef<HTMLDivElement>(null);
  const { moved: focusMoved, announce, announcement } = useMoveFocus(listRef);

  const total = pages.reduce((sum, page) => sum + page.questions.length, 0);
  const numberOf = (place: Place) => pages.slice(0, place.page).reduce((sum, page) => sum + page.questions.length, 0) + place.index + 1;
  const setQuestion = (place: Place, question: Question) =>
    onChange(
      pages.map((page, p) => (p !== place.page ? page : { ...page, questions: page.questions.map((q, i) => (i === place.index ? { ...q, question } : q)) })),
    );

  const move = (place: Place, delta: -1 | 1) => {
    const item = pages[place.page]?.questions[place.index];
    const moved = moveQuestion(pages, place, delta);
    if (!item || !moved) return;
    onChange(moved.pages);
    focusMoved(item.key, delta, t('builder.moved', { id: item.question.id, n: moved.to.index + 1, page: moved.to.page + 1 }));
  };
  const remove = (place: Place) => {
    const item = pages[place.page]?.questions[place.index];
    if (!item) return;
    onChange(pages.map((page, p) => (p !== place.page ? page : { ...page, questions: page.questions.filter((_, i) => i !== place.index) })));
    announce(t('builder.removed', { id: item.question.id }));
  };
  const add = (pageIndex: number) => {
    const key = newKey();
    const question = newQuestion('rating', freeQuestionId({ pages: [...pages] }));
    onChange(pages.map((page, p) => (p !== pageIndex ? page : { ...page, questions: [...page.questions, { key, question }] })));
    onExpanded(new Set([...expanded, key]));
    announce(t('builder.addedQuestion', { id: question.id, page: pageIndex + 1 }));
  };
  const dropPage = (index: number) => {
    onChange(removePage(pages, index));
    announce(t('builder.removedPage', { n: index + 1, into: index === 0 ? 1 : index }));
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="survey-pages-title" ref={listRef}>
      <Title order={3} size="h4" id="survey-pages-title">
        {t('builder.pages')}
      </Title>
      {writable ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('builder.pagesHelp')}
        </Alert>
      ) : null}
      {pages.map((page, p) => {
        const pageName = t('builder.page', { n: p + 1 });
        return (
          <Paper key={page.key} component="section" aria-label={pageName} radius="md" p="sm" bg="var(--mantine-color-gray-0)" withBorder>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={4} size="h5">
                  {pageName}
                </Title>
                {writable && pages.length > 1 ? (
                  <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => dropPage(p)}>
                    {t('builder.removePage', { n: p + 1 })}
                  </Button>
                ) : null}
              </Group>
              {page.questions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('builder.emptyPage')}
                </Text>
              ) : null}
              {errorAt(`pages.${p}.questions`) ? (
                <Text size="xs" c="red.8">
                  {errorAt(`pages.${p}.questions`)}
                </Text>
              ) : null}
              {page.questions.map((item, index) => {
                const place = { page: p, index };
                const n = numberOf(place);
                const prefix = `pages.${p}.questions.${index}`;
                return (
                  <QuestionCard
                    key={item.key}
                    itemKey={item.key}
                    question={item.question}
                    number={n}
                    canMoveUp={n > 1}
                    canMoveDown={n < total}
                    expanded={expanded.has(item.key)}
                    hasProblems={errorUnder(prefix) !== undefined}
                    onToggle={() => {
                      const next = new Set(expanded);
                      if (!next.delete(item.key)) next.add(item.key);
                      onExpanded(next);
                    }}
                    onChange={(question) => setQuestion(place, question)}
                    onMove={(delta) => move(place, delta)}
                    onRemove={() => remove(place)}
                    earlier={questionsBefore(pages, place)}
                    errorAt={(path) => errorAt(`${prefix}.${path}`)}
                    errorUnder={(path) => errorUnder(`${prefix}.${path}`)}
                    writable={writable}
                  />
                );
              })}
              {writable ? (
                <Button
                  variant="light"
                  w="fit-content"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => add(p)}
                  disabled={page.questions.length >= 40}
                >
                  {t('builder.addQuestion', { n: p + 1 })}
                </Button>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
      {writable ? (
        <Button
          variant="default"
          w="fit-content"
          leftSection={<IconPageBreak size={16} aria-hidden />}
          disabled={pages.length >= 20}
          onClick={() => onChange([...pages, { key: newKey(), questions: [] }])}
        >
          {t('builder.addPage')}
        </Button>
      ) : null}
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </Stack>
  );
}
