import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.js';
import type { User } from '../../../src-shared/contract/index.js';
import type { RoleCode } from '../../../src-shared/roles.js';
import { useCallMutation } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { FormModal } from '../../components/FormModal.js';
import { DepartmentSelect, HospitalSelect, LanguageSelect, RoleSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';

interface UserFormProps {
  opened: boolean;
  /** null: a new user */
  user: User | null;
  me: Me;
  onClose: () => void;
}

const LISTS = ['users.list', 'users.get'] as const;

function blank(me: Me) {
  return {
    username: '',
    password: '',
    nameAr: '',
    nameEn: '',
    email: '',
    phone: '',
    preferredLanguage: 'ar',
    roleCode: '',
    // a hospital admin creates users of their own hospital
    hospitalId: me.scope.hospitalId ?? '',
    departmentId: '',
  };
}

export function UserForm({ opened, user, me, onClose }: UserFormProps) {
  const { t } = useTranslation('users');
  const form = useForm(blank(me));
  const create = useCallMutation('users.create', [...LISTS]);
  const update = useCallMutation('users.update', [...LISTS]);
  const { reset, set } = form;

  useEffect(() => {
    if (!opened) return;
    reset(
      user
        ? {
            username: user.username,
            password: '',
            nameAr: user.nameAr,
            nameEn: user.nameEn,
            email: user.email ?? '',
            phone: user.phone ?? '',
            preferredLanguage: user.preferredLanguage,
            roleCode: user.roleCode,
            hospitalId: user.hospitalId ?? '',
            departmentId: user.departmentId ?? '',
          }
        : blank(me),
    );
  }, [opened, user, me, reset]);

  const submit = async () => {
    const v = form.values;
    const common = {
      nameAr: v.nameAr,
      nameEn: v.nameEn,
      email: v.email,
      phone: v.phone,
      preferredLanguage: v.preferredLanguage === 'en' ? ('en' as const) : ('ar' as const),
      roleCode: v.roleCode as RoleCode,
      hospitalId: v.hospitalId || null,
      departmentId: v.departmentId || null,
    };
    const saved = user
      ? await form.submit('users.update', { id: user.id, ...common }, update.mutateAsync)
      : await form.submit('users.create', { username: v.username, password: v.password, ...common }, create.mutateAsync);
    if (saved) {
      notifications.show({ color: 'teal', message: user ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  const hospitalLocked = me.scope.kind !== 'group';
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.edit') : t('users.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fields.username')}
          description={user ? undefined : t('fields.usernameHint')}
          required
          disabled={user !== null}
          dir="ltr"
          autoComplete="off"
          {...form.text('username')}
        />
        {user ? null : (
          <PasswordField label={t('fields.password')} description={t('auth.passwordHint')} required autoComplete="new-password" {...form.text('password')} />
        )}
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
        <TextInput label={t('fields.email')} type="email" dir="ltr" {...form.text('email')} />
        <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" dir="ltr" {...form.text('phone')} />
        <RoleSelect belowLevel={me.role.level} required {...form.choice('roleCode')} />
        <LanguageSelect {...form.choice('preferredLanguage')} />
        <HospitalSelect
          clearable={!hospitalLocked}
          disabled={hospitalLocked}
          {...form.choice('hospitalId')}
          onChange={(value) => {
            set('hospitalId', value ?? '');
            set('departmentId', '');
          }}
        />
        <DepartmentSelect hospitalId={form.values.hospitalId || null} clearable {...form.choice('departmentId')} />
      </SimpleGrid>
    </FormModal>
  );
}
