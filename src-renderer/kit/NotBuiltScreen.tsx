import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBarrierBlock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** An area of PX360 that is planned but not built: said plainly, nothing pretends to work. */
export function NotBuiltScreen({ area }: { area: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={2}>{area}</Title>
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm" py="lg">
          <ThemeIcon size={56} radius="xl" variant="light" color="yellow" aria-hidden>
            <IconBarrierBlock size={30} />
          </ThemeIcon>
          <Title order={3} ta="center">
            {t('notBuilt.title')}
          </Title>
          <Text c="dimmed" ta="center" maw={520}>
            {t('notBuilt.body', { area })}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
