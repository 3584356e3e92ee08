import type { Config } from './config.ts';
import type { Clock } from './core/time.ts';
import { systemClock } from './core/time.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { AreasService } from './modules/areas/index.ts';
import { AuditService } from './modules/audit/index.ts';
import { ImportsService } from './modules/imports/index.ts';
import { OutcomesService } from './modules/outcomes/index.ts';
import { PartnershipsService } from './modules/partnerships/index.ts';

/** The composition root: one place where the database, clock and configuration meet the services. */
export interface Deps {
  handle: DatabaseHandle;
  config: Config;
  clock: Clock;
  accounts: AccountsService;
  areas: AreasService;
  audit: AuditService;
  imports: ImportsService;
  outcomes: OutcomesService;
  partnerships: PartnershipsService;
}

export function buildDeps(handle: DatabaseHandle, config: Config, clock: Clock = systemClock): Deps {
  const { db } = handle;
  const accounts = new AccountsService(db, clock, config);
  return {
    handle,
    config,
    clock,
    accounts,
    areas: new AreasService(db),
    audit: new AuditService(db),
    imports: new ImportsService(db, clock),
    outcomes: new OutcomesService(db),
    partnerships: new PartnershipsService(db, clock, accounts),
  };
}
