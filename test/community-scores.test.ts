import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CPOP_INDICATORS } from '../src/db/reference/cpop-indicators.ts';
import { communityZScores } from '../src/modules/outcomes/index.ts';
import { sharedData } from './helpers/shared-data.ts';

/**
 * CPOP publishes each community's score against its partnership's communities (`CPPScore` in
 * IGZ_latest.csv). Recomputing it from the published values must give the same number, for every zone
 * and indicator, using the polarity Cairn keeps as data.
 */
type Row = {
  InterZone: string;
  CPP: string;
  Indicator: string;
  value: string;
  'High is Positive': string;
  CPPScore: string;
};
const rows = parse(readFileSync(sharedData('cpop', 'IGZ_latest.csv')), { columns: true, bom: true }) as Row[];

describe('community z-scores reproduce CPOP’s CPPScore', () => {
  it('covers 1,279 communities and 8 indicators', () => {
    expect(new Set(rows.map((r) => r.InterZone)).size).toBe(1279);
    expect(new Set(rows.map((r) => r.Indicator)).size).toBe(8);
  });

  it('keeps the same polarity as CPOP for every community indicator', () => {
    for (const name of new Set(rows.map((r) => r.Indicator))) {
      const fact = CPOP_INDICATORS.find((i) => i.name === name);
      expect(fact, name).toBeDefined();
      const cpop = rows.find((r) => r.Indicator === name)!['High is Positive'] === 'Yes';
      expect(fact!.higherIsBetter, name).toBe(cpop);
    }
  });

  it('matches CPPScore for every zone and indicator', () => {
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const key = `${r.CPP}|${r.Indicator}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    let compared = 0;
    for (const group of groups.values()) {
      const fact = CPOP_INDICATORS.find((i) => i.name === group[0]!.Indicator)!;
      const scores = communityZScores(
        group.map((r) => (r.value === '' || r.value === 'NA' ? null : Number(r.value))),
        fact.higherIsBetter,
      );
      group.forEach((r, i) => {
        if (r.CPPScore === '' || r.CPPScore === 'NA') {
          expect(scores[i], r.InterZone).toBeNull();
          return;
        }
        expect(scores[i], `${r.InterZone} ${r.Indicator}`).toBeCloseTo(Number(r.CPPScore), 9);
        compared++;
      });
    }
    expect(compared).toBe(rows.length);
  });
});
