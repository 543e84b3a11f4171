import { Badge, Group, Paper, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/hooks.js';
import { useSession } from '../../api/session.js';
import { Ltr, PageHeader } from '../../components/bits.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { SignInPolicy } from './SignInPolicy.js';

/** The roles on this station, read-only: level, widest scope, and every permission. */
export function RolesScreen() {
  const { t } = useTranslation('roles');
  const language = useLanguage();
  const roles = useCallQuery('roles.list', {});
  const session = useSession();
  const scopeLabel = (scope: 'group' | 'hospital' | 'department') =>
    t(scope === 'group' ? 'scope.kindGroup' : scope === 'hospital' ? 'scope.kindHospital' : 'scope.kindDepartment');

  let body: React.ReactNode;
  if (roles.isError) body = <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  else if (roles.isPending) body = <LoadingState />;
  else if (roles.data.length === 0) body = <EmptyState text={t('roles.empty')} />;
  else {
    const sorted = [...roles.data].sort((a, b) => b.level - a.level);
    body = (
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('roles.tableLabel')} verticalSpacing="md" horizontalSpacing="md" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.name')}</Table.Th>
                <Table.Th scope="col">{t('fields.code')}</Table.Th>
                <Table.Th scope="col">{t('fields.level')}</Table.Th>
                <Table.Th scope="col">{t('fields.scope')}</Table.Th>
                <Table.Th scope="col">{t('fields.permissions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {localName(role, language)}
                  </Table.Th>
                  <Table.Td>
                    <Ltr>{role.code}</Ltr>
                  </Table.Td>
                  <Table.Td>{role.level}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{scopeLabel(role.scope)}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {role.permissions.map((permission) => (
                        <Badge
                          key={permission}
                          variant={permission.endsWith('.read') ? 'light' : 'filled'}
                          color={permission.endsWith('.read') ? 'gray' : 'teal'}
                          radius="sm"
                          tt="none"
                          fw={500}
                        >
                          {t(`perm.${permission}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('roles.title')} intro={t('roles.intro')} />
      {session ? <SignInPolicy me={session.me} /> : null}
      {body}
    </Stack>
  );
}
