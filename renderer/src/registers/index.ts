import type { Register } from '../../../shared/kit/define';
import { registers } from '../../../shared/registers/index';
import { activitiesUi } from './activities';
import { breachesUi } from './breaches';
import { dpiasUi } from './dpias';
import { requestsUi } from './requests';
import { reviewsUi } from './reviews';
import { transfersUi } from './transfers';
import type { RegisterUi } from './ui';
import { vendorsUi } from './vendors';

const uis: Record<string, RegisterUi> = {
  vendors: vendorsUi,
  transfers: transfersUi,
  activities: activitiesUi,
  dpias: dpiasUi,
  breaches: breachesUi,
  requests: requestsUi,
  reviews: reviewsUi,
};

/** Every register with its pages' own parts, in the order of the declarations. */
export const registerPages: readonly { reg: Register; ui: RegisterUi }[] = (
  registers as unknown as readonly Register[]
).map((reg) => ({ reg, ui: uis[reg.name]! }));

export function pagesOf(name: string): { reg: Register; ui: RegisterUi } | undefined {
  return registerPages.find((p) => p.reg.name === name);
}
