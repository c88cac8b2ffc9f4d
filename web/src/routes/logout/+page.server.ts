import { redirect } from '@sveltejs/kit';
import { apiSend } from '#lib/server/api.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ fetch }) => {
    await apiSend(fetch, 'POST', '/api/auth/logout');
    redirect(303, '/login?utloggad');
  },
};
