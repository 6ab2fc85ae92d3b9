import type { NeedEvent } from '../domain/need/events.js';
import type { OrganizationEvent } from '../domain/organization/events.js';
import type { Contact } from '../domain/shared/fields.js';
import type { UserEvent } from '../domain/user/events.js';
import type { JsonValue } from '../eventstore/port.js';
import type { NotificationSettingsEvent } from '../notifications/settings.js';

/** What a name reads as once its subject's key was destroyed; the pages show it as it is. */
export const ERASED = '已注销';

/** An erased contact keeps the Contact type: the name says 已注销, phone and email are empty. */
export const erasedContact: Contact = { name: ERASED, phone: '', email: '' };

export interface PersonalField {
  /** Where the value is in the event's data; an absent or null value is nothing personal. */
  path: readonly string[];
  /** What the value reads as once the subject's key was destroyed, of the value's own type. */
  erased: JsonValue;
}

export type SubjectKind = 'organization' | 'user';

export interface PersonalDataRule {
  /**
   * Whose data it is: the subject's kind and the data field with its id. An event without that field (a
   * NeedUpdated) belongs to the subject named by its stream's first event (the NeedCreated).
   */
  subject: { kind: SubjectKind; idField: string };
  fields: readonly PersonalField[];
}

type PersonalEventType = (OrganizationEvent | NeedEvent | UserEvent | NotificationSettingsEvent)['type'];

const contact = (path: readonly string[]): PersonalField => ({ path, erased: { ...erasedContact } });
const organization = { kind: 'organization', idField: 'orgId' } as const;
const user = { kind: 'user', idField: 'userId' } as const;

/**
 * Every event that carries personal data, which fields, and whose. Contacts of an organization and of its
 * needs are the organization's (cancelling the organization destroys one key); a staff member's name, a
 * user's own mail address and a staff member's TOTP secret are the user's.
 * `test/unit/personal-data/personal-fields.test.ts` fails when an event declares a contact without being
 * listed here.
 */
export const PERSONAL_DATA: Partial<Record<PersonalEventType, PersonalDataRule>> = {
  OrganizationRegistered: { subject: organization, fields: [contact(['contact'])] },
  OrganizationProfileUpdated: { subject: organization, fields: [contact(['changes', 'contact'])] },
  NeedCreated: { subject: organization, fields: [contact(['contact'])] },
  NeedUpdated: { subject: organization, fields: [contact(['changes', 'contact'])] },
  UserRegistered: { subject: user, fields: [{ path: ['name'], erased: ERASED }] },
  NotificationSettingsChanged: { subject: user, fields: [{ path: ['email'], erased: null }] },
  // Not personal data but a credential (鉴别信息), kept confidential in storage the same way; erased, it
  // reads as '' and matches no code (src/application/totp.ts).
  StaffTotpEnrolled: { subject: user, fields: [{ path: ['secret'], erased: '' }] },
};

export function personalDataOf(eventType: string): PersonalDataRule | undefined {
  return (PERSONAL_DATA as Partial<Record<string, PersonalDataRule>>)[eventType];
}

/** The key store's name of a subject: `organization:<id>`, `user:<id>`. */
export const subjectName = (kind: SubjectKind, id: string): string => `${kind}:${id}`;
