import { ActionIcon, Anchor, Badge, Button, Group, Stack, Text, TextInput, Title, Tooltip, useDirection } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconEdit, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeParts } from '../../src-shared/dates.js';
import { useLanguage } from '../i18n/index.js';
import { href } from '../shell/router.js';
import { useTimeZone } from '../shell/useTimeZone.js';

/** Styles of an input for a code the station stores in capitals: shown so while typing. */
export const UPPERCASE_INPUT = { input: { textTransform: 'uppercase' } } as const;

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
      <Stack gap={4}>
        <Title order={2}>{title}</Title>
        {intro ? (
          <Text c="dimmed" size="sm" maw={720}>
            {intro}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="light">
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}

/** A search box that tells its parent what to look for once typing pauses. */
export function SearchBox({ label, placeholder, onSearch }: { label: string; placeholder: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => onSearch(debounced), [debounced, onSearch]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      leftSection={<IconSearch size={16} aria-hidden />}
      type="search"
      w={{ base: '100%', sm: 360 }}
    />
  );
}

export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  const label = t('common.editItem', { name });
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="subtle" aria-label={label} onClick={onClick}>
        <IconEdit size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

export function CreateButton({ label, onClick, icon }: { label: string; onClick: () => void; icon?: ReactNode }) {
  return (
    <Button onClick={onClick} leftSection={icon}>
      {label}
    </Button>
  );
}

/** Gregorian first, Hijri beneath it, in the hospital's zone (a calendar date such as a birth date is kept as is); `seconds`: the clock to the second. */
export function DateTimeText({ value, seconds = false }: { value: string | null | undefined; seconds?: boolean }) {
  const language = useLanguage();
  const timeZone = useTimeZone();
  if (!value) return <Text size="sm">—</Text>;
  const parts = dateTimeParts(value, { language, timeZone, seconds });
  if (!parts) return <Text size="sm">{value}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={value}>{parts.gregorian}</time>
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {parts.hijri}
      </Text>
    </Stack>
  );
}

/** A small label over its value, for the facts at the top of a detail screen. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** Codes, IDs, phone numbers: Latin left-to-right text that must not be reordered inside Arabic. */
export function Ltr({ children, dimmed = false }: { children: ReactNode; dimmed?: boolean }) {
  return (
    <Text component="bdi" size={dimmed ? 'xs' : 'sm'} c={dimmed ? 'dimmed' : undefined} dir="ltr" style={{ unicodeBidi: 'isolate' }}>
      {children}
    </Text>
  );
}

/** Back to the list a detail screen was opened from; the arrow points back in either reading direction. */
export function BackLink({ to, label }: { to: string; label: string }) {
  const { dir } = useDirection();
  const Arrow = dir === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor href={href(to)} size="sm" w="fit-content">
      <Group gap={4} component="span" wrap="nowrap">
        <Arrow size={16} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}
