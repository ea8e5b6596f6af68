import { describe, expect, it } from 'vitest';
import { brandAndEntity } from '../../../shared/import/company';
import { importProfile } from '../../../shared/import/profile';
import { createRowMapper } from '../../../shared/import/row';
import { registerByName } from '../../../shared/registers/index';

describe('a name cell that gives the brand and the legal entity', () => {
  it('takes the part with a legal form as the legal entity, either way round', () => {
    expect(brandAndEntity('Atlassian (Atlassian Pty Ltd)')).toEqual({
      ok: true,
      value: 'Atlassian',
      also: { legalEntity: 'Atlassian Pty Ltd' },
      whole: 'Atlassian (Atlassian Pty Ltd)',
    });
    expect(brandAndEntity('Zendesk, Inc. (Zendesk)')).toEqual({
      ok: true,
      value: 'Zendesk',
      also: { legalEntity: 'Zendesk, Inc.' },
      whole: 'Zendesk, Inc. (Zendesk)',
    });
    // Initials name the entity too.
    expect(brandAndEntity('AWS (Amazon Web Services EMEA SARL)')).toMatchObject({
      value: 'AWS',
      also: { legalEntity: 'Amazon Web Services EMEA SARL' },
    });
    expect(brandAndEntity('Google Ireland Limited (Google Analytics)')).toMatchObject({
      value: 'Google Analytics',
      also: { legalEntity: 'Google Ireland Limited' },
    });
    expect(brandAndEntity('Atlassian B.V. (Atlassian)**')).toMatchObject({
      value: 'Atlassian',
      also: { legalEntity: 'Atlassian B.V.' },
    });
  });

  it('keeps the cell whole when the brackets say something else', () => {
    for (const cell of [
      'Cloudflare, Inc. (CDN)', // a service, not a name of the company
      'Twilio Inc. (SendGrid)', // a brand the entity's name does not show: not guessed
      'Stripe Payments Europe, Ltd. (Ireland)', // a place
      'Hetzner Online GmbH (EU)',
      'Heroku (formerly Heroku, Inc.)', // a remark
      'Acme Ltd (and affiliates)',
      'Salesforce, Inc. (Slack Technologies, LLC)', // two entities
      'Microsoft (Azure)', // no legal form
    ])
      expect(brandAndEntity(cell)).toBeNull();
    expect(brandAndEntity('WorkOS, Inc.**')).toEqual({ ok: true, value: 'WorkOS, Inc.' });
  });

  it('reads the cell whole when the legal entity has a column of its own, or is not kept', () => {
    const profile = importProfile(registerByName('vendors')!);
    const name = { column: 1, header: 'Vendor', field: 'name' };
    const entity = { column: 2, header: 'Legal entity', field: 'legalEntity' };
    const both = createRowMapper(profile, [name, entity], { expandRegions: false });
    expect(both(['Google LLC (Google Cloud)', 'Google Ireland Limited']).input).toMatchObject({
      name: 'Google LLC (Google Cloud)',
      legalEntity: 'Google Ireland Limited',
    });
    const alone = createRowMapper(profile, [name], { expandRegions: false });
    expect(alone(['Google LLC (Google Cloud)']).input).toMatchObject({
      name: 'Google Cloud',
      legalEntity: 'Google LLC',
    });
    const listed = createRowMapper(profile, [name], { expandRegions: false, only: ['name'] });
    expect(listed(['Google LLC (Google Cloud)']).input).toEqual({ name: 'Google LLC (Google Cloud)' });
  });
});
