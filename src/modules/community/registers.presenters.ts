import type { CsvColumn } from '../../core/csv.ts';
import { kindLabel } from './request-parts.views.tsx';
import type { RegistersService } from './registers.service.ts';
import { STATUS_LABELS } from './workflow.ts';

/** The public registers' API JSON, CSV columns and Atom feed: service results in, what is published out. */

type RegisterRows = Awaited<ReturnType<RegistersService['requests']>>;
type FeedEntries = Awaited<ReturnType<RegistersService['feed']>>;

/** The address of a request in the public register. */
const requestUrl = (baseUrl: string, reference: string) => `${baseUrl}/registers/requests/${reference}`;

/** The public register of requests (RegisteredRequestList). */
export function registeredRequestsJson(rows: RegisterRows, baseUrl: string) {
  return {
    data: rows.map((r) => ({
      reference: r.reference,
      kind: r.kind,
      title: r.title,
      partnership: r.partnership_code,
      communityBody: r.body_name,
      authority: r.authority_name,
      status: r.status,
      validationDate: r.validation_date,
      decision: r.decision,
      decisionDate: r.decision_date,
      fictional: r.fictional,
      url: requestUrl(baseUrl, r.reference),
    })),
  };
}

/** The columns of the register of requests as CSV. */
export function registerCsvColumns(baseUrl: string): CsvColumn<RegisterRows[number]>[] {
  return [
    { header: 'reference', value: (r) => r.reference },
    { header: 'kind', value: (r) => r.kind },
    { header: 'title', value: (r) => r.title },
    { header: 'partnership', value: (r) => r.partnership_name },
    { header: 'community_body', value: (r) => r.body_name },
    { header: 'community_body_type', value: (r) => r.body_type },
    { header: 'authority', value: (r) => r.authority_name },
    { header: 'status', value: (r) => r.status },
    { header: 'validation_date', value: (r) => r.validation_date },
    { header: 'decision', value: (r) => r.decision },
    { header: 'decision_date', value: (r) => r.decision_date },
    { header: 'completed_on', value: (r) => r.completed_on },
    { header: 'fictional', value: (r) => r.fictional },
    { header: 'url', value: (r) => requestUrl(baseUrl, r.reference) },
  ];
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string,
  );

/** The Atom feed of what is newly published in the registers. */
export function registersFeedXml(entries: FeedEntries, base: string): string {
  const updated = (entries[0]?.at ?? new Date(0)).toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '<title>Cairn: participation and asset transfer requests</title>',
    `<id>${escapeXml(base)}/registers/feed.atom</id>`,
    `<link rel="self" href="${escapeXml(base)}/registers/feed.atom"/>`,
    `<link rel="alternate" href="${escapeXml(base)}/registers"/>`,
    `<updated>${updated}</updated>`,
    '<author><name>Cairn</name></author>',
    ...entries.map((e) =>
      [
        '<entry>',
        `<id>${escapeXml(base)}/registers/requests/${escapeXml(e.reference)}#event-${e.id}</id>`,
        `<title>${escapeXml(`${e.reference} ${e.title}: ${STATUS_LABELS[e.to_status as keyof typeof STATUS_LABELS] ?? e.to_status}`)}</title>`,
        `<link href="${escapeXml(base)}/registers/requests/${escapeXml(e.reference)}"/>`,
        `<updated>${e.at.toISOString()}</updated>`,
        `<summary>${escapeXml(`${kindLabel(e.kind)} from ${e.body_name} to ${e.authority_name}: ${e.action.replaceAll('_', ' ')}.${e.note ? ` ${e.note}` : ''}`)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n');
}
