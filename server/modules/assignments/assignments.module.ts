import { defineModule } from '../registry.ts';
import { createAssignmentsRepository } from './assignments.repository.ts';
import { assignmentsRoutes } from './assignments.routes.ts';
import { createAssignmentsService, type AssignmentsService } from './assignments.service.ts';

declare module '../registry.ts' {
  interface Services {
    assignments: AssignmentsService;
  }
}

export default defineModule({
  name: 'assignments',
  services: ({ db, clock }) => ({ assignments: createAssignmentsService({ repo: createAssignmentsRepository(db), clock }) }),
  routes: assignmentsRoutes,
});
