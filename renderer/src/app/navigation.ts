import type { Icon } from '@tabler/icons-react';
import { IconCalendarEvent, IconFileImport, IconLayoutDashboard, IconSettings } from '@tabler/icons-react';
import { pagesOf } from '../registers/index';

export interface NavEntry {
  path: string;
  label: string;
  icon?: Icon;
  /** Only built registers appear, so the order below is the one a DPO expects as the rest arrive. */
  built: boolean;
}

/** A register declared on the kit appears with its title and icon; the others are still to come. */
const register = (path: string, label: string): NavEntry => {
  const pages = pagesOf(path.slice(1));
  return pages
    ? { path, label: pages.reg.title, icon: pages.ui.icon, built: true }
    : { path, label, built: false };
};

export const registers: NavEntry[] = [
  { path: '/overview', label: 'Overview', icon: IconLayoutDashboard, built: true },
  { path: '/calendar', label: 'Deadlines', icon: IconCalendarEvent, built: true },
  register('/requests', 'Rights requests'),
  register('/breaches', 'Breaches'),
  register('/dpias', 'DPIAs'),
  register('/activities', 'Processing activities'),
  register('/vendors', 'Vendors'),
  register('/transfers', 'Transfers'),
  register('/reviews', 'Sub-processor list reviews'),
];

export const tools: NavEntry[] = [
  { path: '/import', label: 'Import / Export', icon: IconFileImport, built: true },
  { path: '/settings', label: 'Settings', icon: IconSettings, built: true },
];
