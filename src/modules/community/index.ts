export { CommunityBodiesService } from './bodies.service.ts';
export { RequestsService } from './requests.service.ts';
export { LandRegisterService } from './land.service.ts';
export { RegistersService } from './registers.service.ts';
export { RemindersService } from './reminders.service.ts';
export { communityRoutes } from './community.routes.tsx';
export { requestsRoutes } from './requests.routes.tsx';
export { registersRoutes } from './registers.routes.tsx';
export { TRANSITIONS, STATUSES, findTransition, availableTransitions } from './workflow.ts';
