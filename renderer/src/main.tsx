import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import Holidays from 'date-holidays';
import { provideHolidayRules } from '../../shared/rules/holidays';
import { captureLaunchToken } from './api/client';
import { App } from './app/App';
import { Providers } from './app/Providers';

// Before anything reads the address: the web door's token arrives in the fragment the router also uses.
captureLaunchToken();

// The public-holiday rules travel in the page's bundle: given to the rules engine before anything renders.
provideHolidayRules(Holidays);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);
