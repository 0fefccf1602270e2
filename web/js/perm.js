// perm.js — what the signed-in account may do, from GET /api/v1/me.
// The server decides every request; these only hide buttons that would fail.

/** Does me.permissions[res] include act ("read"/"write")? */
export function can(me, res, act) {
  const p = me && me.permissions && me.permissions[res];
  return Array.isArray(p) && p.includes(act);
}

export function isAdmin(me) {
  return !!me && me.role === 'admin';
}

/** Org editing: admin and staff only (docs/api.md "Who"). */
export function canEditOrgs(me) {
  return !!me && (me.role === 'admin' || me.role === 'staff') && (can(me, 'org', 'write') || !me.permissions);
}

/** May me change this unit itself (rename, close, merge, move)?
 * Admin anywhere; staff strictly below their own unit. */
export function canEditOrg(me, org) {
  if (!canEditOrgs(me) || !org) return false;
  if (me.role === 'admin') return true;
  return !(me.org && org.id === me.org.id);
}

/** May me create a unit under this one?  Staff may under their own unit. */
export function canAddChild(me, org) {
  return canEditOrgs(me) && !!org && !org.closed;
}

export function canWritePeople(me) {
  return can(me, 'person', 'write');
}

/** Transfers: staff and admin (secretaries may not).  The server may say so
 * itself with permissions.transfer; otherwise the role decides. */
export function canTransfer(me) {
  if (me && me.permissions && Array.isArray(me.permissions.transfer)) return can(me, 'transfer', 'write');
  return canWritePeople(me) && (me.role === 'admin' || me.role === 'staff');
}

/* The resource of /me's permissions a record type is listed under, where
 * it is not the type's own name (GET /meta does not say it). */
const RESOURCE = { catalog: 'config', metric_value: 'metric' };

/** The permissions key of a type: its own name, or the resource it is
 * filed under (the catalogue under "config", emulation figures under
 * "metric").  A child type passes its parent's name (see meta.permKey). */
export function resourceOf(name) {
  return RESOURCE[name] || name;
}

/** Records of a generic type (GET /meta "types"): me.permissions is keyed by
 * the type's name; a child type (attendance) by its parent's (activity). */
export function canReadType(me, name) {
  return can(me, resourceOf(name), 'read');
}

export function canWriteType(me, name) {
  return can(me, resourceOf(name), 'write');
}
