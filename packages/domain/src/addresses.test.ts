import { describe, expect, it } from 'vitest';
import { addressLines, checkAddress, checkOrganizationEdit, normalizeAddress, normalizeDocumentText } from './addresses.js';

const summary = (errors: { code: string; field?: string[] }[]) => errors.map((e) => [e.code, e.field?.join('.')]);

describe('postal addresses', () => {
  it('are stored trimmed, one line per part, blanks as null, all blank as no address', () => {
    expect(normalizeAddress({ line1: '  500 Market St ', city: 'Springfield\n', region: 'IL', postalCode: ' 62701', country: '' })).toEqual({
      line1: '500 Market St',
      line2: null,
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: null,
    });
    expect(normalizeAddress({ line1: 'Suite\n 200' })?.line1).toBe('Suite 200');
    expect(normalizeAddress({ line1: ' ', city: '' })).toBeNull();
    expect(normalizeAddress(null)).toBeNull();
  });

  it.each([
    [{ line1: 'x'.repeat(100), city: 'c'.repeat(60), region: 'r'.repeat(60), postalCode: 'p'.repeat(20), country: 'k'.repeat(60) }, []],
    [{ line1: 'x'.repeat(101) }, [['INVALID_INPUT', 'input.address.line1']]],
    [{ line2: 'x'.repeat(101) }, [['INVALID_INPUT', 'input.address.line2']]],
    [{ city: 'x'.repeat(61) }, [['INVALID_INPUT', 'input.address.city']]],
    [{ region: 'x'.repeat(61) }, [['INVALID_INPUT', 'input.address.region']]],
    [{ postalCode: 'x'.repeat(21) }, [['INVALID_INPUT', 'input.address.postalCode']]],
    [{ country: 'x'.repeat(61) }, [['INVALID_INPUT', 'input.address.country']]],
  ])('%j → %j', (address, expected) => {
    expect(summary(checkAddress(address, ['input', 'address']))).toEqual(expected);
  });

  it('print as an envelope reads: street lines, "City, Region Code", country, no gaps', () => {
    expect(addressLines({ line1: '500 Market St', line2: 'Suite 200', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'United States' })).toEqual([
      '500 Market St',
      'Suite 200',
      'Springfield, IL 62701',
      'United States',
    ]);
    expect(addressLines({ line1: '1 Rue de la Paix', line2: null, city: 'Paris', region: null, postalCode: '75002', country: 'France' })).toEqual(['1 Rue de la Paix', 'Paris, 75002', 'France']);
    expect(addressLines({ line1: null, line2: null, city: null, region: 'ON', postalCode: null, country: null })).toEqual(['ON']);
    expect(addressLines(null)).toEqual([]);
  });
});

describe('document texts (remit-to, invoice terms)', () => {
  it('keep their lines, trimmed, without blank runs or blank ends', () => {
    expect(normalizeDocumentText('  Acme Promo \r\n\r\n\r\nLockbox 42  \n\n')).toBe('Acme Promo\n\nLockbox 42');
    expect(normalizeDocumentText(' \n ')).toBeNull();
  });

  it.each([
    [{}, []],
    [{ name: 'Acme', remitTo: 'Lockbox 42\nChicago, IL 60601', invoiceTerms: 'x'.repeat(1_000) }, []],
    [{ name: ' ' }, [['INVALID_INPUT', 'input.name']]],
    [{ remitTo: 'x'.repeat(501) }, [['INVALID_INPUT', 'input.remitTo']]],
    [{ remitTo: Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n') }, [['INVALID_INPUT', 'input.remitTo']]],
    [{ invoiceTerms: 'x'.repeat(1_001) }, [['INVALID_INPUT', 'input.invoiceTerms']]],
    [{ address: { city: 'x'.repeat(61) } }, [['INVALID_INPUT', 'input.address.city']]],
  ])('organization edit %j → %j', (edit, expected) => {
    expect(summary(checkOrganizationEdit(edit, ['input']))).toEqual(expected);
  });
});
