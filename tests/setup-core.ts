import { loadHolidayRules } from '../shared/rules/holidays';

// Every door loads the public-holiday rules before it computes a deadline; so do the tests.
await loadHolidayRules();
