import { describe, expect, it } from 'vitest';
import { brandAndEntity } from '../../../shared/import/company';

describe('a name cell that gives the brand and the legal entity', () => {
  it('takes the part with a legal form as the legal entity, either way round', () => {
    expect(brandAndEntity('Atlassian (Atlassian Pty Ltd)')).toEqual({
      ok: true,
      value: 'Atlassian',
      also: { legalEntity: 'Atlassian Pty Ltd' },
    });
    expect(brandAndEntity('Zendesk, Inc. (Zendesk)')).toEqual({
      ok: true,
      value: 'Zendesk',
      also: { legalEntity: 'Zendesk, Inc.' },
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
});
