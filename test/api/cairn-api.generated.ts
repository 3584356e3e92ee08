// Generated from Cairn’s OpenAPI document by openapi-typescript: do not edit.
// Make it anew with `npm run api:types` after changing a route (test/api/api-client.test.ts checks it).

export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness and database check
     * @description Requires the permission `health:read`: Ask whether the service is up.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/account/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your personal API tokens that are not revoked (never their secrets)
     * @description Requires the permission `token:read`: List one’s own personal API tokens (never their secrets).
     */
    get: operations['listApiTokens'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in user and their roles
     * @description Requires the permission `account:read`: Read one’s own account.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/areas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Scotland’s council areas
     * @description Requires the permission `area:read`: Read the geography: Scotland, council areas, localities and their name variants.
     */
    get: operations['listAreas'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/areas/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Find the GSS code for a name as any source spells it, or for an old code
     * @description Requires the permission `area:read`: Read the geography: Scotland, council areas, localities and their name variants.
     */
    get: operations['resolveArea'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/areas/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One area with its name variants and previous codes
     * @description Requires the permission `area:read`: Read the geography: Scotland, council areas, localities and their name variants.
     */
    get: operations['getArea'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All partnerships
     * @description Requires the permission `partnership:list`: List the partnerships.
     */
    get: operations['listPartnerships'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One partnership with its partners, localities and statutory partner coverage
     * @description Requires the permission `partnership:read`: Read a partnership’s dashboard, partners, localities and members.
     */
    get: operations['getPartnership'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/organisations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Partner organisations
     * @description Requires the permission `partnership:read`: Read a partnership’s dashboard, partners, localities and members.
     */
    get: operations['listPartnerOrganisations'];
    put?: never;
    /**
     * Add a partner organisation (an existing one by id, or a new one by name and type)
     * @description Requires the permission `organisation:create`: Add a partner organisation to a partnership.
     */
    post: operations['addPartnerOrganisation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/localities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Localities
     * @description Requires the permission `partnership:read`: Read a partnership’s dashboard, partners, localities and members.
     */
    get: operations['listLocalities'];
    put?: never;
    /**
     * Define a locality
     * @description Requires the permission `locality:create`: Define a locality of a partnership.
     */
    post: operations['createLocality'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * People with a role
     * @description Requires the permission `partnership:read`: Read a partnership’s dashboard, partners, localities and members.
     */
    get: operations['listMembers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisation-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Types of partner organisation, with their legal basis
     * @description Requires the permission `organisation-type:read`: Read the types of partner organisation.
     */
    get: operations['listOrganisationTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partnership’s audit trail, newest first
     * @description Requires the permission `audit:read`: Read the audit trail (a partnership’s, or all for administrators).
     */
    get: operations['listPartnershipAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The whole audit trail, newest first
     * @description Requires the permission `audit:read`: Read the audit trail (a partnership’s, or all for administrators).
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/outcomes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partnership’s outcomes profile: CPOP series beside Scotland, improvement rates, traffic lights
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['getOutcomesProfile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/inequality': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Inequality inside a partnership: Duncan index by year; latest most vs least deprived, slope and relative indexes
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['getInequality'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/locality-test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The locality test (s.10): each locality against the rest of the area and Scotland, per indicator, with the summary
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['getLocalityTest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/scotland': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All 32 partnerships on one indicator: series, improvement rates, traffic lights against Scotland, family groups, latest Duncan index
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['getScotlandOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/communities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partnership’s communities: latest values, z-scores and ranks on each CPOP community indicator, and the overall rank in the round
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['listCommunities'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/communities/{izCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One community: each CPOP indicator’s series beside its council area and Scotland, with latest value, z-score and rank
     * @description Requires the permission `outcome:read`: Read outcomes data and the measures computed from it (open data).
     */
    get: operations['getCommunity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/deadline-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The statutory time limits and working-day calendars, with their sources
     * @description Requires the permission `deadline:read`: Use the statutory deadline calculator and read the time limits and working-day calendars.
     */
    get: operations['listDeadlineRules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/deadlines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The due date of a statutory time limit beginning with a given date
     * @description Requires the permission `deadline:read`: Use the statutory deadline calculator and read the time limits and working-day calendars.
     */
    get: operations['calculateDeadline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Participation and asset transfer requests made to the partnership’s authorities, with the next deadline of each
     * @description Requires the permission `request:read`: Read every participation and asset transfer request made to a partnership’s authorities, with their deadlines.
     */
    get: operations['listPartnershipRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/requests/{requestId}/transitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take the authority’s next step on a request (refused with 409 when the step is not possible now)
     * @description Requires the permission `request:process`: Acknowledge, validate and decide requests, run outcome improvement processes, agree extensions.
     */
    post: operations['transitionRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/deadlines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Statutory deadlines overdue and due in the next 7 days
     * @description Requires the permission `request:read`: Read every participation and asset transfer request made to a partnership’s authorities, with their deadlines.
     */
    get: operations['listDueDeadlines'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/registers/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The public register of participation and asset transfer requests
     * @description Requires the permission `register:read`: Read the public registers: participation and asset transfer requests, decision notices, reports, registers of land, annual reports.
     */
    get: operations['listRegisteredRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/plans/{planId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A plan as a tree: priorities, outcomes, measures (values, targets, status), actions, progress
     * @description Requires the permission `plan:read`: Read published plans (and, inside one’s partnership, its drafts).
     */
    get: operations['getPlan'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reports with recommendations on community planning
     * @description Requires the permission `recommendation:read`: Read audit reports, their recommendations, progress ratings and the impact table.
     */
    get: operations['listRecommendationReports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/recommendations/reports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A report: its groups and recommendations, addressees, audit dimensions and every progress rating
     * @description Requires the permission `recommendation:read`: Read audit reports, their recommendations, progress ratings and the impact table.
     */
    get: operations['getRecommendationReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/partnerships/{partnership}/self-evaluation/{year}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partnership’s published self-evaluations of a year: scores, evidence and views
     * @description Requires the permission `self-evaluation:read`: Read the self-evaluations partnerships have published.
     */
    get: operations['getPublishedSelfEvaluations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/self-evaluation/spread': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The spread of self-evaluation scores per criterion in a year; partnerships named only where published
     * @description Requires the permission `self-evaluation:compare`: See the spread of self-evaluation scores across all partnerships (named only where published).
     */
    get: operations['getSelfEvaluationSpread'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/support/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Published improvement support offers, searched and filtered as on /support
     * @description Requires the permission `support:read`: Read the improvement support national bodies offer.
     */
    get: operations['listSupportOffers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/good-practice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search published case studies (full text in q; theme, principle and partnership filters)
     * @description Requires the permission `case-study:read`: Read and search the published good-practice case studies.
     */
    get: operations['searchCaseStudies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/good-practice/{caseStudyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A published case study with principles, measures before and after, and documents
     * @description Requires the permission `case-study:read`: Read and search the published good-practice case studies.
     */
    get: operations['getCaseStudy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/national': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The national view of all partnerships (what the reader may see)
     * @description Requires the permission `national-view:read`: Read the national view of all 32 partnerships and the plan stocktake (what each has published).
     */
    get: operations['getNationalView'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/national/stocktake': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The plan stocktake: each partnership’s latest published LOIP compared
     * @description Requires the permission `national-view:read`: Read the national view of all 32 partnerships and the plan stocktake (what each has published).
     */
    get: operations['getPlanStocktake'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /**
       * @description The process is up and the database answered a query
       * @enum {string}
       */
      status: 'ok';
      /**
       * @description The database engine in use
       * @enum {string}
       */
      engine: 'pglite' | 'postgres';
      /** @description Cairn’s version */
      version: string;
    };
    Error: {
      error: {
        /** @description A stable code: invalid, not_found, forbidden, csrf, too_large, … */
        code: string;
        /** @description What went wrong, in words for a person */
        message: string;
        /** @description For invalid input: each field (or _body) with its messages */
        fields?: {
          [key: string]: string[];
        };
        /** @description For a 500: the reference to quote */
        requestId?: string;
      };
    };
    Me: {
      id: number;
      email: string;
      displayName: string;
      /** @description Until the password is changed, only the account’s own routes may be used */
      mustChangePassword: boolean;
      nationalRoles: ('national_analyst' | 'administrator')[];
      partnershipRoles: {
        partnershipId: number;
        /** @enum {string} */
        role: 'viewer' | 'partner_officer' | 'partnership_manager';
      }[];
    };
    AreaSummary: {
      /** @description GSS code, e.g. S12000036 */
      code: string;
      name: string;
      /** @enum {string} */
      level: 'country' | 'council_area' | 'locality' | 'intermediate_zone' | 'data_zone' | 'ward' | 'health_board';
      parent_code: string | null;
      fictional: boolean;
    };
    Area: {
      code: string;
      name: string;
      /** @enum {string} */
      level: 'country' | 'council_area' | 'locality' | 'intermediate_zone' | 'data_zone' | 'ward' | 'health_board';
      fictional: boolean;
      source: string | null;
      parent: {
        code: string;
        name: string;
      } | null;
      /** @description Other spellings sources use for the area */
      nameVariants: string[];
      previousCodes: {
        code: string;
        changedIn: string | null;
      }[];
      /** @description How many areas of each level lie directly inside it, by level */
      children: {
        [key: string]: number;
      };
    };
    PartnershipSummary: {
      /** @description The partnership’s key in URLs, e.g. aberdeen-city */
      code: string;
      name: string;
      councilAreaCode: string;
      councilAreaName: string;
      /** @description Demo content, invented */
      fictional: boolean;
      organisationCount: number;
    };
    Partnership: {
      id: number;
      code: string;
      name: string;
      councilAreaCode: string;
      fictional: boolean;
      organisations: components['schemas']['PartnerOrganisation'][];
      /** @description Each statutory partner type of schedule 1 of the 2015 Act, with the members of that type */
      statutoryCoverage: {
        code: string;
        name: string;
        note: string | null;
        legalBasis: string | null;
        /** @description The partnership’s organisations of this type, by name */
        members: string[];
      }[];
      localities: components['schemas']['Locality'][];
    };
    PartnerOrganisation: {
      id: number;
      name: string;
      website: string | null;
      type_code: string;
      type_name: string;
      /** @enum {string} */
      category: 'statutory_partner' | 'community' | 'third_sector' | 'business' | 'national' | 'other';
      sort_order: number;
      /**
       * @description How the organisation takes part in the partnership
       * @enum {string}
       */
      kind: 'statutory_partner' | 'partner' | 'community' | 'observer';
      /** Format: date */
      joined_on: string | null;
      /** @description The partnership that keeps this record; null for national bodies */
      owner_partnership_id: number | null;
      fictional: boolean;
    };
    Locality: {
      code: string;
      name: string;
      fictional: boolean;
      components: {
        code: string;
        name: string;
        /** @enum {string} */
        level: 'country' | 'council_area' | 'locality' | 'intermediate_zone' | 'data_zone' | 'ward' | 'health_board';
      }[];
    };
    Member: {
      id: number;
      email: string;
      display_name: string;
      active: boolean;
      /** @enum {string} */
      role: 'viewer' | 'partner_officer' | 'partnership_manager';
      /**
       * Format: date-time
       * @description When the role was given
       */
      created_at: string;
      organisation_name: string | null;
    };
    OrganisationType: {
      code: string;
      name: string;
      /** @enum {string} */
      category: 'statutory_partner' | 'community' | 'third_sector' | 'business' | 'national' | 'other';
      legal_basis: string | null;
      note: string | null;
      sort_order: number;
    };
    AuditEvent: {
      /** @description The event’s number (a 64-bit integer, as a string); `before` pages on it */
      id: string;
      /** Format: date-time */
      at: string;
      /** @description Who did it: an email address, or the command line’s label */
      actor: string;
      /** @description The partnership’s name; null for national events */
      partnership: string | null;
      /** @description What was done, e.g. plan.publish */
      action: string;
      resourceType: string;
      resourceId: string | null;
      /** @description The record before the change (secrets redacted), or null */
      before?: unknown;
      /** @description The record after the change (secrets redacted), or null */
      after?: unknown;
      ip: string | null;
      requestId: string | null;
    };
    IndicatorProfile: {
      code: string;
      name: string;
      unit: string | null;
      higherIsBetter: boolean | null;
      /** @description Tagged by a national analyst as a measure of prevention */
      prevention: boolean;
      area: components['schemas']['AreaSeries'];
      scotland: components['schemas']['AreaSeries'];
      /**
       * @description CPOP’s traffic light against Scotland
       * @enum {string|null}
       */
      light: 'green' | 'amber' | 'red' | null;
      family: components['schemas']['AreaSeries'] & (Record<string, never> | null);
      /** @enum {string|null} */
      familyLight: 'green' | 'amber' | 'red' | null;
      change: {
        /** @enum {string} */
        direction: 'improving' | 'maintaining' | 'worsening';
        fromYear: number;
        toYear: number;
      } | null;
    };
    AreaSeries: {
      /** @description In period order, projections included */
      points: components['schemas']['SeriesPoint'][];
      latest: components['schemas']['SeriesPoint'] & (Record<string, never> | null);
      /** @description (last ÷ first − 1) × 100 over the raw and imputed values (CPOP) */
      improvementRate: number | null;
    };
    SeriesPoint: {
      /** @description The period as the source labels it, e.g. 2021/22 */
      period: string;
      /** Format: date */
      periodStart: string;
      value: number;
      /** @enum {string} */
      valueType: 'raw' | 'imputed' | 'projected';
    };
    InequalityProfile: {
      indicatorCode: string;
      indicator: string;
      unit: string | null;
      higherIsBetter: boolean;
      /** @description The Duncan index year by year (null where the inputs are too incomplete) */
      duncan: {
        year: number;
        value: number | null;
        note: string | null;
      }[];
      latest: {
        year: number;
        zones: number;
        /** @description The share of zones at each end (a method parameter) */
        share: number;
        mostMean: number | null;
        leastMean: number | null;
        mostZones: number;
        leastZones: number;
        gap: number | null;
        ratio: number | null;
        /** @enum {string|null} */
        worse: 'most deprived' | 'least deprived' | 'neither' | null;
        /** @description Slope index of inequality */
        sii: number | null;
        /** @description Relative index of inequality */
        rii: number | null;
      } | null;
    };
    LocalityTest: {
      parameters: {
        significanceLevel: number;
        minZones: number;
        minExpectedCount: number;
      };
      /** @description Indicators significantly poorer for a locality to need a plan */
      minPoorer: number;
      localities: {
        code: string;
        name: string;
      }[];
      indicators: {
        indicatorCode: string;
        indicatorName: string;
        results: {
          code: string;
          name: string;
          /** @description Population-weighted mean of its zones */
          value: number | null;
          zones: number;
          zonesWithValues: number;
          vsArea: components['schemas']['LocalityComparison'];
          vsScotland: components['schemas']['LocalityComparison'];
        }[];
      }[];
      summaries: {
        code: string;
        name: string;
        poorerThanArea: number;
        poorerThanScotland: number;
        poorer: number;
        tested: number;
        insufficient: string[];
        needsPlan: boolean;
        reasons: {
          indicatorCode: string;
          indicatorName: string;
          poorerThan: ('rest of area' | 'Scotland')[];
          value: number | null;
          vsArea: components['schemas']['LocalityComparison'];
          vsScotland: components['schemas']['LocalityComparison'];
        }[];
      }[];
    };
    LocalityComparison: {
      /** @enum {string} */
      comparator: 'rest of area' | 'Scotland';
      comparatorValue: number | null;
      difference: number | null;
      /** @enum {string|null} */
      test: 'two-proportion z-test' | 'one-sample proportion z-test' | "Welch's t-test" | 'one-sample t-test' | null;
      /** @description z or t */
      statistic: number | null;
      /** @description Degrees of freedom, for the t-tests */
      df: number | null;
      pValue: number | null;
      /** @enum {string} */
      verdict: 'significantly poorer' | 'not significantly different' | 'significantly better' | 'insufficient data';
      note: string | null;
    };
    IndicatorChoice: {
      code: string;
      name: string;
      /** @description CPOP, NPF, LGBF or local */
      framework: string;
      unit: string | null;
      higherIsBetter: boolean | null;
    };
    CommunityScore: {
      period: string;
      value: number;
      /** @enum {string} */
      valueType: 'raw' | 'imputed' | 'projected';
      /** @description Against the partnership’s communities; positive is better */
      zScore: number | null;
      /** @description 1 = best of the partnership’s communities */
      rank: number | null;
    } | null;
    DeadlineRule: {
      /** @description e.g. pr-decision */
      code: string;
      name: string;
      /** @description In words, e.g. "30 working days" */
      period: string;
      /** @enum {string} */
      unit: 'working_days' | 'days' | 'months';
      length: number;
      /** @description The event the period begins with */
      beginsWith: string;
      /**
       * @description Who must act by the end of the period
       * @enum {string}
       */
      party: 'authority' | 'additional_authority' | 'community_body';
      extendable: boolean;
      /** @description The code of the working-day calendar it counts by */
      calendar: string;
      source: string;
      note: string | null;
    };
    WorkingDayCalendar: {
      code: string;
      name: string;
      source: string;
      /** @description The days that are not working days */
      exclusions: {
        /** @enum {string} */
        kind: 'weekday' | 'annual' | 'date';
        /** @description ISO weekday (6 = Saturday, 7 = Sunday) */
        weekday: number | null;
        month: number | null;
        day: number | null;
        /** Format: date */
        date: string | null;
      }[];
    };
    PartnershipRequest: {
      id: number;
      reference: string;
      /** @enum {string} */
      kind: 'participation' | 'asset_transfer';
      title: string;
      /** @enum {string} */
      status:
        | 'draft'
        | 'submitted'
        | 'information_requested'
        | 'validated'
        | 'agreed'
        | 'refused'
        | 'process_established'
        | 'under_review'
        | 'under_appeal'
        | 'completed'
        | 'withdrawn';
      authority: string;
      communityBody: string;
      /** Format: date */
      validationDate: string | null;
      /** @enum {string|null} */
      decision: 'agreed' | 'refused' | null;
      /** Format: date */
      decisionDate: string | null;
      /** @description The soonest statutory deadline not yet met */
      nextDeadline: {
        rule: string;
        /** Format: date */
        due: string;
      } | null;
    };
    DueDeadline: {
      /** @description The request’s reference */
      request: string;
      title: string;
      rule: string;
      /** Format: date */
      due: string;
      /** @description The officer responsible; null when no one is assigned */
      responsible: string | null;
    };
    RegisteredRequest: {
      /** @description e.g. PR-2026-0003 */
      reference: string;
      /** @enum {string} */
      kind: 'participation' | 'asset_transfer';
      title: string;
      /** @description The partnership’s code */
      partnership: string;
      communityBody: string;
      authority: string;
      /** @enum {string} */
      status:
        | 'draft'
        | 'submitted'
        | 'information_requested'
        | 'validated'
        | 'agreed'
        | 'refused'
        | 'process_established'
        | 'under_review'
        | 'under_appeal'
        | 'completed'
        | 'withdrawn';
      /** Format: date */
      validationDate: string | null;
      /** @enum {string|null} */
      decision: 'agreed' | 'refused' | null;
      /** Format: date */
      decisionDate: string | null;
      fictional: boolean;
      /** @description The request’s page in the public register */
      url: string;
    };
    PlanTree: {
      plan: {
        id: number;
        partnershipId: number;
        partnershipCode: string;
        partnershipName: string;
        /** @enum {string} */
        kind: 'loip' | 'locality' | 'improvement';
        title: string;
        summary: string | null;
        localityCode: string | null;
        localityName: string | null;
        /** @description The first financial year, by the year it begins in */
        startYear: number;
        endYear: number;
        /** @enum {string} */
        status: 'draft' | 'consultation' | 'approved' | 'published';
        version: number;
        /** Format: date-time */
        publishedAt: string | null;
        fictional: boolean;
        /** @description The plan this one sits under, if the reader may see it */
        parent: {
          id: number;
          title: string;
          /** @enum {string} */
          kind: 'loip' | 'locality' | 'improvement';
          /** @enum {string} */
          status: 'draft' | 'consultation' | 'approved' | 'published';
          parent_plan_id: number | null;
          partnership_id: number;
        } | null;
        /** @description The plans under this one that the reader may see */
        children: {
          id: number;
          title: string;
          /** @enum {string} */
          kind: 'loip' | 'locality' | 'improvement';
          /** @enum {string} */
          status: 'draft' | 'consultation' | 'approved' | 'published';
        }[];
      };
      priorities: {
        id: number;
        title: string;
        description: string | null;
        outcomes: {
          id: number;
          title: string;
          description: string | null;
          /** @description The national outcomes it contributes to */
          national: {
            code: string;
            name: string;
          }[];
          measures: components['schemas']['PlanMeasure'][];
          actions: components['schemas']['PlanAction'][];
          latest: components['schemas']['ProgressUpdate'];
        }[];
      }[];
      /** @description Every progress update the reader may see, newest first */
      updates: components['schemas']['ProgressUpdate'][];
    };
    PlanMeasure: {
      id: number;
      title: string;
      indicatorCode: string | null;
      indicatorName: string | null;
      areaCode: string | null;
      unit: string | null;
      higherIsBetter: boolean;
      baseline: {
        year: number;
        value: number;
      } | null;
      targets: {
        year: number;
        value: number;
      }[];
      /** @description By year: from the outcomes data for an indicator, or entered by the partnership */
      values: {
        year: number;
        value: number;
        source: string | null;
      }[];
      /** @description Progress against the baseline and target (the plans method parameters) */
      progress:
        | {
            /** @enum {string} */
            status: 'on_track' | 'acceleration_needed' | 'limited_progress' | 'deterioration';
            /** @description Compound annual growth since the baseline, as a fraction */
            growth: number;
            /** @description The growth a year the target needs, as a fraction */
            needed: number | null;
            ratio: number | null;
          }
        | {
            status: null;
            /** @description Why there is no status */
            reason: string;
          };
      /** @description No value in the last stale_after_years years (a method parameter) */
      stale: boolean;
    };
    PlanAction: {
      id: number;
      title: string;
      lead: {
        id: number;
        name: string;
      };
      contributors: {
        id: number;
        name: string;
      }[];
      /** Format: date */
      startDate: string | null;
      /** Format: date */
      dueDate: string | null;
      /** @enum {string} */
      status: 'not_started' | 'in_progress' | 'complete' | 'cancelled';
      /** @enum {string} */
      horizon: 'short' | 'medium' | 'long';
      overdue: boolean;
      latest: components['schemas']['ProgressUpdate'];
    };
    /** @description The latest approved progress update */
    ProgressUpdate: {
      id: number;
      /** @enum {string} */
      subjectKind: 'outcome' | 'measure' | 'action';
      subjectId: number;
      /** @enum {string} */
      rag: 'red' | 'amber' | 'green';
      narrative: string;
      evidenceUrl: string | null;
      /** Format: date */
      date: string;
      author: string;
      /** @description Unapproved updates are shown only to the partnership’s own people */
      approved: boolean;
    } | null;
    RecommendationReportSummary: {
      id: number;
      title: string;
      publisher: string;
      /** Format: date */
      publishedOn: string;
      url: string | null;
      summary: string | null;
      /** @description How many recommendations it makes */
      recommendations: number;
    };
    RecommendationReport: {
      id: number;
      title: string;
      publisher: string;
      /** Format: date */
      publishedOn: string;
      url: string | null;
      summary: string | null;
      groups: {
        id: number;
        title: string;
        position: number;
      }[];
      recommendations: components['schemas']['Recommendation'][];
    };
    Recommendation: {
      id: number;
      reportId: number;
      ref: string;
      text: string;
      position: number;
      group: {
        id: number;
        title: string;
        position: number;
      } | null;
      addressees: {
        /** @enum {string} */
        kind: 'scottish_government' | 'cosla' | 'all_cpps' | 'partnership' | 'organisation';
        name: string;
        partnershipId: number | null;
        organisationId: number | null;
      }[];
      /** @description The wider-scope audit dimensions it touches */
      dimensions: {
        code: string;
        name: string;
      }[];
      /** @description Every rating, oldest first */
      history: components['schemas']['RecommendationRating'][];
      latest: components['schemas']['RecommendationRating'] & (Record<string, never> | null);
    };
    RecommendationRating: {
      id: number;
      /** @enum {string} */
      rating: 'green' | 'amber' | 'red';
      narrative: string;
      evidence: string | null;
      /** Format: date */
      asOf: string;
      author: string;
      /** Format: date-time */
      createdAt: string;
    };
    PublishedSelfEvaluation: {
      year: number;
      /** @enum {string} */
      status: 'draft' | 'published';
      /** Format: date-time */
      published_at: string | null;
      framework: {
        code: string;
        name: string;
        source: string;
        /** @description The scale, lowest first */
        levels: {
          score: number;
          label: string;
        }[];
      };
      scores: {
        /** @description The criterion’s code */
        criterion: string;
        title: string;
        score: number | null;
        evidence: string | null;
      }[];
      /** @description Partners’ and community bodies’ views */
      views: {
        /** @description The partner organisation or community body the view speaks for */
        from: string;
        /** @enum {string} */
        kind: 'partner' | 'community_body';
        /** @description The criterion’s code; null for a view of the whole */
        criterion: string | null;
        view: string;
        score: number | null;
      }[];
    };
    SelfEvaluationSpread: {
      /** @description The national framework’s code */
      framework: string;
      year: number;
      /** @description Partnerships that scored in the year, drafts included */
      partnerships: number;
      /** @description Of those, how many have not published (counted, never named) */
      drafts: number;
      data: {
        criterion: string;
        title: string;
        count: number;
        min: number | null;
        lowerQuartile: number | null;
        median: number | null;
        upperQuartile: number | null;
        max: number | null;
        published: number;
        drafts: number;
        /** @description How many partnerships scored at each level, lowest first */
        at_level: {
          score: number;
          label: string;
          count: number;
        }[];
      }[];
      /** @description The partnerships that published, by name */
      published: {
        code: string;
        name: string;
        fictional: boolean;
        /** @description By criterion code: the score, or null where not scored */
        scores: {
          [key: string]: number | null;
        };
      }[];
    };
    SupportOffer: {
      id: number;
      title: string;
      theme: string;
      description: string;
      provider: string;
      format: string;
      eligibility: string;
      contact: string;
      fictional: boolean;
      /** @description The principles of effective community planning it supports */
      principles: {
        code: string;
        title: string;
      }[];
      indicators: {
        code: string;
        name: string;
      }[];
    };
    CaseStudyHit: {
      id: number;
      partnershipId: number;
      partnershipCode: string;
      partnershipName: string;
      fictional: boolean;
      title: string;
      summary: string;
      /** @description The national outcome it is about */
      themeCode: string;
      themeName: string;
      /** @enum {string} */
      status: 'draft' | 'submitted' | 'published' | 'returned';
      returnReason: string | null;
      /** Format: date-time */
      submittedAt: string | null;
      /** Format: date-time */
      publishedAt: string | null;
      /** Format: date-time */
      updatedAt: string;
      /** @description Full-text rank (0 without words to search for) */
      rank: number;
      /** @description Where the words matched, each match between ** and **; null without words */
      snippet: string | null;
    };
    CaseStudy: {
      id: number;
      partnershipId: number;
      partnershipCode: string;
      partnershipName: string;
      fictional: boolean;
      title: string;
      summary: string;
      /** @description The national outcome it is about */
      themeCode: string;
      themeName: string;
      /** @enum {string} */
      status: 'draft' | 'submitted' | 'published' | 'returned';
      returnReason: string | null;
      /** Format: date-time */
      submittedAt: string | null;
      /** Format: date-time */
      publishedAt: string | null;
      /** Format: date-time */
      updatedAt: string;
      body: string;
      contact: string;
      /** Format: date-time */
      createdAt: string;
      /** @description The principles of effective community planning it shows */
      criteria: {
        id: number;
        code: string;
        title: string;
      }[];
      measures: components['schemas']['CaseStudyMeasure'][];
      documents: {
        id: number;
        title: string;
        url: string;
      }[];
    };
    CaseStudyMeasure: {
      id: number;
      title: string;
      indicatorCode: string | null;
      indicatorName: string | null;
      areaCode: string | null;
      areaName: string | null;
      unit: string | null;
      higherIsBetter: boolean | null;
      beforePeriod: string;
      afterPeriod: string;
      before: number | null;
      after: number | null;
      /** @description The figures come from Cairn’s outcomes data, not the partnership */
      fromCairn: boolean;
      source: string | null;
      change: number | null;
      /** @enum {string|null} */
      direction: 'improved' | 'worsened' | 'no_change' | null;
      /** @description Why a figure is missing */
      missing: string | null;
    };
    NationalView: {
      /** @description The reporting year, by the year it begins in */
      year: number;
      span: {
        /** @description e.g. 2025/26 */
        label: string;
        /** Format: date */
        start: string;
        /** Format: date */
        end: string;
        words: string;
      };
      /**
       * Format: date
       * @description An annual report counts as on time if published by this date
       */
      dueBy: string;
      /** @description The method parameter dueBy is counted from */
      months: {
        value: number;
        description: string;
        source: string;
      };
      rows: components['schemas']['NationalRow'][];
    };
    NationalRow: {
      id: number;
      code: string;
      name: string;
      fictional: boolean;
      /** @description Whether the reader may see this partnership’s unpublished work */
      member: boolean;
      /** @description The latest published LOIP */
      loip: {
        id: number;
        title: string;
        startYear: number;
        endYear: number;
        /** Format: date-time */
        publishedAt: string | null;
      } | null;
      /** @description The newest LOIP not published: only for those who may read the partnership */
      unpublishedLoip: {
        id: number;
        title: string;
        /** @enum {string} */
        status: 'draft' | 'consultation' | 'approved' | 'published';
        startYear: number;
        endYear: number;
      } | null;
      report: {
        /** Format: date-time */
        publishedAt: string | null;
        /** @enum {string} */
        timeliness: 'on_time' | 'late' | 'overdue' | 'not_yet_due';
      };
      recommendations: {
        addressed: number;
        answered: number;
      };
      selfEvaluation: {
        year: number;
        mean: number;
        criteria: number;
      } | null;
      /** @description CPOP traffic lights against Scotland; null without outcomes data */
      lights: {
        green: number;
        amber: number;
        red: number;
      } | null;
      participation: {
        /** @description Validated in the reporting year */
        validated: number;
        /** @description Decided in the reporting year */
        decided: number;
        /** @description Of those, decided by the deadline (as extended) */
        onTime: number;
        /** @description Validated, undecided and past the deadline today */
        overdue: number;
      };
      assetTransfer: {
        /** @description Validated in the reporting year */
        validated: number;
        /** @description Decided in the reporting year */
        decided: number;
        /** @description Of those, decided by the deadline (as extended) */
        onTime: number;
        /** @description Validated, undecided and past the deadline today */
        overdue: number;
      };
    };
    StocktakeRow: {
      id: number;
      code: string;
      name: string;
      fictional: boolean;
      /** @description The latest published LOIP */
      plan: {
        id: number;
        title: string;
        startYear: number;
        endYear: number;
        /** Format: date-time */
        publishedAt: string | null;
      } | null;
      priorities: number;
      outcomes: number;
      outcomesWithMeasures: number;
      measures: number;
      measuresWithTargets: number;
      localityPlans: number;
      /** @description Preventative share of the money committed in the latest financial year with money */
      prevention: {
        year: number;
        share: number;
      } | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listApiTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: number;
              name: string;
              /** @description The start of the token, `cairn_<8 hex digits>`; not secret */
              prefix: string;
              /** @enum {string} */
              scope: 'read' | 'partnership-write';
              partnership: {
                id: number;
                code: string;
                name: string;
              } | null;
              /** @enum {string} */
              status: 'active' | 'expired' | 'revoked';
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              expiresAt: string;
              /** Format: date-time */
              lastUsedAt: string | null;
            }[];
          };
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAreas: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['AreaSummary'][];
          };
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  resolveArea: {
    parameters: {
      query: {
        name: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The name or code asked about, as given */
            name: string;
            /** @description Its current GSS code, or null when nothing matches */
            code: string | null;
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getArea: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Area'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPartnerships: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['PartnershipSummary'][];
          };
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getPartnership: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partnership'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPartnerOrganisations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['PartnerOrganisation'][];
          };
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  addPartnerOrganisation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          organisation_id?: number;
          name?: string;
          type_code?: string;
          website?: string;
          /** @enum {string} */
          kind: 'statutory_partner' | 'partner' | 'community' | 'observer';
          /** Format: date */
          joined_on?: string;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The organisation’s membership of the partnership, as recorded */
            data: {
              partnership_id: number;
              organisation_id: number;
              /** @enum {string} */
              kind: 'statutory_partner' | 'partner' | 'community' | 'observer';
              /** Format: date */
              joined_on: string | null;
              /** Format: date-time */
              created_at: string;
            };
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission, or without the CSRF token */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description In conflict with what exists: `error.fields` names the field */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is larger than the limit (CAIRN_FORM_MAX_KB) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listLocalities: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Locality'][];
          };
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createLocality: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          components?: string | string[];
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description The new locality’s code: the council area’s code and -L01, -L02, … */
              code: string;
              name: string;
              /** @description The codes of the areas it is made of */
              components: string[];
            };
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission, or without the CSRF token */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description In conflict with what exists: `error.fields` names the field */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is larger than the limit (CAIRN_FORM_MAX_KB) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Member'][];
          };
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listOrganisationTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['OrganisationType'][];
          };
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPartnershipAuditEvents: {
    parameters: {
      query?: {
        before?: number;
        limit?: number;
      };
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Newest first */
            data: components['schemas']['AuditEvent'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        before?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Newest first */
            data: components['schemas']['AuditEvent'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOutcomesProfile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            partnership: {
              code: string;
              name: string;
              councilAreaCode: string;
            };
            indicators: components['schemas']['IndicatorProfile'][];
          };
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getInequality: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            partnership: {
              code: string;
              councilAreaCode: string;
            };
            indicators: components['schemas']['InequalityProfile'][];
          };
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getLocalityTest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LocalityTest'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getScotlandOverview: {
    parameters: {
      query?: {
        indicator?: string;
        sort?: 'area' | 'group' | 'latest' | 'rate' | 'light' | 'family' | 'duncan';
        dir?: 'asc' | 'desc';
        group?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The indicators with values for council areas */
            indicators: components['schemas']['IndicatorChoice'][];
            /** @description The chosen indicator (the `indicator` query, or child poverty); null without data */
            overview: {
              indicator: components['schemas']['IndicatorChoice'];
              scotland: components['schemas']['AreaSeries'];
              rows: {
                areaCode: string;
                area: string;
                partnershipCode: string;
                /** @description The CPOP family group */
                familyGroup: number | null;
                series: components['schemas']['AreaSeries'];
                /** @enum {string|null} */
                light: 'green' | 'amber' | 'red' | null;
                /**
                 * @description Against the other members of its family group
                 * @enum {string|null}
                 */
                familyLight: 'green' | 'amber' | 'red' | null;
                /** @description The latest Duncan index */
                duncan: {
                  year: number;
                  value: number;
                } | null;
              }[];
            } | null;
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listCommunities: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            partnership: {
              code: string;
              name: string;
              councilAreaCode: string;
              fictional: boolean;
            };
            councilArea: {
              code: string;
              name: string;
              fictional: boolean;
            };
            indicators: {
              code: string;
              name: string;
              unit: string | null;
              higherIsBetter: boolean | null;
              /** @description The year compared: the latest with a value */
              period: string | null;
              communitiesWithValue: number;
            }[];
            /** @description Best overall first; those without a score last, by name */
            communities: {
              code: string;
              name: string;
              /** @description By indicator code; null where it has no value in the year compared */
              scores: {
                [key: string]: components['schemas']['CommunityScore'];
              };
              /** @description The mean of its z-scores, “in the round” */
              overallScore: number | null;
              overallRank: number | null;
              indicatorsScored: number;
            }[];
            /** @description Communities with an overall score */
            ranked: number;
          };
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCommunity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
        izCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            partnership: {
              code: string;
              name: string;
              councilAreaCode: string;
              fictional: boolean;
            };
            councilArea: {
              code: string;
              name: string;
              fictional: boolean;
            };
            community: {
              code: string;
              name: string;
              overallScore: number | null;
              overallRank: number | null;
              indicatorsScored: number;
            };
            /** @description Communities in the council area */
            communities: number;
            ranked: number;
            indicators: {
              code: string;
              name: string;
              unit: string | null;
              higherIsBetter: boolean | null;
              /** @description The year compared: the latest with a value */
              period: string | null;
              communitiesWithValue: number;
              community: {
                points: components['schemas']['SeriesPoint'][];
                latest: components['schemas']['SeriesPoint'] & (Record<string, never> | null);
              };
              councilArea: {
                points: components['schemas']['SeriesPoint'][];
                latest: components['schemas']['SeriesPoint'] & (Record<string, never> | null);
              };
              scotland: {
                points: components['schemas']['SeriesPoint'][];
                latest: components['schemas']['SeriesPoint'] & (Record<string, never> | null);
              };
              score: components['schemas']['CommunityScore'];
            }[];
          };
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDeadlineRules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DeadlineRule'][];
            calendars: components['schemas']['WorkingDayCalendar'][];
          };
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  calculateDeadline: {
    parameters: {
      query: {
        rule: string;
        start: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            rule: string;
            /** Format: date */
            start: string;
            /**
             * Format: date
             * @description The last day of the period
             */
            due: string;
            period: string;
            beginsWith: string;
            source: string;
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPartnershipRequests: {
    parameters: {
      query?: {
        status?:
          | 'draft'
          | 'submitted'
          | 'information_requested'
          | 'validated'
          | 'agreed'
          | 'refused'
          | 'process_established'
          | 'under_review'
          | 'under_appeal'
          | 'completed'
          | 'withdrawn';
        kind?: 'participation' | 'asset_transfer';
      };
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['PartnershipRequest'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  transitionRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
        /** @description A row id */
        requestId: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          action:
            | 'submit'
            | 'withdraw'
            | 'request_information'
            | 'validate'
            | 'record_additional_answer'
            | 'decide'
            | 'extend'
            | 'assign'
            | 'establish_process'
            | 'process_update'
            | 'complete'
            | 'request_review'
            | 'decide_review'
            | 'lodge_appeal'
            | 'decide_appeal';
          /** @description Note */
          note?: string;
          /** Format: date */
          date?: string;
          /** Format: date */
          validation_date?: string;
          /** Format: date */
          additional_authority_asked_on?: string;
          /** @description Information needed */
          information_needed?: string;
          /** @enum {string} */
          answer?: 'joins' | 'declines';
          /** @enum {string} */
          decision?: 'agreed' | 'refused';
          /** Format: date */
          decision_date?: string;
          /** @description Reasons */
          decision_reasons?: string;
          /** @description Conditions */
          decision_conditions?: string;
          /** @description Decision notice */
          decision_notice?: string;
          /** @description Economic development */
          s24_economic_development?: string;
          /** @description Regeneration */
          s24_regeneration?: string;
          /** @description Public health */
          s24_public_health?: string;
          /** @description Social wellbeing */
          s24_social_wellbeing?: string;
          /** @description Environmental wellbeing */
          s24_environmental_wellbeing?: string;
          /** @description Reducing inequalities of outcome from socio-economic disadvantage */
          s24_reducing_inequalities?: string;
          /** @description Increasing participation of people experiencing socio-economic disadvantage */
          s24_participation_of_disadvantaged?: string;
          rule_code?: string;
          /** Format: date */
          extended_to?: string;
          responsible_user_id?: number;
          /** Format: date */
          process_established_on?: string;
          /** @description The process */
          process_description?: string;
          /** @description Final report */
          final_report?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: number;
            reference: string;
            /**
             * @description The request’s status after the step
             * @enum {string}
             */
            status:
              | 'draft'
              | 'submitted'
              | 'information_requested'
              | 'validated'
              | 'agreed'
              | 'refused'
              | 'process_established'
              | 'under_review'
              | 'under_appeal'
              | 'completed'
              | 'withdrawn';
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission, or without the CSRF token */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description In conflict with what exists: `error.fields` names the field */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is larger than the limit (CAIRN_FORM_MAX_KB) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDueDeadlines: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            today: string;
            overdue: components['schemas']['DueDeadline'][];
            dueThisWeek: components['schemas']['DueDeadline'][];
          };
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listRegisteredRequests: {
    parameters: {
      query?: {
        kind?: 'participation' | 'asset_transfer';
        partnership?: string;
        status?: string;
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Newest validation first, at most 500 */
            data: components['schemas']['RegisteredRequest'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getPlan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
        /** @description A row id */
        planId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PlanTree'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listRecommendationReports: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecommendationReportSummary'][];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRecommendationReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A row id */
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecommendationReport'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getPublishedSelfEvaluations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        partnership: string;
        /** @description The year a reporting year begins in */
        year: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            partnership: {
              code: string;
              name: string;
              fictional: boolean;
            };
            /** @description One for each framework it used that year */
            data: components['schemas']['PublishedSelfEvaluation'][];
          };
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSelfEvaluationSpread: {
    parameters: {
      query?: {
        year?: number;
        framework?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SelfEvaluationSpread'];
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the API token is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Without the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSupportOffers: {
    parameters: {
      query?: {
        q?: string;
        principle?: string;
        theme?: string;
        format?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SupportOffer'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  searchCaseStudies: {
    parameters: {
      query?: {
        q?: string;
        theme?: string;
        principle?: string;
        partnership?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Best match first, at most 200 */
            data: components['schemas']['CaseStudyHit'][];
          };
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCaseStudy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A row id */
        caseStudyId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseStudy'];
        };
      };
      /** @description Not found, or no access (the two are not told apart) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getNationalView: {
    parameters: {
      query?: {
        year?: number;
        sort?:
          | 'name'
          | 'loip'
          | 'report'
          | 'recommendations'
          | 'self_evaluation'
          | 'green'
          | 'red'
          | 'participation'
          | 'asset_transfer';
        dir?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NationalView'];
        };
      };
      /** @description Invalid input: `error.fields` names each field with its messages */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getPlanStocktake: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['StocktakeRow'][];
          };
        };
      };
      /** @description Something went wrong: quote `error.requestId` */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
