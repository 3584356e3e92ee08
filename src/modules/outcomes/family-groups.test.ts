import { describe, expect, it } from 'vitest';
import { familyGroupAverage, familyGroupMembers, familyGroupTrafficLight, type FamilyMember } from './family-groups.ts';

const m = (code: string, latest: number | null, rate: number | null): FamilyMember => ({ code, latest, rate });

describe('familyGroupAverage', () => {
  const group = [m('S1', 20, -10), m('S2', 24, -4), m('S3', 30, 2), m('S4', 22, -6)];

  it('is the mean of the other members, leaving the partnership itself out', () => {
    // Others of S1: 24, 30, 22 → 76 ÷ 3; rates −4, 2, −6 → −8 ÷ 3.
    const a = familyGroupAverage('S1', group);
    expect(a.latest).toBeCloseTo(76 / 3, 12);
    expect(a.rate).toBeCloseTo(-8 / 3, 12);
    expect(a.latestFrom).toEqual(['S2', 'S3', 'S4']);
  });

  it('is the same whether or not the partnership is in the list', () => {
    expect(familyGroupAverage('S1', group.slice(1))).toEqual(familyGroupAverage('S1', group));
  });

  it('leaves members without a value out of that mean only', () => {
    const a = familyGroupAverage('S1', [m('S1', 1, 1), m('S2', null, 4), m('S3', 30, null), m('S4', 20, 6)]);
    expect(a).toEqual({ latest: 25, rate: 5, latestFrom: ['S3', 'S4'], rateFrom: ['S2', 'S4'] });
  });

  it('is null when no other member has a value', () => {
    expect(familyGroupAverage('S1', [m('S1', 1, 1)])).toEqual({
      latest: null,
      rate: null,
      latestFrom: [],
      rateFrom: [],
    });
  });
});

describe('familyGroupMembers', () => {
  const rows = [
    { councilCode: 'S1', groupNumber: 1 },
    { councilCode: 'S2', groupNumber: 2 },
    { councilCode: 'S3', groupNumber: 1 },
  ];
  it("gives the rows of the partnership's own group, itself included", () => {
    expect(familyGroupMembers('S3', rows).map((r) => r.councilCode)).toEqual(['S1', 'S3']);
    expect(familyGroupMembers('S9', rows)).toEqual([]);
  });
});

describe('familyGroupTrafficLight', () => {
  // Child poverty, higher is bad. S1 20% falling 10%; the others average 25.33% falling 2.67%.
  const group = [m('S1', 20, -10), m('S2', 24, -4), m('S3', 30, 2), m('S4', 22, -6)];

  it("applies CPOP's traffic light against the family-group average", () => {
    expect(familyGroupTrafficLight('S1', group, false).light).toBe('green');
    expect(familyGroupTrafficLight('S3', group, false).light).toBe('red'); // 30% rising, against 22% falling
    expect(familyGroupTrafficLight('S1', group, true).light).toBe('red');
  });

  it('gives no light without values', () => {
    expect(familyGroupTrafficLight('S1', [m('S1', 20, null), m('S2', 24, -4)], false).light).toBeNull();
    expect(familyGroupTrafficLight('S9', group, false).light).toBeNull();
    expect(familyGroupTrafficLight('S1', [m('S1', 20, -10)], false).light).toBeNull();
  });
});
