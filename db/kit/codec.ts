import type { AnyField } from '../../shared/kit/fields';

/** A field's value as its column stores it: lists as JSON arrays, yes/no as 1/0. */
export function encodeValue(field: AnyField, value: unknown): unknown {
  switch (field.kind) {
    case 'labels':
    case 'countries':
      return JSON.stringify(value ?? []);
    case 'bool':
      return value === null || value === undefined ? null : value ? 1 : 0;
    default:
      return value ?? null;
  }
}

/** A column's value as the field holds it. */
export function decodeValue(field: AnyField, raw: unknown): unknown {
  switch (field.kind) {
    case 'labels':
    case 'countries':
      return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : [];
    case 'bool':
      return raw === null || raw === undefined ? (field.yesNo ? null : false) : raw === 1;
    default:
      return raw ?? null;
  }
}
