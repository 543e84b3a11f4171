import { ActionIcon, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Cells of a row top-aligned: a row's inputs line up however many working periods or messages a cell holds. */
export const TOP = { verticalAlign: 'top' } as const;

/** The trash button of a row or a working period, named for what it removes. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/**
 * A part of the calendar that is a list of rows (the special periods, the
 * closures): a heading, what the rows mean, the rows in a table named by the
 * heading (its last column each row's remove button), and a button that adds one.
 */
export function RowsSection({
  title,
  intro,
  empty,
  columns,
  addLabel,
  onAdd,
  children,
}: {
  title: string;
  intro: string;
  /** shown instead of the table when there are no rows */
  empty: boolean;
  columns: readonly string[];
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('sla');
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('calendar.none')}
        </Text>
      ) : (
        <Table withTableBorder aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column}>{column}</Table.Th>
              ))}
              <Table.Th>
                <VisuallyHidden>{t('calendar.remove')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      )}
      <Group>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
