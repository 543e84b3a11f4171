import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/contract/index.js';
import type { RoleCode } from '../../../src-shared/roles.js';
import { useCallMutation } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { NewPasswordField } from '../../components/PasswordStrength.js';
import { LanguageSelect, RoleSelect } from '../../components/pickers.js';
import { BilingualNameFields, EmailField, PhoneField, PlacementFields } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';

const LISTS = ['users.list', 'users.get'] as const;

export function UserForm({ opened, record: user, me, onClose }: RecordFormProps<User> & { me: Me }) {
  const { t } = useTranslation('users');
  const form = useRecordForm(opened, user, {
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
  });
  const create = useCallMutation('users.create', LISTS);
  const update = useCallMutation('users.update', LISTS);

  const submit = () => {
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
    return user
      ? form.submit('users.update', { id: user.id, ...common }, update.mutateAsync)
      : form.submit('users.create', { username: v.username, password: v.password, ...common }, create.mutateAsync);
  };

  return (
    <RecordFormModal form={form} opened={opened} editing={user !== null} title={user ? t('users.edit') : t('users.create')} onClose={onClose} onSubmit={submit}>
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
          <NewPasswordField
            id="user-password-strength"
            label={t('fields.password')}
            owner={{ username: form.values.username, nameEn: form.values.nameEn, nameAr: form.values.nameAr, email: form.values.email }}
            {...form.text('password')}
          />
        )}
        <BilingualNameFields form={form} />
        <EmailField {...form.text('email')} />
        <PhoneField {...form.text('phone')} />
        <RoleSelect belowLevel={me.role.level} required {...form.choice('roleCode')} />
        <LanguageSelect {...form.choice('preferredLanguage')} />
        <PlacementFields form={form} hospitalLocked={me.scope.kind !== 'group'} hospitalOptional />
      </SimpleGrid>
    </RecordFormModal>
  );
}
