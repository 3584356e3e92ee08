export { PartnershipsService, partnershipRowToRef } from './partnerships.service.ts';
export { partnershipsRoutes } from './partnerships.routes.tsx';
