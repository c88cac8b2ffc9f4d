import { defineModule } from '../registry.ts';
import { createMeetingSeriesRepository, meetingSeriesTransaction } from './meeting-series.repository.ts';
import { meetingSeriesRoutes } from './meeting-series.routes.ts';
import { createMeetingSeriesService, type MeetingSeriesService } from './meeting-series.service.ts';

declare module '../registry.ts' {
  interface Services {
    meetingSeries: MeetingSeriesService;
  }
}

export default defineModule({
  name: 'meeting-series',
  services: ({ db, clock }, { organisations }) => ({ meetingSeries: createMeetingSeriesService({ repo: createMeetingSeriesRepository(db), transaction: meetingSeriesTransaction(db), organisations, clock }) }),
  routes: meetingSeriesRoutes,
});
