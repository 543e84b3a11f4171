import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHeartbeat } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE } from '../../src-shared/dates.js';
import { useCallQuery, usePermission } from '../api/hooks.js';
import { useAllDepartments, useHospitals } from '../api/lookups.js';
import { updateMe, type Session } from '../api/session.js';
import { localName, useLanguage } from '../i18n/index.js';
import { AREAS, PAGES } from '../areas.js';
import { refusalFor, routeFor, type Page } from '../kit/navigation.js';
import { href, usePath } from './router.js';
import { ScreenFor } from './ScreenFor.js';
import { usePageLabel } from './usePageLabel.js';
import { TimeZoneContext } from './useTimeZone.js';
import { UserMenu } from './UserMenu.js';

/** The signed-in console: header, navigation by area, and the current screen. */
export function AppFrame({ session }: { session: Session }) {
  const { t } = useTranslation();
  const label = usePageLabel();
  const language = useLanguage();
  const can = usePermission();
  const path = usePath();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const { me } = session;

  // Refresh who I am on start: role or scope may have changed since the token was issued.
  // Only a new answer from the station replaces the session's copy; a local
  // change (the language switch) must not be undone by an older answer.
  const fresh = useCallQuery('auth.me', {});
  useEffect(() => {
    if (fresh.data) updateMe(fresh.data);
  }, [fresh.data, fresh.dataUpdatedAt]);

  const status = useCallQuery('system.status', {});
  const { byId: hospitals } = useHospitals();
  const { byId: departments } = useAllDepartments();
  const myHospital = me.scope.hospitalId ? hospitals.get(me.scope.hospitalId) : undefined;
  const myDepartment = me.scope.departmentId ? departments.get(me.scope.departmentId) : undefined;
  const timeZone = myHospital?.timeZone ?? status.data?.defaultTimeZone ?? DEFAULT_TIME_ZONE;
  const scopeText =
    me.scope.kind === 'group'
      ? t('scope.group')
      : [myHospital && localName(myHospital, language), myDepartment && localName(myDepartment, language)].filter(Boolean).join(' — ') ||
        t(me.scope.kind === 'hospital' ? 'scope.kindHospital' : 'scope.kindDepartment');

  const visible = PAGES.filter((page) => refusalFor(page, can, me.scope.kind) === null);
  const route = routeFor(PAGES, path);
  const current = route.page;
  useEffect(() => close(), [path, close]);

  const link = (page: Page) => {
    const Icon = page.icon;
    const active = page.key === current.key;
    return (
      <NavLink
        key={page.key}
        component="a"
        href={href(page.path)}
        label={label(page)}
        leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
        active={active}
        aria-current={active ? 'page' : undefined}
        c={page.screen ? undefined : 'dimmed'}
        variant="light"
        // sub-areas sit indented under their area, on the reading side in either direction
        style={page.parent ? { paddingInlineStart: 'calc(var(--mantine-spacing-sm) + 18px)' } : undefined}
      />
    );
  };
  const section = (name: Page['section']) => visible.filter((page) => page.section === name).map(link);
  const adminLinks = section('admin');

  return (
    <TimeZoneContext value={timeZone}>
      <a
        className="px-skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
              <ThemeIcon size="lg" radius="md" color="teal" variant="filled" aria-hidden>
                <IconHeartbeat size={20} />
              </ThemeIcon>
              <Stack gap={0}>
                <Text fw={700} lh={1.1}>
                  {t('app.name')}
                  <Text span c="dimmed" fw={400} size="sm" ms={6}>
                    {t('app.tagline')}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" lh={1.2} truncate="end" maw={420}>
                  {scopeText}
                </Text>
              </Stack>
            </Group>
            <Group gap="md" wrap="nowrap">
              {AREAS.map((area) => (area.header ? <area.header key={area.id} /> : null))}
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {section('work')}
              {adminLinks.length > 0 ? (
                <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" pb={4}>
                  {t('nav.administration')}
                </Text>
              ) : null}
              {adminLinks}
              {section('oversight').length > 0 ? (
                <Stack gap={2} pt="md">
                  {section('oversight')}
                </Stack>
              ) : null}
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id="main-content" tabIndex={-1} bg="var(--mantine-color-gray-0)">
          <ScreenFor route={route} me={me} />
        </AppShell.Main>
      </AppShell>
    </TimeZoneContext>
  );
}
