import { Alert, Box, Button, Flex, Group, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconInfoCircle, IconLock, IconRestore } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyTemplateDetail } from '../../../../src-shared/contract/index.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { estimatedSeconds, questionsOf } from '../../../../src-shared/surveys/template.js';
import { isApiError } from '../../../api/client.js';
import { useCallMutation } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import { PageHeader } from '../../../components/bits.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { localName, pick, useLanguage } from '../../../i18n/index.js';
import { navigate } from '../../../shell/router.js';
import { templatePath } from '../paths.js';
import { contentChanged, contentOf, draftProblems, placeOf, type Draft } from './draft.js';
import { NegativeRules } from './NegativeRules.js';
import { PagesEditor } from './PagesEditor.js';
import { PhonePreview } from './PhonePreview.js';
import { ProblemList } from './ProblemList.js';
import { TemplateTexts } from './TemplateTexts.js';
import { RetireToggle, TemplateBadges } from './TemplatesScreen.js';
import { VersionList } from './VersionList.js';

interface TemplateBuilderProps {
  initial: Draft;
  /** null: a new template */
  detail: SurveyTemplateDetail | null;
  writable: boolean;
  back: ReactNode;
}

/**
 * What a new template lacks only because nobody has typed it yet (a blank
 * text or code, a page with no question): said once the admin tries to
 * save, not in red on an empty form.
 */
function untouched(problem: FieldError, draft: Draft): boolean {
  if (problem.key === 'field.required') return true;
  if (problem.path === 'code') return draft.code.trim() === '';
  return problem.key === 'field.too_small' && /^content\.pages\.\d+\.questions$/.test(problem.path);
}

/** Below this, the header's height: the preview stays in view while the builder scrolls. */
const STICKY_TOP = 76;

/**
 * The builder: the template's texts, its pages of questions, the negative
 * rules and its versions on one side, the phone preview in both languages
 * on the other. Problems are worked out as the admin types, with the
 * station's own rules; saving the questions makes a new version.
 */
