import { ActionIcon, Select, Stack, Tooltip } from '@mantine/core';
import { IconKey, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/contract/index.js';
import { ROLE_CODES, type RoleCode } from '../../../src-shared/roles.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { useRoles } from '../../api/lookups.js';
import type { Me } from '../../api/session.js';
import { ActiveBadge, CreateButton, DateTimeText, Ltr, PageHeader } from '../../components/bits.js';
import { ListFilters, RowActions, useListState, usePlaceName } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserForm } from './UserForm.js';

const PAGE_SIZE = 25;

function isRoleCode(value: string | null): value is RoleCode {
  return value !== null && (ROLE_CODES as readonly string[]).includes(value);
}

export function UsersScreen({ me }: { me: Me }) {
  const { t } = useTranslation('users');
  const language = useLanguage();
  const can = usePermission();
  const { roles } = useRoles();
  const place = usePlaceName();
  const list = useListState<User>(me);
  const [roleCode, setRoleCode] = useState<RoleCode | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = useCallQuery(
    'users.list',
    { page: list.page, pageSize: PAGE_SIZE, ...list.filters, ...(roleCode ? { roleCode } : {}) },
    { keepPrevious: true },
  );
  const setActive = useCallMutation('users.setActive', ['users.list']);
  const writable = can('users.write');
  const roleLabel = (code: RoleCode) => {
    const role = roles.find((r) => r.code === code);
    return role ? localName(role, language) : code;
  };

  const columns: Column<User>[] = [
    { key: 'username', header: t('fields.username'), render: (u) => <Ltr>{u.username}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (u) => localName(u, language), minWidth: 180 },
    { key: 'role', header: t('fields.role'), render: (u) => roleLabel(u.roleCode) },
    {
      key: 'place',
      header: `${t('fields.hospital')} / ${t('fields.department')}`,
      minWidth: 200,
      render: (u) => place(u.hospitalId, u.departmentId) || (u.hospitalId ? '—' : t('scope.kindGroup')),
    },
    { key: 'login', header: t('fields.lastLogin'), render: (u) => (u.lastLoginAt ? <DateTimeText value={u.lastLoginAt} /> : t('users.never')) },
    { key: 'status', header: t('common.status'), render: (u) => <ActiveBadge active={u.active} />, nowrap: true },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (u) => {
        const name = localName(u, language);
        const resetLabel = `${t('users.resetPassword')}: ${name}`;
        return (
          <RowActions
            name={name}
            active={u.active}
            onEdit={() => list.setEditing(u)}
            // one cannot deactivate oneself; the station refuses it too
            {...(u.id === me.user.id ? {} : { onActive: (active: boolean) => setActive.mutateAsync({ id: u.id, active }) })}
          >
            <Tooltip label={resetLabel} withinPortal>
              <ActionIcon variant="subtle" aria-label={resetLabel} onClick={() => setResetting(u)}>
                <IconKey size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </RowActions>
        );
      },
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('users.title')}
        actions={
          writable ? <CreateButton label={t('users.create')} icon={<IconUserPlus size={16} aria-hidden />} onClick={() => list.setEditing(null)} /> : null
        }
      />
      <ListFilters
        me={me}
        searchLabel={t('users.searchLabel')}
        searchPlaceholder={t('users.searchPlaceholder')}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
      >
        <Select
          label={t('users.roleFilter')}
          placeholder={t('common.all')}
          data={roles.map((role) => ({ value: role.code, label: localName(role, language) }))}
          value={roleCode}
          onChange={(value) => {
            setRoleCode(isRoleCode(value) ? value : null);
            list.setPage(1);
          }}
          clearable
          w={220}
        />
      </ListFilters>
      <PagedTable
        label={t('users.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(u) => u.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={t('users.empty')}
      />
      <UserForm opened={list.editing !== undefined} user={list.editing ?? null} me={me} onClose={() => list.setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
