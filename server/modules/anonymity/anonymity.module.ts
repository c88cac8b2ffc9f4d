import { defineModule } from '../registry.ts';
import { anonymityRoutes } from './anonymity.routes.ts';

export default defineModule({ name: 'anonymity', routes: anonymityRoutes });