export function TemplateBuilder({ initial, detail, writable, back }: TemplateBuilderProps) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const { hospitals } = useHospitals();
  const create = useCallMutation('surveyTemplates.create', ['surveyTemplates.list']);
  const update = useCallMutation('surveyTemplates.update', ['surveyTemplates.list', 'surveyTemplates.get']);
  const [draft, setDraftState] = useState(initial);
  // a new template starts with everything blank: "required" waits for a first save, every other problem shows at once
  const [attempted, setAttempted] = useState(detail !== null);
  const [serverErrors, setServerErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(detail ? [] : initial.pages.flatMap((page) => page.questions.map((q) => q.key))));
  const [goTo, setGoTo] = useState<string | null>(null);
  // side by side from Mantine's lg (75em); below it the preview follows the builder
  const wide = useMediaQuery('(min-width: 75em)') ?? false;

  const setDraft = (next: Draft) => {
    setDraftState(next);
    setServerErrors([]);
    setFailure(null);
  };

  const content = useMemo(() => contentOf(draft), [draft]);
  const live = useMemo(() => draftProblems(draft), [draft]);
  const problems = useMemo(() => {
    const shown = attempted ? live : live.filter((problem) => !untouched(problem, draft));
    const known = new Set(shown.map((problem) => problem.path));
    return [...shown, ...serverErrors.filter((problem) => !known.has(problem.path))];
  }, [live, attempted, serverErrors, draft]);

  const errorAt = (path: string) => {
    const found = problems.find((problem) => problem.path === path);
    return found ? pick(found.message, language) : undefined;
  };
  const errorUnder = (path: string) => {
    const found = problems.find((problem) => problem.path === path || problem.path.startsWith(`${path}.`));
    return found ? pick(found.message, language) : undefined;
  };

  // "go to the field": open its question, bring it into view, put the cursor in the field at fault
  useEffect(() => {
    if (!goTo) return;
    const place = placeOf(goTo);
    const questionKey = place.kind === 'question' ? draft.pages[place.page]?.questions[place.index]?.key : undefined;
    const target =
      place.kind === 'question'
        ? questionKey
          ? document.querySelector(`[data-question-card="${questionKey}"]`)
          : null
        : document.getElementById(
            place.kind === 'negative'
              ? 'survey-negative'
              : place.kind === 'page'
                ? 'survey-pages-title'
                : /^(code|name)/.test(place.field)
                  ? 'survey-identity'
                  : 'survey-texts',
          );
    target?.scrollIntoView({ block: 'center' });
    (target?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? target?.querySelector<HTMLElement>('input, textarea'))?.focus();
    setGoTo(null);
  }, [goTo, draft.pages]);

  const onGo = (path: string) => {
    const place = placeOf(path);
    if (place.kind === 'question') {
      const key = draft.pages[place.page]?.questions[place.index]?.key;
      if (key) setExpanded(new Set([...expanded, key]));
    }
    setGoTo(path);
  };

  const namesChanged = detail !== null && (draft.nameEn !== detail.nameEn || draft.nameAr !== detail.nameAr);
  const questionsChanged = detail === null || contentChanged(draft, detail.content);
  const dirty = detail === null || namesChanged || questionsChanged;
  const busy = create.isPending || update.isPending;

  const save = async () => {
    setAttempted(true);
    setFailure(null);
    // the problems shown once "required" counts too: nothing is sent while one is left
    if (live.length > 0) return;
    try {
      if (detail === null) {
        const created = await create.mutateAsync({ code: draft.code.trim().toUpperCase(), nameEn: draft.nameEn, nameAr: draft.nameAr, content });
        notifications.show({ color: 'teal', message: t('builder.created') });
        navigate(templatePath(created.id));
        return;
      }
      await update.mutateAsync({
        id: detail.id,
        ...(namesChanged ? { nameEn: draft.nameEn, nameAr: draft.nameAr } : {}),
        ...(questionsChanged ? { content } : {}),
      });
      notifications.show({ color: 'teal', message: questionsChanged ? t('builder.savedVersion') : t('builder.savedNames') });
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setServerErrors(error.fields);
      else setFailure(error);
    }
  };

  const seconds = { ar: Math.round(estimatedSeconds(content, 'ar')), en: Math.round(estimatedSeconds(content, 'en')) };
  const firstHospital = hospitals[0];
  const hospitalName = firstHospital ? { ar: localName(firstHospital, 'ar'), en: localName(firstHospital, 'en') } : { ar: 'المستشفى', en: 'Your hospital' };
  const title = detail ? localName(detail, language) : t('builder.newTitle');
  const saveLabel = detail === null ? t('builder.saveNew') : questionsChanged ? t('builder.saveVersion') : t('builder.saveNames');

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={title}
        intro={detail ? detail.code : undefined}
        actions={
          detail ? (
            <Group gap="xs">
              <TemplateBadges template={detail} />
              {writable ? <RetireToggle template={detail} /> : null}
            </Group>
          ) : null
        }
      />
      {writable ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('builder.versionNote')}
        </Alert>
      ) : (
        <Alert variant="light" color="gray" icon={<IconLock aria-hidden />} role="note">
          {t('builder.readOnly')}
        </Alert>
      )}
      <Flex direction={wide ? 'row' : 'column'} gap="lg" align={wide ? 'flex-start' : 'stretch'}>
        <Stack gap="lg" style={wide ? { flex: '1 0 460px', minWidth: 0 } : undefined}>
          <TemplateTexts draft={draft} onChange={setDraft} isNew={detail === null} errorAt={errorAt} writable={writable} />
          <Text size="sm" c={Math.max(seconds.ar, seconds.en) > 60 ? 'orange.9' : 'dimmed'} aria-live="polite">
            {t('builder.estimate', seconds)}
            {Math.max(seconds.ar, seconds.en) > 60 ? ` ${t('builder.estimateLong')}` : ''}
          </Text>
          <PagesEditor
            pages={draft.pages}
            onChange={(pages) => setDraft({ ...draft, pages })}
            expanded={expanded}
            onExpanded={setExpanded}
            errorAt={(path) => errorAt(`content.${path}`)}
            errorUnder={(path) => errorUnder(`content.${path}`)}
            writable={writable}
          />
          <NegativeRules
            rules={draft.negative}
            onChange={(negative) => setDraft({ ...draft, negative })}
            questions={questionsOf(content)}
            errorAt={(index) => errorUnder(`content.negative.${index}`)}
            disabled={!writable}
          />
          {detail ? <VersionList versions={detail.versions} hospitalName={hospitalName} /> : null}
        </Stack>
        <Box style={wide ? { flex: '0 1 820px', position: 'sticky', top: STICKY_TOP, minWidth: 0 } : undefined}>
          <PhonePreview content={content} hospitalName={hospitalName} />
        </Box>
      </Flex>
      {failure ? <ErrorAlert error={failure} /> : null}
      {writable ? <ProblemList problems={problems} pages={draft.pages} onGo={onGo} /> : null}
      {writable ? (
        <Group justify="space-between" gap="sm" style={{ position: 'sticky', bottom: 0, zIndex: 2 }} py="sm" px="xs" bg="var(--mantine-color-body)">
          <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} aria-live="polite">
            {dirty ? t('builder.unsaved') : t('builder.allSaved')}
            {problems.length > 0 ? ` · ${t('builder.problems', { count: problems.length })}` : ''}
          </Text>
          <Group gap="sm">
            {detail ? (
              <Button variant="default" leftSection={<IconRestore size={16} aria-hidden />} disabled={!dirty || busy} onClick={() => setDraft(initial)}>
                {t('builder.discard')}
              </Button>
            ) : null}
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} disabled={!dirty} loading={busy} onClick={() => void save()}>
              {saveLabel}
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}
