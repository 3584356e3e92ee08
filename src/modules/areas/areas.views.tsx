import { SummaryList, Table } from '../../core/ui/components.tsx';
import type { AreasService } from './areas.service.ts';

/** Views of the public geography: props in, JSX out (the routes are in areas.routes.tsx). */

export const LEVEL_LABELS: Record<string, string> = {
  country: 'Country',
  council_area: 'Council area',
  locality: 'Locality',
  intermediate_zone: 'Intermediate zone',
  data_zone: 'Data zone',
  ward: 'Multi-member ward',
  health_board: 'Health board',
};

type CouncilArea = Awaited<ReturnType<AreasService['councilAreas']>>[number];
type Area = Awaited<ReturnType<AreasService['area']>>;

/** Scotland's council areas, each linked to its page. */
export function CouncilAreasPage({ areas }: { areas: readonly CouncilArea[] }) {
  return (
    <>
      <p>
        Scotland (S92000003) has 32 council areas, each with a community planning partnership. Areas are identified by
        their GSS codes; sources spell the names in different ways, and Cairn recognises the variants.
      </p>
      <Table
        caption="Scotland's council areas"
        rows={areas}
        empty="No council areas are loaded."
        columns={[
          { header: 'Council area', cell: (a) => <a href={`/areas/${a.code}`}>{a.name}</a> },
          { header: 'GSS code', cell: (a) => <code>{a.code}</code> },
        ]}
      />
      <p>
        <a href="/api/v1/areas">These areas as JSON</a>
      </p>
    </>
  );
}

/** One area: its code, level, parent, the other names and codes sources use, and what lies inside it. */
export function AreaPage({ area }: { area: Area }) {
  return (
    <>
      <SummaryList
        items={[
          { key: 'GSS code', value: <code>{area.code}</code> },
          { key: 'Level', value: LEVEL_LABELS[area.level] ?? area.level },
          { key: 'Part of', value: area.parent ? area.parent.name : '—' },
          {
            key: 'Other names in sources',
            value: area.nameVariants.length ? area.nameVariants.join('; ') : 'None recorded',
          },
          {
            key: 'Previous codes',
            value: area.previousCodes.length
              ? area.previousCodes.map((p) => `${p.code} (changed ${p.changedIn ?? ''})`).join('; ')
              : 'None',
          },
          {
            key: 'Smaller areas loaded',
            value: Object.keys(area.children).length
              ? Object.entries(area.children)
                  .map(([level, n]) => `${n} ${LEVEL_LABELS[level]?.toLowerCase() ?? level}s`)
                  .join(', ')
              : 'None yet: intermediate and data zones arrive with the geography import',
          },
          { key: 'Source', value: area.source ?? '—' },
        ]}
      />
    </>
  );
}
