import { Alert, Anchor, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../src-shared/errors.js';
import { pick, useLanguage } from '../../../i18n/index.js';
import { placeOf, type DraftPage } from './draft.js';

type T = TFunction<'survey-setup'>;

/** The field a path ends in, as its label reads (`text.ar` → "Question text in Arabic"). */
function fieldLabel(field: string, t: T): string {
  const [name = '', language, ...rest] = field.split('.');
  const inLanguage = (label: string) => (language === 'ar' ? t('both.inArabic', { label }) : language === 'en' ? t('both.inEnglish', { label }) : label);
  switch (name) {
    case 'id':
      return t('builder.questionId');
    case 'text':
      return inLanguage(t('builder.questionText'));
    case 'help':
      return inLanguage(t('builder.help'));
    case 'choices': {
      // choices.N.id, choices.N.text.ar: the choice's own field
      if (language === undefined || !/^\d+$/.test(language)) return t('builder.choices');
      const n = Number(language) + 1;
      const [part, textLanguage] = rest;
      if (part === 'id') return t('builder.choiceId', { n });
      const label = t('builder.choice', { n });
      return textLanguage === 'ar' ? t('both.inArabic', { label }) : textLanguage === 'en' ? t('both.inEnglish', { label }) : label;
    }
    case 'showIf':
      return t('builder.showIf');
    case 'weight':
      return t('builder.weight');
    case 'maxLength':
      return t('builder.maxLength');
    case 'code':
      return t('builder.code');
    case 'nameAr':
      return t('fields.nameAr');
    case 'nameEn':
      return t('fields.nameEn');
    case 'title':
      return inLanguage(t('builder.titleLabel'));
    case 'introduction':
      return inLanguage(t('builder.introduction'));
    case 'thankYou':
      return inLanguage(t('builder.thankYou'));
    default:
      return field;
  }
}

interface ProblemListProps {
  problems: readonly FieldError[];
  pages: readonly DraftPage[];
  onGo: (path: string) => void;
}

/** Everything to fix before the template can be saved, each with where it is and a way there. */
export function ProblemList({ problems, pages, onGo }: ProblemListProps) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  if (problems.length === 0) return null;
  const questionNumber = (page: number, index: number) => pages.slice(0, page).reduce((sum, p) => sum + p.questions.length, 0) + index + 1;
  const where = (path: string) => {
    const place = placeOf(path);
    switch (place.kind) {
      case 'question':
        return `${t('builder.placeQuestion', { page: place.page + 1, n: questionNumber(place.page, place.index) })} — ${fieldLabel(place.field, t)}`;
      case 'page':
        return t('builder.placePage', { page: place.page + 1 });
      case 'negative':
        return t('builder.placeRule', { n: place.index + 1 });
      case 'template':
        return `${t('builder.placeTemplate')} — ${fieldLabel(place.field, t)}`;
    }
  };
  return (
    <Alert color="orange" variant="light" title={t('builder.problemsTitle')} icon={<IconAlertTriangle aria-hidden />}>
      <List size="sm" spacing={4}>
        {problems.map((problem) => (
          <List.Item key={problem.path}>
            <Anchor component="button" type="button" size="sm" onClick={() => onGo(problem.path)} title={t('builder.goTo')}>
              {where(problem.path)}
            </Anchor>
            {`: ${pick(problem.message, language)}`}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
