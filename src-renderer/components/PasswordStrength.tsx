import { Group, List, Progress, Stack, Text } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGES } from '../../src-shared/messages.js';
import { judgePassword, PASSWORD_MIN_SCORE, providePasswordWordLists, type PasswordOwner } from '../../src-shared/password-policy.js';
import { pick, useLanguage } from '../i18n/index.js';
import { onDemand, WhenLoaded } from './OnDemand.js';
import { PasswordField } from './PasswordField.js';
import { LoadingState } from './StateViews.js';

/**
 * The password rule's word lists (about 1.6 MB of the build), fetched with
 * the first new-password field, never for the sign-in screen. The field
 * shows only once they are here, so no password long enough to need them is
 * judged before (the contract judges it too, on submit).
 */
export const passwordRule = onDemand(async () => {
  const { PASSWORD_WORD_LISTS } = await import('../../src-shared/password-word-lists.js');
  providePasswordWordLists(() => PASSWORD_WORD_LISTS);
});

const LEVELS = [
  { key: 'weak', color: 'red' },
  { key: 'weak', color: 'red' },
  { key: 'fair', color: 'orange' },
  { key: 'good', color: 'teal' },
  { key: 'strong', color: 'green' },
] as const;

/**
 * How strong the password being typed is, judged as the station will judge
 * it (src-shared/password-policy.ts): a meter, what is wrong, and what would
 * help, in the reader's language. Judged a moment after typing stops, so
 * typing stays smooth; announced politely to screen readers.
 */
export function PasswordStrength({ password, owner, id }: { password: string; owner: PasswordOwner; id?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [typed] = useDebouncedValue(password, 200);
  const { username, nameEn, nameAr, email } = owner;
  const verdict = useMemo(() => (typed === '' ? null : judgePassword(typed, { username, nameEn, nameAr, email })), [typed, username, nameEn, nameAr, email]);
  const level = LEVELS[verdict?.score ?? 0];
  return (
    <Stack gap={4} id={id} aria-live="polite" data-testid="password-strength">
      {verdict ? (
        <>
          <Group gap="xs" wrap="nowrap">
            <Progress
              value={((verdict.score + 1) / LEVELS.length) * 100}
              color={verdict.ok ? level.color : verdict.score >= PASSWORD_MIN_SCORE ? 'orange' : level.color}
              size="sm"
              style={{ flex: 1 }}
              aria-label={t('password.meter')}
            />
            <Text size="xs" fw={600} c={verdict.ok ? level.color : 'red'} style={{ whiteSpace: 'nowrap' }}>
              {verdict.ok ? t(`password.${level.key}`) : t('password.notYet')}
            </Text>
          </Group>
          {verdict.problem ? (
            <Text size="xs" c="red.8">
              {pick(MESSAGES[verdict.problem], language)}
            </Text>
          ) : null}
          {verdict.hints.length > 0 ? (
            <List size="xs" c="dimmed" spacing={0}>
              {verdict.hints.map((hint) => (
                <List.Item key={hint}>{pick(MESSAGES[hint], language)}</List.Item>
              ))}
            </List>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

/**
 * The box where a new password is set (setup, a new user, a reset, a change),
 * with the rule's hint and the live meter for its owner.
 */
export function NewPasswordField({
  id,
  label,
  owner,
  value,
  onChange,
  error,
}: {
  /** names the meter, which the box points to for screen readers */
  id: string;
  label: string;
  owner: PasswordOwner;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <WhenLoaded part={passwordRule} loading={<LoadingState />}>
      {() => (
        <Stack gap={6}>
          <PasswordField
            label={label}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            aria-describedby={id}
            value={value}
            onChange={onChange}
            error={error}
          />
          <PasswordStrength id={id} password={value} owner={owner} />
        </Stack>
      )}
    </WhenLoaded>
  );
}
