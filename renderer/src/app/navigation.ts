import type { Icon } from '@tabler/icons-react';
import { IconBuildingStore, IconFileImport, IconSettings } from '@tabler/icons-react';

export interface NavEntry {
  path: string;
  label: string;
  icon?: Icon;
  /** Only built registers appear, so the order below is the one a DPO expects as the rest arrive. */
  built: boolean;
}

export const registers: NavEntry[] = [
  { path: '/overview', label: 'Overview', built: false },
  { path: '/rights-requests', label: 'Rights requests', built: false },
  { path: '/breaches', label: 'Breaches', built: false },
  { path: '/dpias', label: 'DPIAs', built: false },
  { path: '/processing-activities', label: 'Processing activities', built: false },
  { path: '/vendors', label: 'Vendors', icon: IconBuildingStore, built: true },
  { path: '/transfers', label: 'Transfers', built: false },
];

export const tools: NavEntry[] = [
  { path: '/import', label: 'Import / Export', icon: IconFileImport, built: true },
  { path: '/settings', label: 'Settings', icon: IconSettings, built: true },
];
