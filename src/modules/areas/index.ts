export { AreasService, SCOTLAND_CODE } from './areas.service.ts';
export { areasRoutes } from './areas.routes.tsx';
