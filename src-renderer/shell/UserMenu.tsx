import { Avatar, Button, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconKey, IconLanguage, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { clearSession, type Me } from '../api/session.js';
import { localName, useLanguage } from '../i18n/index.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { TwoStepModal } from './TwoStepModal.js';
import { useSwitchLanguage } from './useSwitchLanguage.js';

/** End the session on the station (best effort) and here. */
export async function signOut(): Promise<void> {
  try {
    await call('auth.logout', {});
  } catch {
    // an expired or unreachable station still signs you out here
  }
  clearSession();
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const switchLanguage = useSwitchLanguage();
  const [changing, setChanging] = useState(false);
  const [twoStep, setTwoStep] = useState(false);
  const name = localName(me.user, language);
  const other = language === 'ar' ? 'en' : 'ar';
  // one letter: two Arabic initials side by side read as a word
  const initial = name.trim().charAt(0);

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={240}>
        <Menu.Target>
          <Button variant="subtle" color="gray" aria-label={`${t('auth.userMenu')}: ${name}`} rightSection={<IconChevronDown size={14} aria-hidden />} px="xs">
            <Avatar size="sm" color="teal" radius="xl" aria-hidden>
              {initial}
            </Avatar>
            <Stack gap={0} ms="xs" visibleFrom="sm" align="flex-start">
              <Text size="sm" fw={500} lh={1.2}>
                {name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {localName(me.role, language)}
              </Text>
            </Stack>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.user.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setChanging(true)}>
            {t('auth.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconShieldLock size={16} aria-hidden />} onClick={() => setTwoStep(true)}>
            {t('auth.twoStepMenu')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLanguage size={16} aria-hidden />} onClick={() => switchLanguage(other)}>
            {t('language.switchTo', { language: t(`language.${other}`) })}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} me={me} />
      <TwoStepModal opened={twoStep} onClose={() => setTwoStep(false)} me={me} />
    </>
  );
}
