/** Numbers as the outcome pages print them: a fixed number of decimals, a dash for none. */
export const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined
    ? '—'
    : v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** An improvement rate in per cent, signed: "+52.2%". */
export const pct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${fmt(v)}%`);

/** A partnership's area as its pages name it: its name without "Community Planning Partnership". */
export const areaName = (p: { name: string }) => p.name.replace(/ Community Planning Partnership.*$/, '');
