import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { actorLabel, actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit, type AuditEntry } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import {
  ConflictError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type FieldErrors,
} from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { RequestKind } from '../../db/schema.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { Notices, PeopleDirectory } from '../accounts/index.ts';
import { addDays, computeDue, effectiveDue, type DeadlinesService, type RuleBook } from '../deadlines/index.ts';
import type { DirectoryDb, PartnershipDirectory } from '../partnerships/index.ts';
import {
  TRANSITION_SCHEMAS,
  type RequestDraftSchema,
  type TransitionInput,
  type TransitionStep,
} from './community.schemas.ts';
import type { CommunityRequest, CommunityTransaction, RequestsRepository } from './requests.repository.ts';
import { requestVisibility } from './visibility.ts';
import {
  availableTransitions,
  findTransition,
  KIND_LABELS,
  KIND_PREFIX,
  nextStatus,
  S24_FACTORS,
  STATUS_LABELS,
  type Action,
  type Side,
  type Status,
} from './workflow.ts';

export type { CommunityRequest } from './requests.repository.ts';
/** A request as the repository's detail reads answer it, before the service adds other modules' names. */
type DetailRow = NonNullable<Awaited<ReturnType<RequestsRepository['findDetail']>>>;
type TransitionStepOf<A extends Action> = Extract<TransitionStep, { action: A }>;
/** What a step changes: the request's columns, the note in its history, and the decision it takes. */
interface StepResult {
  patch: Partial<CommunityRequest>;
  note: string | null;
  decision?: 'agreed' | 'refused';
}

/**
 * A step's input checked against its action's schema (TRANSITION_SCHEMAS), with the request's kind:
 * a ValidationError names every field the step is missing, with the message the form shows beside it.
 */
function transitionStep(row: CommunityRequest, action: Action, input: Partial<TransitionInput>): TransitionStep {
  const parsed = TRANSITION_SCHEMAS[action].safeParse({ ...input, action, kind: row.kind });
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) (fields[issue.path.join('.') || '_body'] ??= []).push(issue.message);
  throw new ValidationError(fields);
}

/** A date an authority records cannot be later than today. */
function notFuture(today: string, field: keyof TransitionInput, value: string): string {
  if (value > today) throw ValidationError.field(field, 'The date cannot be in the future');
  return value;
}

