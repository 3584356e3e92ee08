import { describe, expect, it } from 'vitest';
import { parseDecimal, parseZonePeople, parseZoneValues } from './zone-values.ts';

describe('reading the inequality inputs as the database sends them', () => {
  it('parses a decimal exactly as Number() does, in place', () => {
    const cases = [
      '0',
      '-0',
      '7',
      '72.36323651',
      '103.8386869',
      '-0.05',
      '5.',
      '.5',
      '0.1',
      '0.3',
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
      '1.0000000000000002',
      '0.000000000000000000000001234',
      '1e5',
      '12abc',
      '-',
      '.',
      'NaN',
      '99999999999999.9',
      '2.675',
      '1.005',
    ];
    for (const text of cases)
      expect(Object.is(parseDecimal(`,${text},`, 1, text.length + 1), Number(text)), text).toBe(true);
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 20_000; k++) {
      const text = (random() * 10 ** Math.floor(random() * 12)).toFixed(Math.floor(random() * 12));
      expect(Object.is(parseDecimal(text, 0, text.length), Number(text)), text).toBe(true);
    }
  });

  it('gives each indicator’s zones in ascending order with their values, NaN for an empty value', () => {
    const byIndicator = parseZoneValues(
      'cpop-crime-rate,2,509.5,cpop-attainment,2,5.8,cpop-crime-rate,0,,cpop-attainment,1,-1.25,cpop-crime-rate,13,12',
    );
    expect([...byIndicator.keys()]).toEqual(['cpop-crime-rate', 'cpop-attainment']);
    const crime = byIndicator.get('cpop-crime-rate')!;
    expect(crime.zones).toEqual([0, 2, 13]);
    expect(Number.isNaN(crime.values[0])).toBe(true);
    expect(crime.values.slice(1)).toEqual([509.5, 12]);
    expect(byIndicator.get('cpop-attainment')).toEqual({ zones: [1, 2], values: [-1.25, 5.8] });
    // Names that share a length and the characters looked at first are still told apart.
    expect([...parseZoneValues('ab-xd,0,1,ac-yd,0,2,ab-xd,1,3').entries()]).toEqual([
      ['ab-xd', { zones: [0, 1], values: [1, 3] }],
      ['ac-yd', { zones: [0], values: [2] }],
    ]);
    expect(() => parseZoneValues('cpop-crime-rate,2')).toThrow('malformed zone values at character 0');
  });

  it('reads the people counts by zone, NaN for a missing count', () => {
    const { deprived, other } = parseZonePeople('1:120:880;0::400;3:15.5:');
    expect(deprived[1]).toBe(120);
    expect(Number.isNaN(deprived[0])).toBe(true);
    expect(2 in deprived).toBe(false);
    expect(deprived[3]).toBe(15.5);
    expect([other[0], other[1]]).toEqual([400, 880]);
    expect(Number.isNaN(other[3])).toBe(true);
  });
});
