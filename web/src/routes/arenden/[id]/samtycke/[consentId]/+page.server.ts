import { telHref } from '#lib/phone.ts';
import { longDate, stockholmDate } from '#contracts/time.ts';
import { receiptSchema } from '#contracts/consents.ts';
import { receiptT, type ReceiptLang } from '#lib/messages/receipt.ts';
import { apiGet } from '#lib/server/api.ts';
import { inOrder } from '#lib/server/consents.ts';
import type { PageServerLoad } from './$types';


/** The family's receipt: every sentence in the chosen language, dates with their year. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const lang: ReceiptLang = url.searchParams.get('lang') === 'en' ? 'en' : 'sv';
  const r = await apiGet(fetch, `/api/consents/${encodeURIComponent(params.consentId)}/receipt`, receiptSchema);
  const rt = receiptT(lang);
  const date = (d: string) => longDate(d, lang);
  const guardians = r.parties.filter((p) => p.role === 'guardian').length;
  const child = r.parties.some((p) => p.role === 'child');
  const guardianText = guardians === 1 ? rt('parties.oneGuardian') : rt('parties.twoGuardians');
  // Whom to call to withdraw: the responsible social worker first, the team's phone as well.
  const calls = [
    ...(r.contactName && r.contactPhone ? [{ text: rt('withdraw.contact', { name: r.contactName }), phone: r.contactPhone, href: telHref(r.contactPhone) }] : []),
    ...(r.teamPhone ? [{ text: rt(r.contactPhone ? 'withdraw.team' : 'withdraw.teamOnly', { team: r.teamName }), phone: r.teamPhone, href: telHref(r.teamPhone) }] : []),
  ];
  return {
    lang,
    caseId: params.id,
    path: url.pathname,
    receipt: {
      lead: rt('lead', { organisation: r.organisationName }),
      who: rt('who.text', { team: r.teamName, organisation: r.organisationName }),
      scopes: inOrder(r.scopes).map((s) => rt(`scope.${s}`)),
      parties: !guardians ? rt('parties.childOnly') : child ? rt('parties.andChild', { guardians: guardianText }) : guardianText,
      how: rt(`how.${r.form}`),
      period: rt('facts.periodValue', { from: date(r.validFrom), until: date(r.validUntil) }),
      // The API says the state in Swedish already ("Återkallat 3 mars"); English is said here.
      status: lang === 'sv' ? r.statusText : rt(`status.${r.status}`, { date: date(r.status === 'withdrawn' && r.withdrawnAt ? stockholmDate(new Date(r.withdrawnAt)) : r.status === 'not_yet_valid' ? r.validFrom : r.validUntil) }),
      calls,
      noPhone: calls.length ? null : rt('withdraw.noPhone', { team: r.teamName }),
      signLines: [...Array.from({ length: guardians }, () => rt('sign.guardian')), ...(child ? [rt('sign.child')] : []), rt('sign.date')],
    },
  };
};
