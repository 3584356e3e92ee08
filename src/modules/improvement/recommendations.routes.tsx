import type { Router } from '../../core/http/router.ts';
import type { Deps } from '../../deps.ts';

/** Issue 6: to be written. */
export function recommendationsRoutes(_router: Router, _deps: Deps): void {}
