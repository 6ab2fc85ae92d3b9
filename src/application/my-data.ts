import { needDecider } from '../domain/need/decider.js';
import type { NeedStatus } from '../domain/need/state.js';
import { needStream } from '../domain/need/stream.js';
import type { PolicyVersions } from '../domain/organization/policy-acceptance.js';
import type { Organization } from '../domain/organization/state.js';
import type { Contact } from '../domain/shared/fields.js';
import { userDecider } from '../domain/user/decider.js';
import { toUserView, type UserView } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { documentIds } from '../matching/document-ids.js';
import { getNotificationSettings, type NotificationSettingsView } from '../notifications/settings-service.js';
import type { SearchIndex } from '../search/port.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { getOrganization } from './organization-service.js';
import { type DataPolicy, dataPolicy } from './policies/retention.js';

/** The organization as registered and as it stands now, its contact included. */
export type MyOrganization = Pick<
  Organization,
  | 'id'
  | 'name'
  | 'uscc'
  | 'kind'
  | 'city'
  | 'status'
  | 'contact'
  | 'qualifications'
  | 'description'
  | 'registeredAt'
  | 'verifiedAt'
>;

export interface NeedContact {
  needId: string;
  title: string;
  status: NeedStatus;
  contact: Contact | null;
}

/** GET /api/v1/me/data and the 我的数据 page: everything personal the platform holds about the asking user. */
export interface MyData {
  account: Pick<UserView, 'id' | 'username' | 'role' | 'name' | 'status' | 'createdAt' | 'orgId'>;
  organization: MyOrganization | null;
  /** The contacts the organization gave on its needs (solutions carry none). */
  needContacts: NeedContact[];
  notificationSettings: Pick<NotificationSettingsView, 'email' | 'sendsTo' | 'choices'>;
  /** The 隐私政策 and 用户协议 versions accepted at the organization's registration, and when. */
  consents: { accepted: PolicyVersions; at: string | null } | null;
  policy: DataPolicy;
}

/**
 * Reads everything from the entities' own streams (the read models hold no contact), the index only to
 * find the organization's needs. Only the asker's own account and organization: no id comes from outside.
 */
export async function myData(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  privacyContact: string | undefined,
): Promise<MyData> {
  const userId = ctx.actor.userId ?? '';
  const { state } = await readEntity(deps.store, userStream(userId), userDecider);
  const { id, username, role, name, status, createdAt, orgId } = toUserView(state);
  const org = orgId ? (await getOrganization(deps, orgId)).state : null;
  const settings = await getNotificationSettings(deps, ctx.actor);
  return {
    account: { id, username, role, name, status, createdAt, orgId },
    organization: org && ownOrganization(org),
    needContacts: org ? await needContactsOf(deps, search, org.id) : [],
    notificationSettings: { email: settings.email, sendsTo: settings.sendsTo, choices: settings.choices },
    consents: org?.policiesAccepted ? { accepted: org.policiesAccepted, at: org.registeredAt } : null,
    policy: dataPolicy(deps, privacyContact),
  };
}

function ownOrganization(org: Organization): MyOrganization {
  const { id, name, uscc, kind, city, status, contact, qualifications, description } = org;
  return {
    id,
    name,
    uscc,
    kind,
    city,
    status,
    contact,
    qualifications,
    description,
    registeredAt: org.registeredAt,
    verifiedAt: org.verifiedAt,
  };
}

async function needContactsOf(deps: AppDeps, search: SearchIndex, orgId: string): Promise<NeedContact[]> {
  const ids = await documentIds(search, 'needs', { field: 'orgId', op: 'eq', value: orgId });
  const contacts: NeedContact[] = [];
  for (const needId of ids) {
    const { state, revision } = await readEntity(deps.store, needStream(needId), needDecider);
    if (revision === null || state.orgId !== orgId) continue;
    contacts.push({ needId, title: state.title, status: state.status, contact: state.contact });
  }
  return contacts;
}
