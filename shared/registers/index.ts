import { declaredRegisters, type Register } from '../kit/define';
import { activities } from './activities';
import { breaches } from './breaches';
import { dpias } from './dpias';
import { requests } from './requests';
import { reviews } from './reviews';
import { transfers } from './transfers';
import { vendors } from './vendors';

export { activities, breaches, dpias, requests, reviews, transfers, vendors };

/** Every register, in the order a DPO thinks of them (navigation, search, exports). */
export const registers = [vendors, transfers, activities, dpias, breaches, requests, reviews] as const;

export type RegisterName = (typeof registers)[number]['name'];
export const RegisterNames = registers.map((r) => r.name) as [RegisterName, ...RegisterName[]];

/** The registers a spreadsheet can fill (a sub-processor list review is made by its workflow, not imported). */
export const ImportRegisterNames = registers
  .filter((r) => (r as { importable?: false }).importable !== false)
  .map((r) => r.name) as [RegisterName, ...RegisterName[]];

/**
 * Any register by its name, as the kit sees it: the workbench's, and any other declared in this process (a
 * test's own register gets the import engine and the repository like the workbench's).
 */
export function registerByName(name: string): Register | undefined {
  return declaredRegisters().find((r) => r.name === name);
}
