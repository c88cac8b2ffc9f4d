import type { Coverage } from '../../contracts/team.ts';

type Org = { id: string; name: string; kind: string; parentId: string | null };
type Section = { id: string; name: string; organisationId: string };
type Assignment = { id: string; organisationId: string; sectionId: string | null; userId: string; name: string; startsOn: string; endsOn: string | null };

const activeOn = (a: Assignment, date: string) => a.startsOn <= date && (a.endsOn === null || a.endsOn >= date);

/**
 * Which places have a named contact on a date. A section is covered by a contact for it or for
 * the whole organisation; a preschool also by one for its unit; a unit when all its preschools are.
 */
export function coverage(orgs: Org[], secs: Section[], assignments: Assignment[], date: string): Coverage {
  const active = assignments.filter((a) => activeOn(a, date));
  const wholeOrg = (orgId: string) => active.some((a) => a.organisationId === orgId && a.sectionId === null);
  const coveredOrg = (o: Org): boolean => {
    if (wholeOrg(o.id) || (o.parentId !== null && wholeOrg(o.parentId))) return true;
    const own = secs.filter((s) => s.organisationId === o.id);
    if (own.length) return own.every((s) => active.some((a) => a.sectionId === s.id));
    const children = orgs.filter((c) => c.parentId === o.id);
    return children.length > 0 && children.every((c) => wholeOrg(c.id) || active.some((a) => a.organisationId === c.id));
  };
  return orgs.map((o) => ({
    organisationId: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parentId,
    sections: secs
      .filter((s) => s.organisationId === o.id)
      .map((s) => ({ id: s.id, name: s.name, covered: wholeOrg(o.id) || active.some((a) => a.sectionId === s.id) })),
    covered: coveredOrg(o),
    assignments: assignments
      .filter((a) => a.organisationId === o.id)
      .map((a) => ({ id: a.id, userId: a.userId, name: a.name, sectionId: a.sectionId, startsOn: a.startsOn, endsOn: a.endsOn, active: activeOn(a, date) })),
  }));
}
