import { ActionIcon, Group, Select, Tooltip } from '@mantine/core';
import { IconKey, IconShieldOff, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/contract/index.js';
import { ROLE_CODES, type RoleCode } from '../../../src-shared/roles.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { useRoles } from '../../api/lookups.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { RecordListScreen, useListState, usePlaceName } from '../../components/listScreen.js';
import type { Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserForm } from './UserForm.js';

function isRoleCode(value: string | null): value is RoleCode {
  return value !== null && (ROLE_CODES as readonly string[]).includes(value);
}

export function UsersScreen({ me }: ScreenProps) {
  const { t } = useTranslation('users');
  const language = useLanguage();
  const can = usePermission();
  const { roles } = useRoles();
  const place = usePlaceName();
  const list = useListState<User>(me);
  const [roleCode, setRoleCode] = useState<RoleCode | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = useCallQuery('users.list', { ...list.paging, ...list.filters, ...(roleCode ? { roleCode } : {}) }, { keepPrevious: true });
  const setActive = useCallMutation('users.setActive', ['users.list']);
  const resetTotp = useCallMutation('users.resetTotp');
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
  ];
  const resetLabel = (u: User) => `${t('users.resetPassword')}: ${localName(u, language)}`;

  return (
    <RecordListScreen
      me={me}
      list={list}
      query={query}
      texts={t('users', { returnObjects: true })}
      columns={columns}
      writable={can('users.write')}
      createIcon={<IconUserPlus size={16} aria-hidden />}
      setActive={(u, active) => setActive.mutateAsync({ id: u.id, active })}
      // one cannot deactivate oneself; the station refuses it too
      keepsActive={(u) => u.id === me.user.id}
      rowActions={(u) => (
        <Group gap={4} wrap="nowrap">
          <Tooltip label={resetLabel(u)} withinPortal>
            <ActionIcon variant="subtle" aria-label={resetLabel(u)} onClick={() => setResetting(u)}>
              <IconKey size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <ConfirmAction
            label={`${t('users.resetTotp')}: ${localName(u, language)}`}
            icon={<IconShieldOff size={18} aria-hidden />}
            color="orange"
            title={t('users.resetTotpTitle', { name: localName(u, language) })}
            body={t('users.resetTotpBody')}
            confirmLabel={t('users.resetTotp')}
            doneText={t('users.resetTotpDone')}
            onConfirm={() => resetTotp.mutateAsync({ id: u.id })}
          />
        </Group>
      )}
      filters={
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
      }
    >
      <UserForm {...list.form} me={me} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </RecordListScreen>
  );
}
