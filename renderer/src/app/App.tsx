import { AppShell, Kbd, NavLink, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useSyncExternalStore } from 'react';
import { invoke } from '../api/client';
import { dateFormatVersion, setDateFormat, subscribeDateFormat } from '../lib/format';
import { ImportPage } from '../import/ImportPage';
import { NewRecordPage, RecordPage } from '../kit/RecordPage';
import { RegisterPage } from '../kit/RegisterPage';
import { prefillFromQuery } from '../kit/record-form';
import { pagesOf } from '../registers/index';
import type { NavEntry } from './navigation';
import { registers, tools } from './navigation';
import { HOME_PATH, linkTo, navigate, registerRoute, useCurrentPath, useRoute } from './router';
import { GlobalSearch, openGlobalSearch } from './GlobalSearch';
import { SettingsPage } from './SettingsPage';
import { OverviewPage } from '../overview/OverviewPage';
import { CalendarPage } from '../overview/CalendarPage';
import { SubprocessorReviewPage } from '../reviews/SubprocessorReviewPage';
import { ReminderBanner, useDesktopNavigation } from '../overview/ReminderBanner';

function NavItem({ entry, currentPath }: { entry: NavEntry; currentPath: string }) {
  const active = currentPath === entry.path || currentPath.startsWith(`${entry.path}/`);
  const Icon = entry.icon;
  return (
    <NavLink
      component="a"
      {...linkTo(entry.path)}
      label={entry.label}
      leftSection={Icon ? <Icon size={18} stroke={1.6} /> : undefined}
      active={active}
      aria-current={active ? 'page' : undefined}
    />
  );
}

function NotFound({ path }: { path: string }) {
  return (
    <Stack p="xl" gap="xs">
      <Title order={1} size="h3">
        Nothing here yet
      </Title>
      <Text size="sm">There is no page at {path}. Choose a register on the left.</Text>
    </Stack>
  );
}

/** The shell: registers on the left in the order a DPO works through them, the current page on the right. */
export function App() {
  const route = useRoute();
  const path = useCurrentPath();
  const target = registerRoute(route);
  const pages = target ? pagesOf(target.name) : undefined;

  useEffect(() => {
    if (path === '/' || path === '') void navigate(HOME_PATH, { replace: true });
  }, [path]);
  useDesktopNavigation();
  // Days are shown and read in the format chosen in Settings: read it first, and show every page again when it
  // changes.
  const formatVersion = useSyncExternalStore(subscribeDateFormat, dateFormatVersion);
  useEffect(() => {
    invoke('settings:get', {}).then(
      (s) => setDateFormat(s.display?.dateFormat ?? 'auto'),
      () => {},
    );
  }, []);

  return (
    <AppShell navbar={{ width: 184, breakpoint: 0 }} padding={0}>
      <GlobalSearch />
      <AppShell.Navbar p="xs">
        <AppShell.Section px="xs" py={6} mb="xs">
          <Text fw={700} size="sm">
            DPO Workbench
          </Text>
        </AppShell.Section>
        <AppShell.Section mb="xs">
          <UnstyledButton
            className="global-search-button"
            onClick={openGlobalSearch}
            aria-label="Search every register (Ctrl+K)"
          >
            <IconSearch size={16} stroke={1.6} />
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              Search
            </Text>
            <Kbd size="xs">Ctrl K</Kbd>
          </UnstyledButton>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Registers">
            {registers
              .filter((r) => r.built)
              .map((entry) => (
                <NavItem key={entry.path} entry={entry} currentPath={path} />
              ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <nav aria-label="Workbench">
            {tools
              .filter((t) => t.built)
              .map((entry) => (
                <NavItem key={entry.path} entry={entry} currentPath={path} />
              ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main key={formatVersion}>
        <ReminderBanner />
        {target && pages && target.view === 'list' && (
          <RegisterPage key={target.name} reg={pages.reg} ui={pages.ui} query={target.query} />
        )}
        {target && pages && target.view === 'new' && (
          <NewRecordPage
            key={target.name}
            reg={pages.reg}
            ui={pages.ui}
            prefill={prefillFromQuery(pages.reg, target.prefill)}
          />
        )}
        {target && pages && target.view === 'record' && (
          // Keyed by register and id: vendor 1 and transfer 1 are different records, never one page's state.
          <RecordPage key={`${target.name}/${target.id}`} reg={pages.reg} ui={pages.ui} id={target.id} />
        )}
        {route.page === 'import' && (
          <ImportPage register={'register' in route ? route.register : undefined} />
        )}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'overview' && <OverviewPage />}
        {route.page === 'calendar' && <CalendarPage />}
        {route.page === 'subprocessor-review' && 'id' in route && route.id && (
          <SubprocessorReviewPage key={route.id} vendorId={route.id} />
        )}
        {route.page === 'not-found' && <NotFound path={path} />}
      </AppShell.Main>
    </AppShell>
  );
}