/** 23 November 2026, from 2026-11-23. */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** Today's date in Scotland, as YYYY-MM-DD. */

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** What may be attached, recognised by its first bytes as well as its name. */
const FILE_TYPES: { ext: string[]; type: string; magic: (b: Uint8Array) => boolean }[] = [
  {
    ext: ['pdf'],
    type: 'application/pdf',
    magic: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46,
  },
  { ext: ['png'], type: 'image/png', magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { ext: ['jpg', 'jpeg'], type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: ['docx'],
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b[0] === 0x50 && b[1] === 0x4b,
  },
  {
    ext: ['xlsx'],
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: (b) => b[0] === 0x50 && b[1] === 0x4b,
  },
  { ext: ['odt'], type: 'application/vnd.oasis.opendocument.text', magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  { ext: ['txt'], type: 'text/plain; charset=utf-8', magic: (b) => !b.includes(0) },
  { ext: ['csv'], type: 'text/csv; charset=utf-8', magic: (b) => !b.includes(0) },
];
export const ALLOWED_EXTENSIONS = FILE_TYPES.flatMap((t) => t.ext);

const sizeText = (n: number) => (n < 1048576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

export function checkUpload(file: UploadedFile, maxBytes: number, field = 'file'): { type: string; name: string } {
  const name =
    file.name
      .replace(/[/\\]/g, '_')
      .replace(/[^\p{L}\p{N} ._()-]/gu, '')
      .slice(-120) || 'attachment';
  if (file.bytes.length === 0) throw ValidationError.field(field, `The file ${name} is empty`);
  if (file.bytes.length > maxBytes) {
    throw ValidationError.field(
      field,
      `The file ${name} is ${sizeText(file.bytes.length)}; files may be at most ${sizeText(maxBytes)}`,
    );
  }
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const kind = FILE_TYPES.find((t) => t.ext.includes(ext));
  if (!kind)
    throw ValidationError.field(
      field,
      `The file ${name} is not a type Cairn accepts: use ${ALLOWED_EXTENSIONS.join(', ')}`,
    );
  if (!kind.magic(file.bytes)) throw ValidationError.field(field, `The file ${name} is not really a .${ext} file`);
  return { type: kind.type, name };
}

const PR_REQUIRED: [keyof CommunityRequest, string][] = [
  ['outcome', 'State the outcome the request is about'],
  ['reasons', 'Explain why the body should take part in the process'],
  ['knowledge', 'Describe the body’s knowledge, expertise and experience of the outcome'],
  ['improvement', 'Describe the improvement in the outcome the body expects'],
];
const ATR_REQUIRED: [keyof CommunityRequest, string][] = [
  ['transfer_type', 'Choose what the body asks to do'],
  ['benefits', 'Describe the benefits the transfer would bring'],
  ['terms', 'Give the terms offered (for a purchase, the price and any conditions; for a lease, its length and rent)'],
];

/** The roles of a partnership's people who can be responsible for a request. */
const OFFICER_ROLES = ['partner_officer', 'partnership_manager'];

/** What the requests service reads of the partnerships module: the authorities, organisations and partnerships. */
export type RequestsDirectory = Pick<
  PartnershipDirectory,
  'authorities' | 'authority' | 'organisationsByIds' | 'partnershipsByIds'
>;

/** What the requests service reads and writes of the accounts module: officers, names, notifications. */
export type RequestsPeople = Pick<PeopleDirectory, 'activeRoleHolders' | 'usersByIds'>;

export class RequestsService {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'uploadMaxBytes'>,
    private readonly deadlines: DeadlinesService,
    private readonly directory: RequestsDirectory,
    private readonly people: RequestsPeople,
    private readonly notices: Pick<Notices, 'notify'>,
  ) {}

  // ---------------------------------------------------------------- access

  /** A request the actor may work on as a member of its community body; anything else is "not found". */
  private async ownRequest(
    repo: RequestsRepository,
    ctx: RequestContext,
    requestId: number,
  ): Promise<CommunityRequest> {
    authorize(ctx.actor, 'community:use');
    if (actorUserId(ctx.actor) === null) throw new UnauthenticatedError();
    const row = await repo.visibleRequest(requestVisibility(ctx.actor, 'body'), requestId);
    if (!row) throw new NotFoundError('request');
    return row;
  }

  /**
   * A request the partnership's people may read and act on: made to one of its authorities and submitted.
   * Another partnership's request, and a draft, are "not found" (visibility.ts).
   */
  private async partnershipRequest(
    repo: RequestsRepository,
    ctx: RequestContext,
    p: PartnershipRef,
    requestId: number,
  ): Promise<CommunityRequest> {
    authorize(ctx.actor, 'request:read', p.id);
    const row = await repo.visibleRequest(requestVisibility(ctx.actor, 'partnership'), requestId, p.id);
    if (!row) throw new NotFoundError('request');
    return row;
  }

  /**
   * Record a change to a request in the audit trail. Until its first submission a request is its body's
   * private work (visibility.ts), so the record goes to no partnership's trail (administrators' national
   * trail only) and names the request without its content; the submission records the content, under the
   * partnership, as submitted.
   */
  private async audit(
    trx: CommunityTransaction,
    ctx: RequestContext,
    row: CommunityRequest,
    entry: Omit<AuditEntry, 'partnershipId'>,
    privateDetail: Record<string, unknown> = {},
  ) {
    if (row.submitted_at !== null)
      return recordAudit(trx, ctx, this.clock, { ...entry, partnershipId: row.partnership_id });
    const unsubmitted = {
      request: row.id,
      reference: row.reference,
      kind: row.kind,
      status: row.status,
      community_body_id: row.community_body_id,
      ...privateDetail,
    };
    return recordAudit(trx, ctx, this.clock, {
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId,
      partnershipId: null,
      after: unsubmitted,
    });
  }

  /**
   * Organisations of the partnership that can receive requests: its statutory partners (public service
   * authorities).
   */
  async authorities(partnershipId: number) {
    return this.directory.authorities(partnershipId);
  }

  /** The partnership's officers who can be responsible for a request (active partner officers and managers), by name. */
  private officers(partnershipId: number, db?: DirectoryDb) {
    return this.people.activeRoleHolders(partnershipId, OFFICER_ROLES, db);
  }

  /** Requests as the detail pages and lists show them: with the names of the authorities, partnership and officer. */
  private async withNames<R extends DetailRow>(rows: R[]) {
    const [organisations, partnerships, users] = await Promise.all([
      this.directory.organisationsByIds(
        distinctKeys(rows.flatMap((r) => [r.authority_organisation_id, r.additional_authority_organisation_id])),
      ),
      this.directory.partnershipsByIds(rows.map((r) => r.partnership_id)),
      this.people.usersByIds(distinctKeys(rows.map((r) => r.responsible_user_id))),
    ]);
    return rows.map((r) => {
      const { body_name, body_type, asset_name, asset_reference, ...request } = r;
      const authority = organisations.get(r.authority_organisation_id);
      const partnership = partnerships.get(r.partnership_id);
      if (!authority || !partnership)
        throw new Error(`Request ${r.id} refers to an organisation or partnership that does not exist`);
      const additional =
        r.additional_authority_organisation_id === null
          ? undefined
          : organisations.get(r.additional_authority_organisation_id);
      const responsible = r.responsible_user_id === null ? undefined : users.get(r.responsible_user_id);
      return {
        ...request,
        body_name,
        body_type,
        authority_name: authority.name,
        authority_type: authority.type_code,
        partnership_code: partnership.code,
        partnership_name: partnership.name,
        additional_authority_name: additional?.name ?? null,
        asset_name,
        asset_reference,
        responsible_name: responsible?.display_name ?? null,
      };
    });
  }

  // ---------------------------------------------------------------- the community body's side

  async createDraft(ctx: RequestContext, bodyId: number, input: z.output<typeof RequestDraftSchema>) {
    authorize(ctx.actor, 'community:use');
    return this.repo.transaction(async (repo, trx) => {
      const userId = actorUserId(ctx.actor);
      const body = userId === null ? undefined : await repo.memberBody(userId, bodyId);
      if (!body) throw new NotFoundError('community body');
      const fields = await this.checkDraftFields(repo, trx, body.partnership_id, input);
      const now = this.clock.now();
      const inserted = await repo.insertRequest({
        reference: `DRAFT-${now.getTime()}-${bodyId}`,
        kind: input.kind,
        partnership_id: body.partnership_id,
        community_body_id: bodyId,
        status: 'draft',
        fictional: body.fictional,
        created_at: now,
        updated_at: now,
        ...fields,
      });
      const reference = `${KIND_PREFIX[input.kind]}-${now.getUTCFullYear()}-${String(inserted.id).padStart(4, '0')}`;
      const row = await repo.updateRequest(inserted.id, { reference });
      await this.event(repo, ctx, row, 'create', null, 'draft', null, false);
      await this.audit(trx, ctx, row, {
        action: 'request.create',
        resourceType: 'community_request',
        resourceId: row.id,
        after: row,
      });
      if (input.intent === 'submit') return this.applyBody(repo, trx, ctx, row, 'submit', {});
      return row;
    });
  }

  async updateDraft(ctx: RequestContext, requestId: number, input: z.output<typeof RequestDraftSchema>) {
    return this.repo.transaction(async (repo, trx) => {
      const before = await this.ownRequest(repo, ctx, requestId);
      if (!['draft', 'information_requested'].includes(before.status)) {
        throw new ConflictError('This request has been submitted and can no longer be changed', {
          _body: ['This request has been submitted and can no longer be changed.'],
        });
      }
      if (input.kind !== before.kind)
        throw ValidationError.field('kind', 'The kind of a request cannot change; start a new request instead');
      const fields = await this.checkDraftFields(repo, trx, before.partnership_id, input);
      const row = await repo.updateRequest(requestId, { ...fields, updated_at: this.clock.now() });
      await this.audit(trx, ctx, row, {
        action: 'request.update',
        resourceType: 'community_request',
        resourceId: row.id,
        before,
        after: row,
      });
      if (input.intent === 'submit') return this.applyBody(repo, trx, ctx, row, 'submit', {});
      return row;
    });
  }

  private async checkDraftFields(
    repo: RequestsRepository,
    trx: CommunityTransaction,
    partnershipId: number,
    input: z.output<typeof RequestDraftSchema>,
  ) {
    if (!(await this.directory.authority(partnershipId, input.authority_organisation_id, trx))) {
      throw ValidationError.field('authority_organisation_id', 'Choose one of the public service authorities listed');
    }
    const participation = input.kind === 'participation';
    if (participation && input.additional_authority_organisation_id !== undefined) {
      if (input.additional_authority_organisation_id === input.authority_organisation_id) {
        throw ValidationError.field(
          'additional_authority_organisation_id',
          'The other authority must differ from the authority the request is made to',
        );
      }
      if (!(await this.directory.authority(partnershipId, input.additional_authority_organisation_id, trx))) {
        throw ValidationError.field(
          'additional_authority_organisation_id',
          'Choose one of the public service authorities listed',
        );
      }
    }
    if (!participation && input.land_asset_id !== undefined) {
      const asset = await repo.landAsset(partnershipId, input.land_asset_id);
      if (!asset) throw ValidationError.field('land_asset_id', 'Choose land or a building from the register');
      if (asset.owner_organisation_id !== input.authority_organisation_id) {
        throw ValidationError.field(
          'land_asset_id',
          'This land or building belongs to another authority: make the request to its owner',
        );
      }
    }
    return {
      authority_organisation_id: input.authority_organisation_id,
      title: input.title,
      outcome: participation ? (input.outcome ?? null) : null,
      reasons: participation ? (input.reasons ?? null) : null,
      knowledge: participation ? (input.knowledge ?? null) : null,
      improvement: participation ? (input.improvement ?? null) : null,
      additional_authority_organisation_id: participation ? (input.additional_authority_organisation_id ?? null) : null,
      land_asset_id: participation ? null : (input.land_asset_id ?? null),
      asset_description: participation ? null : (input.asset_description ?? null),
      transfer_type: participation ? null : (input.transfer_type ?? null),
      price_offered: participation ? null : (input.price_offered ?? null),
      terms: participation ? null : (input.terms ?? null),
      benefits: input.benefits ?? null,
    };
  }

  async bodyTransition(ctx: RequestContext, requestId: number, action: Action, input: Partial<TransitionInput>) {
    return this.repo.transaction(async (repo, trx) => {
      const row = await this.ownRequest(repo, ctx, requestId);
      return this.applyBody(repo, trx, ctx, row, action, input);
    });
  }

  private async applyBody(
    repo: RequestsRepository,
    trx: CommunityTransaction,
    ctx: RequestContext,
    row: CommunityRequest,
    action: Action,
    input: Partial<TransitionInput>,
  ) {
    const t = this.allowed(row, action, 'community_body');
    const step = transitionStep(row, t.action, input);
    const today = todayIn(this.clock);
    const patch: Partial<CommunityRequest> = {};
    if (action === 'submit') {
      const missing: FieldErrors = {};
      for (const [field, message] of row.kind === 'participation' ? PR_REQUIRED : ATR_REQUIRED)
        if (row[field] === null || row[field] === '') missing[field] = [message];
      if (row.kind === 'asset_transfer' && row.land_asset_id === null && !row.asset_description) {
        missing['land_asset_id'] = ['Choose the land or building from the register, or describe it'];
      }
      if (Object.keys(missing).length)
        throw new ValidationError(
          missing,
          'The request is missing what the Act asks for. Complete it, then submit it.',
        );
      patch.submitted_at = this.clock.now();
    }
    if (action === 'request_review' || action === 'lodge_appeal') {
      const isCouncil = await this.authorityIsCouncil(trx, row.authority_organisation_id);
      if (action === 'request_review' && !isCouncil)
        throw this.refuse(row, 'Only a council’s decision can be reviewed; appeal to the Scottish Ministers instead.');
      const rule = action === 'request_review' ? 'atr-review' : 'atr-appeal';
      const open = await this.deadlines.openRequestDeadline(row.id, rule, trx);
      if (row.status === 'validated') {
        const decision = await this.deadlines.openRequestDeadline(row.id, 'atr-decision', trx);
        if (!decision || decision.due >= today) throw this.refuse(row, 'The decision period has not run out yet.');
        if (action === 'lodge_appeal' && isCouncil)
          throw this.refuse(row, 'A council’s decision is reviewed first: apply for a review.');
      } else if (!open) {
        throw this.refuse(
          row,
          action === 'request_review' ? 'There is no decision open to review.' : 'There is no decision open to appeal.',
        );
      }
      if (open) await this.deadlines.meetRequestDeadline(trx, row.id, rule, step.date ?? today);
      if (row.status === 'validated') await this.deadlines.meetRequestDeadline(trx, row.id, 'atr-decision', null);
    }
    const to = nextStatus(t, row.status as Status);
    if (to === 'withdrawn') await this.deadlines.cancelRequestDeadlines(trx, row.id);
    return this.commitTransition(repo, trx, ctx, row, t.action, to, patch, step.note ?? null, t.public);
  }

  // ---------------------------------------------------------------- the authority's side

  async authorityTransition(ctx: RequestContext, p: PartnershipRef, requestId: number, input: TransitionInput) {
    authorize(ctx.actor, 'request:process', p.id);
    // Read (or reuse) the rules before the transaction: on the embedded engine a second connection
    // would wait for the transaction's own.
    const book = await this.deadlines.ruleBook();
    return this.repo.transaction(async (repo, trx) => {
      const row = await this.partnershipRequest(repo, ctx, p, requestId);
      const t = this.allowed(row, input.action, 'authority');
      if (t.action === 'record_additional_answer') {
        if (row.additional_authority_organisation_id === null)
          throw this.refuse(row, 'No other authority was asked to join this request.');
        if (row.additional_authority_answer !== null)
          throw this.refuse(row, 'The other authority’s answer is already recorded.');
      }
      const step = transitionStep(row, t.action, input);
      const { patch, note, decision } = await this.authorityStep(trx, ctx, p, book, row, step);
      const to = nextStatus(t, row.status as Status, decision);
      return this.commitTransition(repo, trx, ctx, row, t.action, to, patch, note, t.public);
    });
  }

  /** What one of the authority's steps changes: the request, its deadlines, and the note in its history. */
  private async authorityStep(
    trx: CommunityTransaction,
    ctx: RequestContext,
    p: PartnershipRef,
    book: RuleBook,
    row: CommunityRequest,
    step: TransitionStep,
  ): Promise<StepResult> {
    const today = todayIn(this.clock);
    switch (step.action) {
      case 'request_information':
        return { patch: { information_needed: step.information_needed }, note: step.information_needed };
      case 'validate':
        return this.validateStep(trx, ctx, p, book, row, step, today);
      case 'record_additional_answer': {
        const on = notFuture(today, 'date', step.date ?? today);
        await this.deadlines.meetRequestDeadline(trx, row.id, 'pr-additional-authority', on);
        const answer = `The other authority ${step.answer === 'joins' ? 'will take part' : 'will not take part'} (answered ${longDate(on)}).`;
        return {
          patch: { additional_authority_answer: step.answer },
          note: `${answer}${step.note ? ` ${step.note}` : ''}`,
        };
      }
      case 'decide':
      case 'decide_review':
      case 'decide_appeal':
        return this.decideStep(trx, book, row, step, today);
      case 'extend':
        return this.extendStep(trx, book, row, step);
      case 'assign':
        return {
          patch: { responsible_user_id: await this.checkOfficer(trx, p, step.responsible_user_id ?? null) },
          note: null,
        };
      case 'establish_process': {
        const on = notFuture(today, 'process_established_on', step.process_established_on);
        await this.deadlines.meetRequestDeadline(trx, row.id, 'pr-outcome-process', on);
        return {
          patch: { process_established_on: on, process_description: step.process_description },
          note: step.process_description,
        };
      }
      case 'process_update':
        return { patch: {}, note: step.note };
      case 'complete': {
        const patch: Partial<CommunityRequest> = { completed_on: notFuture(today, 'date', step.date ?? today) };
        let note = step.note ?? null;
        if (row.kind === 'participation') {
          patch.final_report = step.final_report ?? null;
          note = 'Final report published.';
        } else {
          note = note ?? 'Transfer concluded.';
        }
        await this.deadlines.cancelRequestDeadlines(trx, row.id);
        return { patch, note };
      }
      default:
        throw this.refuse(row, 'This step is not one the authority takes.');
    }
  }

  private async validateStep(
    trx: CommunityTransaction,
    ctx: RequestContext,
    p: PartnershipRef,
    book: RuleBook,
    row: CommunityRequest,
    step: TransitionStepOf<'validate'>,
    today: string,
  ): Promise<StepResult> {
    const validation = notFuture(today, 'validation_date', step.validation_date);
    if (row.submitted_at && validation < row.submitted_at.toISOString().slice(0, 10)) {
      throw ValidationError.field('validation_date', 'The validation date cannot be before the request was submitted');
    }
    const patch: Partial<CommunityRequest> = { validation_date: validation, information_needed: null };
    if (step.responsible_user_id !== undefined)
      patch.responsible_user_id = await this.checkOfficer(trx, p, step.responsible_user_id);
    else {
      // Whoever validates is responsible, if they are one of the partnership's officers (an administrator is not).
      const me = actorUserId(ctx.actor);
      patch.responsible_user_id = me !== null && (await this.isOfficer(trx, p, me)) ? me : null;
    }
    if (row.kind === 'participation') {
      const joint = row.additional_authority_organisation_id !== null;
      await this.addDeadline(trx, book, row.id, joint ? 'pr-decision-joint' : 'pr-decision', validation);
      if (joint) {
        const asked = step.additional_authority_asked_on ?? validation;
        if (asked < validation)
          throw ValidationError.field(
            'additional_authority_asked_on',
            'The other authority cannot be asked before validation',
          );
        patch.additional_authority_asked_on = asked;
        await this.addDeadline(trx, book, row.id, 'pr-additional-authority', asked);
      }
    } else {
      await this.addDeadline(trx, book, row.id, 'atr-decision', validation);
    }
    return { patch, note: `Validation date ${longDate(validation)}.${step.note ? ` ${step.note}` : ''}` };
  }

  private async decideStep(
    trx: CommunityTransaction,
    book: RuleBook,
    row: CommunityRequest,
    step: TransitionStepOf<'decide' | 'decide_review' | 'decide_appeal'>,
    today: string,
  ): Promise<StepResult> {
    const decision = step.decision;
    const on = notFuture(today, 'decision_date', step.decision_date);
    if (row.validation_date && on < row.validation_date)
      throw ValidationError.field('decision_date', 'The decision cannot be dated before the validation date');
    const reasons = step.decision_reasons ?? null;
    const conditions = step.decision_conditions ?? null;
    const patch: Partial<CommunityRequest> = {
      decision,
      decision_date: on,
      decision_reasons: reasons,
      decision_conditions: conditions,
    };
    if (step.action === 'decide') {
      if (row.kind === 'participation') {
        const factors = S24_FACTORS.map((f) => ({ factor: f.label, note: step[`s24_${f.code}`] })).filter(
          (f) => f.note,
        );
        patch.s24_factors = JSON.stringify(factors);
        await this.deadlines.meetRequestDeadline(
          trx,
          row.id,
          row.additional_authority_organisation_id !== null ? 'pr-decision-joint' : 'pr-decision',
          on,
        );
        if (decision === 'agreed') await this.addDeadline(trx, book, row.id, 'pr-outcome-process', on);
      } else {
        await this.deadlines.meetRequestDeadline(trx, row.id, 'atr-decision', on);
        const council = await this.authorityIsCouncil(trx, row.authority_organisation_id);
        await this.addDeadline(trx, book, row.id, council ? 'atr-review' : 'atr-appeal', on);
      }
      patch.decision_notice = step.decision_notice ?? this.defaultNotice(row, decision, on, reasons, conditions);
    } else if (step.action === 'decide_review') {
      await this.addDeadline(trx, book, row.id, 'atr-appeal', on);
      patch.decision_notice =
        step.decision_notice ?? this.defaultNotice(row, decision, on, reasons, conditions, 'review');
    } else {
      patch.decision_notice =
        step.decision_notice ?? this.defaultNotice(row, decision, on, reasons, conditions, 'appeal');
    }
    patch.decision_published_at = this.clock.now();
    if (decision === 'refused' && row.kind === 'participation')
      await this.deadlines.cancelRequestDeadlines(trx, row.id);
    return { patch, note: `${decision === 'agreed' ? 'Agreed' : 'Refused'} on ${longDate(on)}.`, decision };
  }

  private async extendStep(
    trx: CommunityTransaction,
    book: RuleBook,
    row: CommunityRequest,
    step: TransitionStepOf<'extend'>,
  ): Promise<StepResult> {
    const code = step.rule_code;
    const rule = book.rules.find((r) => r.code === code);
    if (!rule?.extendable) throw ValidationError.field('rule_code', 'This time limit cannot be extended');
    const open = await this.deadlines.openRequestDeadline(row.id, code, trx);
    if (!open) throw ValidationError.field('rule_code', 'This request has no open deadline under that time limit');
    const to = step.extended_to;
    if (to <= open.due)
      throw ValidationError.field('extended_to', `An extension must be later than the current deadline, ${open.due}`);
    const reason = step.note;
    await this.deadlines.extendRequestDeadline(trx, open.id, {
      extended_to: to,
      extension_reason: reason,
      due: effectiveDue(open.statutory_due, [to]),
    });
    return { patch: {}, note: `${rule.name}: extended by agreement to ${longDate(to)}. ${reason}` };
  }

  private allowed(row: CommunityRequest, action: Action, side: Side) {
    const t = findTransition(row.kind, action, row.status);
    if (!t || t.side !== side)
      throw this.refuse(
        row,
        `“${action.replaceAll('_', ' ')}” is not possible while the request is “${STATUS_LABELS[row.status as Status] ?? row.status}”.`,
      );
    return t;
  }

  private refuse(row: CommunityRequest, message: string) {
    return new ConflictError(message, { action: [message], _request: [row.reference] });
  }

  private async commitTransition(
    repo: RequestsRepository,
    trx: CommunityTransaction,
    ctx: RequestContext,
    before: CommunityRequest,
    action: Action,
    to: Status,
    patch: Partial<CommunityRequest>,
    note: string | null,
    isPublic: boolean,
  ) {
    const row = await repo.moveRequest(before.id, before.status, {
      ...patch,
      status: to,
      updated_at: this.clock.now(),
    });
    // Someone else moved the request on between our read and this write.
    if (!row)
      throw new ConflictError('The request changed while you were working on it. Reload the page and try again.');
    await this.event(repo, ctx, row, action, before.status, to, note, isPublic && row.validation_date !== null);
    await this.audit(trx, ctx, row, {
      action: `request.${action}`,
      resourceType: 'community_request',
      resourceId: row.id,
      before: { status: before.status },
      // The first the partnership's trail hears of a request is its submission: record what was submitted.
      after: action === 'submit' ? row : { status: to, ...patch },
    });
    if (action !== 'assign') await this.notifyOtherSide(repo, trx, row, action, to, ctx);
    return row;
  }

  private async event(
    repo: RequestsRepository,
    ctx: RequestContext,
    row: CommunityRequest,
    action: string,
    from: string | null,
    to: string,
    note: string | null,
    isPublic: boolean,
  ) {
    await repo.insertEvent({
      request_id: row.id,
      at: this.clock.now(),
      action,
      from_status: from,
      to_status: to,
      actor_user_id: actorUserId(ctx.actor),
      actor_label: actorLabel(ctx.actor),
      note,
      public: isPublic,
    });
  }

  /** Tell the community body what the authority did, and the responsible officer what the body did (in the app). */
  private async notifyOtherSide(
    repo: RequestsRepository,
    trx: CommunityTransaction,
    row: CommunityRequest,
    action: Action,
    to: Status,
    ctx: RequestContext,
  ) {
    const t = findTransition(row.kind, action, to) ?? null;
    const bodySide = ['submit', 'withdraw', 'request_review', 'lodge_appeal'].includes(action);
    const text = `${row.reference} “${row.title}”: ${STATUS_LABELS[to]}`;
    const users: { id: number; link: string }[] = [];
    if (bodySide) {
      if (row.responsible_user_id !== null)
        users.push({
          id: row.responsible_user_id,
          link: partnershipHref(await this.partnershipCode(trx, row.partnership_id), 'requests', row.id),
        });
    } else {
      const members = await repo.bodyMembers(row.community_body_id);
      users.push(...members.map((m) => ({ id: m.user_id, link: `/community/requests/${row.id}` })));
    }
    const me = actorUserId(ctx.actor);
    for (const u of users.filter((x) => x.id !== me)) {
      await this.notices.notify(
        {
          user_id: u.id,
          partnership_id: row.partnership_id,
          text,
          link: u.link,
          dedupe_key: `event:${row.id}:${action}:${to}:${u.id}:${this.clock.now().getTime()}`,
          created_at: this.clock.now(),
        },
        trx,
      );
    }
    void t;
  }

  /** The code of a partnership, from the partnerships module's directory. */
  private async partnershipCode(trx: CommunityTransaction, partnershipId: number): Promise<string> {
    const p = (await this.directory.partnershipsByIds([partnershipId], trx)).get(partnershipId);
    if (!p) throw new Error(`Partnership ${partnershipId} does not exist`);
    return p.code;
  }

  private async authorityIsCouncil(trx: CommunityTransaction, organisationId: number) {
    const org = (await this.directory.organisationsByIds([organisationId], trx)).get(organisationId);
    if (!org) throw new Error(`Organisation ${organisationId} does not exist`);
    return org.type_code === 'local_authority';
  }

  /** Whether a user is one of the partnership's officers who can be responsible for a request. */
  private async isOfficer(trx: CommunityTransaction, p: PartnershipRef, userId: number) {
    return (await this.officers(p.id, trx)).some((o) => o.id === userId);
  }

  private async checkOfficer(
    trx: CommunityTransaction,
    p: PartnershipRef,
    userId: number | null,
  ): Promise<number | null> {
    if (userId === null) return null;
    if (!(await this.isOfficer(trx, p, userId)))
      throw ValidationError.field('responsible_user_id', 'Choose a partner officer or manager of this partnership');
    return userId;
  }

  private defaultNotice(
    row: CommunityRequest,
    decision: 'agreed' | 'refused',
    on: string,
    reasons: string | null,
    conditions: string | null,
    stage: 'decision' | 'review' | 'appeal' = 'decision',
  ) {
    const what = KIND_LABELS[row.kind].toLowerCase();
    const heading =
      stage === 'review'
        ? 'On review, the'
        : stage === 'appeal'
          ? 'On appeal, the Scottish Ministers decided that the'
          : 'The';
    return [
      `Decision notice: ${row.reference}, ${row.title}`,
      `${heading} ${what} was ${decision} on ${longDate(on)}.`,
      reasons ? `Reasons: ${reasons}` : null,
      conditions ? `Conditions: ${conditions}` : null,
      row.kind === 'participation' && decision === 'agreed'
        ? 'An outcome improvement process will be established within the statutory period.'
        : null,
      row.kind === 'participation' && decision === 'refused'
        ? 'There is no right of appeal against a decision on a participation request.'
        : null,
    ]
      .filter(Boolean)
      .join('\n\n');
  }

  // ---------------------------------------------------------------- deadlines

  /** Start a request's deadline under a rule, its due date computed from the rule book. */
  private async addDeadline(
    trx: CommunityTransaction,
    book: RuleBook,
    requestId: number,
    rule: string,
    begins: string,
  ) {
    const { due } = computeDue(book, rule, begins);
    await this.deadlines.startRequestDeadline(trx, requestId, rule, begins, due);
  }

  // ---------------------------------------------------------------- documents

  async attach(ctx: RequestContext, requestId: number, file: UploadedFile) {
    return this.repo.transaction(async (repo, trx) => {
      const row = await this.ownRequest(repo, ctx, requestId);
      if (['completed', 'withdrawn'].includes(row.status))
        throw this.refuse(row, 'Documents cannot be added to a closed request.');
      return this.storeDocument(repo, trx, ctx, row, 'attachment', file, false);
    });
  }

  async attachForAuthority(
    ctx: RequestContext,
    p: PartnershipRef,
    requestId: number,
    kind: 'process_update' | 'final_report',
    file: UploadedFile,
  ) {
    authorize(ctx.actor, 'request:process', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const row = await this.partnershipRequest(repo, ctx, p, requestId);
      return this.storeDocument(repo, trx, ctx, row, kind, file, row.validation_date !== null);
    });
  }

  private async storeDocument(
    repo: RequestsRepository,
    trx: CommunityTransaction,
    ctx: RequestContext,
    row: CommunityRequest,
    kind: 'attachment' | 'process_update' | 'final_report',
    file: UploadedFile,
    isPublic: boolean,
  ) {
    const checked = checkUpload(file, this.config.uploadMaxBytes);
    const doc = await repo.insertDocument({
      request_id: row.id,
      kind,
      file_name: checked.name,
      content_type: checked.type,
      byte_size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      public: isPublic,
      uploaded_by_user_id: actorUserId(ctx.actor),
      created_at: this.clock.now(),
    });
    await this.audit(
      trx,
      ctx,
      row,
      {
        action: 'request.attach',
        resourceType: 'request_document',
        resourceId: doc.id,
        after: { request: row.reference, ...doc },
      },
      { document: doc.id, byte_size: doc.byte_size, sha256: doc.sha256 },
    );
    return doc;
  }

  /**
   * A document of a request the actor may read (visibility.ts): a published one of a request in the public
   * register for anyone; every document for the partnership once the request is submitted, and for the
   * body always. Anything else is "not found", exactly like a document that does not exist.
   */
  async document(ctx: RequestContext, requestId: number, documentId: number) {
    for (const reader of ['public', 'partnership', 'body'] as const) {
      const visibility = requestVisibility(ctx.actor, reader);
      const doc = await this.repo.document(visibility, requestId, documentId, reader === 'public');
      if (doc) return doc;
    }
    throw new NotFoundError('document');
  }

  // ---------------------------------------------------------------- reading

  /** One request with the names it refers to (see withNames). */
  private async withName<R extends DetailRow>(row: R) {
    const [named] = await this.withNames([row]);
    return named!;
  }

  /** A request's history, documents and deadlines; `publicOnly` keeps to what the public record shows. */
  private async timeline(requestId: number, publicOnly: boolean) {
    const [own, deadlines] = await Promise.all([
      this.repo.timeline(requestId, publicOnly),
      this.deadlines.requestDeadlines(requestId),
    ]);
    return { ...own, deadlines };
  }

  async forBody(ctx: RequestContext, requestId: number) {
    authorize(ctx.actor, 'community:use');
    if (actorUserId(ctx.actor) === null) throw new UnauthenticatedError();
    const row = await this.repo.findDetail(requestVisibility(ctx.actor, 'body'), { id: requestId });
    if (!row) throw new NotFoundError('request');
    return {
      request: await this.withName(row),
      ...(await this.timeline(requestId, false)),
      actions: availableTransitions(row.kind, row.status, 'community_body'),
    };
  }

  async forAuthority(ctx: RequestContext, p: PartnershipRef, requestId: number) {
    authorize(ctx.actor, 'request:read', p.id);
    const row = await this.repo.findDetail(requestVisibility(ctx.actor, 'partnership'), {
      id: requestId,
      partnershipId: p.id,
    });
    if (!row) throw new NotFoundError('request');
    const actions = can(ctx.actor, 'request:process', p.id)
      ? availableTransitions(row.kind, row.status, 'authority')
      : [];
    return {
      request: await this.withName(row),
      ...(await this.timeline(requestId, false)),
      actions,
      officers: await this.officers(p.id),
    };
  }

  /** For the public register: a request once validated, without anything about individuals. */
  async forPublic(ctx: RequestContext, reference: string) {
    authorize(ctx.actor, 'register:read');
    const found = await this.repo.findDetail(requestVisibility(ctx.actor, 'public'), { reference });
    if (!found) throw new NotFoundError('request');
    const row = await this.withName(found);
    const { responsible_user_id: _u, responsible_name: _n, information_needed: _i, ...open } = row;
    return { request: open, ...(await this.timeline(row.id, true)) };
  }

  async listForPartnership(
    ctx: RequestContext,
    p: PartnershipRef,
    filter: { status?: string; kind?: RequestKind } = {},
  ) {
    authorize(ctx.actor, 'request:read', p.id);
    const found = await this.repo.listDetails(requestVisibility(ctx.actor, 'partnership'), p.id, filter);
    const [rows, open] = await Promise.all([
      this.withNames(found),
      this.deadlines.openRequestDeadlines(found.map((r) => r.id)),
    ]);
    const deadlines = open.map((d) => ({
      request_id: d.request_id,
      rule_code: d.rule_code,
      due: d.due,
      rule_name: d.rule_name,
      party: d.party,
    }));
    return rows.map((r) => ({ ...r, nextDeadline: deadlines.find((d) => d.request_id === r.id) ?? null }));
  }

  /**
   * The open deadlines of the partnership's requests the reader may see, due by `until` (overdue ones too),
   * soonest first, with their request and the names of its body and responsible officer.
   */
  private async deadlinesDue(ctx: RequestContext, p: PartnershipRef, until: string) {
    const requests = await this.repo.boardRequests(requestVisibility(ctx.actor, 'partnership'), p.id);
    const byId = new Map(requests.map((r) => [r.id, r]));
    const due = await this.deadlines.openRequestDeadlines([...byId.keys()], until);
    const users = await this.people.usersByIds(
      distinctKeys(due.map((d) => byId.get(d.request_id)?.responsible_user_id)),
    );
    return due.map((d) => {
      const r = byId.get(d.request_id)!;
      return {
        id: d.id,
        due: d.due,
        statutory_due: d.statutory_due,
        extended_to: d.extended_to,
        rule_code: d.rule_code,
        rule_name: d.rule_name,
        party: d.party,
        request_id: r.id,
        reference: r.reference,
        title: r.title,
        kind: r.kind,
        status: r.status,
        body_name: r.body_name,
        responsible_user_id: r.responsible_user_id,
        responsible_name:
          r.responsible_user_id === null ? null : (users.get(r.responsible_user_id)?.display_name ?? null),
      };
    });
  }

  /** What is due this week and what is overdue, for the partnership and for each officer. */
  async dueBoard(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'request:read', p.id);
    const today = todayIn(this.clock);
    const weekEnd = addDays(today, 7);
    const rows = await this.deadlinesDue(ctx, p, weekEnd);
    const overdue = rows.filter((r) => r.due < today);
    const thisWeek = rows.filter((r) => r.due >= today);
    const byOfficer = new Map<string, { name: string; userId: number | null; overdue: number; thisWeek: number }>();
    for (const r of rows) {
      const key = String(r.responsible_user_id ?? 'none');
      const entry = byOfficer.get(key) ?? {
        name: r.responsible_name ?? 'No one assigned',
        userId: r.responsible_user_id,
        overdue: 0,
        thisWeek: 0,
      };
      if (r.due < today) entry.overdue++;
      else entry.thisWeek++;
      byOfficer.set(key, entry);
    }
    return {
      today,
      weekEnd,
      overdue,
      thisWeek,
      byOfficer: [...byOfficer.values()].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name)),
    };
  }
}

export { KIND_LABELS };
