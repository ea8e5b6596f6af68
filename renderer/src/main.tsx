import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadHolidayRules } from '../../shared/rules/holidays';
import { captureLaunchToken } from './api/client';
import { App } from './app/App';
import { Providers } from './app/Providers';

// Before anything reads the address: the web door's token arrives in the fragment the router also uses.
captureLaunchToken();

// The public-holiday rules (a large table) load before the first page can show a deadline.
void loadHolidayRules().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <App />
      </Providers>
    </StrictMode>,
  ),
);
