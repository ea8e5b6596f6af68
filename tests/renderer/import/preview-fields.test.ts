import { describe, expect, it } from 'vitest';
import { previewFields } from '../../../renderer/src/import/PreviewPanel';
import { registerByName } from '../../../shared/registers/index';

const vendors = registerByName('vendors')!;

describe('the fields the first rows of a preview show', () => {
  it('shows a field no column maps only when a row gives it (the dates a DPA status may carry)', () => {
    const mapped = ['name', 'dpaStatus'];
    expect(previewFields(vendors, mapped, [{ values: { name: 'Acme', dpaStatus: 'signed' } }])).toEqual([
      'name',
      'dpaStatus',
    ]);
    expect(
      previewFields(vendors, mapped, [
        { values: { name: 'Acme', dpaStatus: 'signed' } },
        { values: { name: 'Globex', dpaStatus: 'signed', dpaSignedAt: '2023-01-05' } },
      ]),
    ).toEqual(['name', 'dpaStatus', 'dpaSignedAt']);
    // A mapped column shows even when the first rows leave it empty.
    expect(previewFields(vendors, ['name', 'website'], [{ values: { name: 'Acme' } }])).toEqual([
      'name',
      'website',
    ]);
  });
});
