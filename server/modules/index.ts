import about from './about/about.module.ts';
import accounts from './accounts/accounts.module.ts';
import agenda from './agenda/agenda.module.ts';
import anonymity from './anonymity/anonymity.module.ts';
import audit from './audit/audit.module.ts';
import assignments from './assignments/assignments.module.ts';
import auth from './auth/auth.module.ts';
import bookings from './bookings/bookings.module.ts';
import cases from './cases/cases.module.ts';
import consents from './consents/consents.module.ts';
import contacts from './contacts/contacts.module.ts';
import districts from './districts/districts.module.ts';
import feedback from './feedback/feedback.module.ts';
import figures from './figures/figures.module.ts';
import health from './health/health.module.ts';
import mail from './mail/mail.module.ts';
import meetingSeries from './meeting-series/meeting-series.module.ts';
import meetings from './meetings/meetings.module.ts';
import organisations from './organisations/organisations.module.ts';
import people from './people/people.module.ts';
import profile from './profile/profile.module.ts';
import retention from './retention/retention.module.ts';
import secondFactor from './second-factor/second-factor.module.ts';
import citySignIn from './city-sign-in/city-sign-in.module.ts';
import roster from './roster/roster.module.ts';
import settings from './settings/settings.module.ts';
import slots from './slots/slots.module.ts';
import terms from './terms/terms.module.ts';
import type { AppModule } from './registry.ts';

/**
 * Every feature module, once. Services are built in this order (a module may use those above
 * it) and routes are registered in it. A new module: its folder with a `<name>.module.ts`, and
 * one line here.
 */
export const modules: readonly AppModule[] = [
  health,
  about,
  audit,
  mail,
  secondFactor,
  auth,
  citySignIn,
  accounts,
  people,
  districts,
  organisations,
  contacts,
  roster,
  profile,
  assignments,
  settings,
  slots,
  bookings,
  meetings,
  terms,
  meetingSeries,
  cases,
  consents,
  feedback,
  agenda,
  figures,
  retention,
  anonymity,
];
