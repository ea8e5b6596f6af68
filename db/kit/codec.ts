import type { AnyField } from '../../shared/kit/fields';

/** A field's value as its column stores it: lists and structured values as JSON, yes/no as 1/0. */
export function encodeValue(field: AnyField, value: unknown): unknown {
  switch (field.kind) {
    case 'labels':
    case 'countries':
    case 'choices':
    case 'refs':
    case 'rows':
      return JSON.stringify(value ?? []);
    case 'struct':
      return JSON.stringify(value ?? field.empty ?? null);
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
    case 'choices':
    case 'refs':
    case 'rows':
      return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : [];
    case 'struct':
      return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : (field.empty ?? null);
    case 'bool':
      return raw === null || raw === undefined ? (field.yesNo ? null : false) : raw === 1;
    default:
      return raw ?? null;
  }
}
