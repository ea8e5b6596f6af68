import { choice, text } from './fields';

/** Where a record came from: typed in, imported from a file, or demo data. */
export const SourceKinds = ['manual', 'import', 'demo'] as const;

/**
 * The two source fields every register keeps, so imports and demo data can say where a record came from. The
 * form shows them in `section`.
 */
export function sourceFields(section: string) {
  return {
    sourceKind: choice({
      label: 'Source',
      options: [
        { value: 'manual', label: 'Typed in' },
        { value: 'import', label: 'Imported from a file' },
        { value: 'demo', label: 'Demo data' },
      ] as const,
      default: 'manual',
      table: false,
      form: { section },
      import: false,
    }),
    sourceDetail: text({
      label: 'Source detail',
      max: 500,
      table: false,
      form: { section, description: 'e.g. the file it was imported from' },
      import: false,
    }),
  };
}
