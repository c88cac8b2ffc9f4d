import { organisationPicker } from '#lib/server/organisation-choice.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies }) => ({ user: locals.user, organisationPicker: organisationPicker(locals.user, cookies) });
